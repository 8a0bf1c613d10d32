import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, Injector, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import {
  TEST_CASE_CRITICALITIES,
  TEST_CASE_MAX_STEPS,
  TEST_CASE_STATUSES,
  type CreateTestCaseRequest,
  type RequirementDto,
  type TestCaseCriticality,
  type TestCaseDto,
  type TestCaseRevisionDto,
  type TestCaseStatus,
} from '@jalon/domain';
import { AcceptanceApi } from './acceptance-api';
import { ACCEPTANCE_ITEM_DIALOG_STYLES, AcceptanceItemActions, AcceptanceItemDialog } from './acceptance-item-dialog';

export interface CaseDialogData {
  projectId: string;
  testCase: TestCaseDto | null;
  /** The requirements a case may cover (the obsolete ones aside, unless already linked). */
  requirements: RequirementDto[];
}

/** A step being edited; `key` keeps each step's fields in place while steps move. */
interface StepDraft {
  key: number;
  action: string;
  data: string;
  expected: string;
}

interface Draft {
  reference: string;
  title: string;
  preconditions: string;
  criticality: TestCaseCriticality;
  status: TestCaseStatus;
  requirementIds: string[];
}

/**
 * Creates or edits a test case: its fields, the requirements it covers and its ordered steps
 * (add, remove, move up or down; each with an action, its data and the expected result), with
 * the revision history. Read only without `acceptance.write`. Closes with true when something changed.
 */
@Component({
  selector: 'jalon-case-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, DatePipe, AcceptanceItemActions, MatDialogModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>
      {{ testCase() ? ('acceptance.caseDialog.editTitle' | translate: { reference: testCase()!.reference }) : ('acceptance.caseDialog.createTitle' | translate) }}
    </h2>
    <mat-dialog-content>
      <form id="case-form" class="form" (ngSubmit)="save()" data-testid="case-form">
        <mat-form-field>
          <mat-label>{{ 'acceptance.caseDialog.reference' | translate }}</mat-label>
          <input matInput name="reference" [(ngModel)]="draft.reference" [maxlength]="referenceMax" [readonly]="!canWrite" data-testid="case-reference" />
          @if (!testCase() && canWrite) {
            <mat-hint>{{ 'acceptance.caseDialog.referenceHint' | translate }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field class="span-2">
          <mat-label>{{ 'acceptance.caseDialog.caseTitle' | translate }}</mat-label>
          <input matInput name="title" [(ngModel)]="draft.title" required [maxlength]="titleMax" [readonly]="!canWrite" data-testid="case-title" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.caseDialog.criticality' | translate }}</mat-label>
          <mat-select name="criticality" [(ngModel)]="draft.criticality" [disabled]="!canWrite" data-testid="case-criticality">
            @for (option of criticalities; track option) {
              <mat-option [value]="option">{{ 'acceptance.criticalities.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.caseDialog.status' | translate }}</mat-label>
          <mat-select name="status" [(ngModel)]="draft.status" [disabled]="!canWrite" data-testid="case-status">
            @for (option of statuses; track option) {
              <mat-option [value]="option">{{ 'acceptance.caseStatuses.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.caseDialog.requirements' | translate }}</mat-label>
          <mat-select name="requirementIds" multiple [(ngModel)]="draft.requirementIds" [disabled]="!canWrite" data-testid="case-requirements">
            @for (requirement of data.requirements; track requirement.id) {
              <mat-option [value]="requirement.id">{{ requirement.reference }} · {{ requirement.title }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'acceptance.caseDialog.preconditions' | translate }}</mat-label>
          <textarea matInput name="preconditions" rows="2" [(ngModel)]="draft.preconditions" [maxlength]="textMax" [readonly]="!canWrite"
            data-testid="case-preconditions"></textarea>
        </mat-form-field>

        <fieldset class="wide steps">
          <legend>{{ 'acceptance.caseDialog.steps' | translate }}</legend>
          <ol class="step-list" data-testid="case-steps">
            @for (step of steps(); track step.key; let index = $index, first = $first, last = $last) {
              <li class="step" [attr.data-testid]="'step-' + (index + 1)">
                <div class="step-head">
                  <span class="step-number" [id]="'step-label-' + step.key">{{ 'acceptance.caseDialog.stepNumber' | translate: { number: index + 1 } }}</span>
                  @if (canWrite) {
                    <span class="step-tools">
                      <button mat-icon-button type="button" [disabled]="first" (click)="move(index, -1)" [id]="'step-' + step.key + '-up'"
                        [attr.aria-label]="'acceptance.caseDialog.moveUp' | translate: { number: index + 1 }" [attr.data-testid]="'step-up-' + (index + 1)">
                        <mat-icon>arrow_upward</mat-icon>
                      </button>
                      <button mat-icon-button type="button" [disabled]="last" (click)="move(index, 1)" [id]="'step-' + step.key + '-down'"
                        [attr.aria-label]="'acceptance.caseDialog.moveDown' | translate: { number: index + 1 }" [attr.data-testid]="'step-down-' + (index + 1)">
                        <mat-icon>arrow_downward</mat-icon>
                      </button>
                      <button mat-icon-button type="button" [disabled]="steps().length === 1" (click)="removeStep(index)"
                        [attr.aria-label]="'acceptance.caseDialog.removeStep' | translate: { number: index + 1 }" [attr.data-testid]="'step-remove-' + (index + 1)">
                        <mat-icon>delete</mat-icon>
                      </button>
                    </span>
                  }
                </div>
                <div class="step-fields" role="group" [attr.aria-labelledby]="'step-label-' + step.key">
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>{{ 'acceptance.caseDialog.action' | translate }}</mat-label>
                    <textarea matInput rows="2" [name]="'action-' + step.key" [(ngModel)]="step.action" required [maxlength]="textMax" [readonly]="!canWrite"
                      [id]="'step-' + step.key + '-action'" [attr.data-testid]="'step-action-' + (index + 1)"></textarea>
                  </mat-form-field>
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>{{ 'acceptance.caseDialog.data' | translate }}</mat-label>
                    <textarea matInput rows="2" [name]="'data-' + step.key" [(ngModel)]="step.data" [maxlength]="textMax" [readonly]="!canWrite"
                      [attr.data-testid]="'step-data-' + (index + 1)"></textarea>
                  </mat-form-field>
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>{{ 'acceptance.caseDialog.expected' | translate }}</mat-label>
                    <textarea matInput rows="2" [name]="'expected-' + step.key" [(ngModel)]="step.expected" required [maxlength]="textMax" [readonly]="!canWrite"
                      [attr.data-testid]="'step-expected-' + (index + 1)"></textarea>
                  </mat-form-field>
                </div>
              </li>
            }
          </ol>
          @if (canWrite) {
            <button mat-stroked-button type="button" (click)="addStep()" [disabled]="steps().length >= maxSteps" data-testid="add-step">
              <mat-icon>add</mat-icon>{{ 'acceptance.caseDialog.addStep' | translate }}
            </button>
          }
        </fieldset>
      </form>

      @if (testCase()) {
        <section>
          <h3>{{ 'acceptance.caseDialog.history' | translate }}</h3>
          @if (revisions().length <= 1) {
            <p class="muted">{{ 'acceptance.caseDialog.noHistory' | translate }}</p>
          } @else {
            <ol class="history" data-testid="case-history">
              @for (revision of revisions(); track revision.revision) {
                <li>
                  <details>
                    <summary>
                      @if (revision.current) {
                        {{ 'acceptance.caseDialog.revisionCurrent' | translate: { revision: revision.revision, count: revision.steps.length } }}
                      } @else {
                        {{ 'acceptance.caseDialog.revisionReplaced' | translate: {
                          revision: revision.revision,
                          count: revision.steps.length,
                          date: (revision.replacedAt | date: 'short' : undefined : language.current()),
                          name: revision.replacedByName ?? '—' } }}
                      }
                    </summary>
                    <p class="pre">{{ revision.title }}</p>
                    <ol>
                      @for (step of revision.steps; track $index) {
                        <li>{{ step.action }} → {{ step.expected }}</li>
                      }
                    </ol>
                  </details>
                </li>
              }
            </ol>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <jalon-acceptance-item-actions [texts]="texts" testId="case" [canWrite]="canWrite" [existing]="!!testCase()" [saving]="saving()" (delete)="remove()" />
    </mat-dialog-actions>
  `,
  styles: [
    ACCEPTANCE_ITEM_DIALOG_STYLES,
    `
    @media (max-width: 760px) { .form { grid-template-columns: 1fr; } .span-2 { grid-column: auto; } }
    .steps { border: 1px solid var(--jalon-border); border-radius: 8px; margin: 0 0 8px; padding: 8px 12px 12px; }
    .steps legend { font: var(--mat-sys-title-small); padding: 0 4px; }
    .step-list { list-style: none; margin: 0 0 8px; padding: 0; }
    .step { border-bottom: 1px solid var(--jalon-border); padding: 4px 0 10px; }
    .step-head { display: flex; align-items: center; justify-content: space-between; min-height: 40px; }
    .step-number { font-weight: 600; }
    .step-fields { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
    @media (max-width: 760px) { .step-fields { grid-template-columns: 1fr; } }
    .pre { margin: 4px 0; }
  `,
  ],
})
export class CaseDialog extends AcceptanceItemDialog {
  protected readonly texts = 'acceptance.caseDialog';
  protected readonly data = inject<CaseDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(AcceptanceApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly testCase = signal<TestCaseDto | null>(this.data.testCase);
  protected readonly revisions = signal<TestCaseRevisionDto[]>([]);
  protected readonly criticalities = TEST_CASE_CRITICALITIES;
  protected readonly statuses = TEST_CASE_STATUSES;
  protected readonly maxSteps = TEST_CASE_MAX_STEPS;
  private nextKey = 1;
  protected draft: Draft = this.initialDraft(this.data.testCase);
  protected readonly steps = signal<StepDraft[]>(this.initialSteps(this.data.testCase));

  constructor() {
    super();
    const current = this.data.testCase;
    if (current) {
      this.api.caseRevisions(this.data.projectId, current.id).subscribe({ next: (revisions) => this.revisions.set(revisions), error: () => this.revisions.set([]) });
    }
  }

  private initialDraft(testCase: TestCaseDto | null): Draft {
    return {
      reference: testCase?.reference ?? '',
      title: testCase?.title ?? '',
      preconditions: testCase?.preconditions ?? '',
      criticality: testCase?.criticality ?? 'moyenne',
      status: testCase?.status ?? 'brouillon',
      requirementIds: (testCase?.requirements ?? []).map((requirement) => requirement.id),
    };
  }

  private initialSteps(testCase: TestCaseDto | null): StepDraft[] {
    const steps = testCase?.steps.length ? testCase.steps : [{ action: '', data: '', expected: '' }];
    return steps.map((step) => ({ key: this.nextKey++, action: step.action, data: step.data, expected: step.expected }));
  }

  protected addStep(): void {
    const step: StepDraft = { key: this.nextKey++, action: '', data: '', expected: '' };
    this.steps.update((steps) => [...steps, step]);
    this.focusLater(`step-${step.key}-action`);
  }

  protected removeStep(index: number): void {
    const steps = this.steps();
    if (steps.length <= 1) return;
    this.steps.set(steps.filter((_, position) => position !== index));
    const neighbour = this.steps()[Math.min(index, this.steps().length - 1)];
    if (neighbour) this.focusLater(`step-${neighbour.key}-action`);
  }

  /** Moves a step one place up (-1) or down (+1); the focus follows the moved step's button. */
  protected move(index: number, delta: -1 | 1): void {
    const steps = [...this.steps()];
    const target = index + delta;
    if (target < 0 || target >= steps.length) return;
    const moved = steps[index]!;
    steps[index] = steps[target]!;
    steps[target] = moved;
    this.steps.set(steps);
    const edge = delta < 0 ? target === 0 : target === steps.length - 1;
    this.focusLater(`step-${moved.key}-${edge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}`);
  }

  private focusLater(id: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#${id}`)?.focus(), { injector: this.injector });
  }

  protected save(): void {
    if (!this.draft.title.trim()) {
      this.notifier.problem('acceptance.caseDialog.required');
      return;
    }
    const steps = this.steps();
    const incomplete = steps.findIndex((step) => !step.action.trim() || !step.expected.trim());
    if (incomplete >= 0) {
      this.notifier.problem('acceptance.caseDialog.stepRequired', { number: incomplete + 1 });
      this.host.nativeElement.querySelector<HTMLElement>(`#step-${steps[incomplete]!.key}-action`)?.focus();
      return;
    }
    const request: CreateTestCaseRequest = {
      title: this.draft.title.trim(),
      preconditions: this.draft.preconditions,
      criticality: this.draft.criticality,
      status: this.draft.status,
      requirementIds: this.draft.requirementIds,
      steps: steps.map((step, index) => ({ order: index + 1, action: step.action.trim(), data: step.data.trim(), expected: step.expected.trim() })),
    };
    const reference = this.draft.reference.trim();
    if (reference) request.reference = reference;
    const current = this.testCase();
    this.submit(current ? this.api.updateCase(this.data.projectId, current.id, { ...request, version: current.version }) : this.api.createCase(this.data.projectId, request), !current);
  }

  protected async remove(): Promise<void> {
    const current = this.testCase();
    if (!current) return;
    await this.confirmDelete(current, () => this.api.deleteCase(this.data.projectId, current.id, current.version));
  }
}
