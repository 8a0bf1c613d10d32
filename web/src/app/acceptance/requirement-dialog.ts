import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import {
  REQUIREMENT_CATEGORIES,
  REQUIREMENT_CONFORMITIES,
  REQUIREMENT_PRIORITIES,
  REQUIREMENT_STATUSES,
  type CreateRequirementRequest,
  type LotDto,
  type RequirementCategory,
  type RequirementConformity,
  type RequirementDto,
  type RequirementPriority,
  type RequirementRevisionDto,
  type RequirementStatus,
} from '@jalon/domain';
import { AcceptanceApi } from './acceptance-api';
import { ACCEPTANCE_ITEM_DIALOG_STYLES, AcceptanceItemActions, AcceptanceItemDialog } from './acceptance-item-dialog';

export interface RequirementDialogData {
  projectId: string;
  requirement: RequirementDto | null;
  lots: LotDto[];
}

interface Draft {
  reference: string;
  title: string;
  description: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  lotId: string | null;
  conformity: RequirementConformity | null;
  status: RequirementStatus;
}

/**
 * Creates or edits a requirement; shows the cases that cover it and its revision history (a change
 * to the content of a validated requirement makes a new revision, the previous one is kept).
 * Read only for those who may not write the recette. Closes with true when something changed.
 */
@Component({
  selector: 'jalon-requirement-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, DatePipe, AcceptanceItemActions, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>
      {{ requirement() ? ('acceptance.requirementDialog.editTitle' | translate: { reference: requirement()!.reference }) : ('acceptance.requirementDialog.createTitle' | translate) }}
    </h2>
    <mat-dialog-content>
      <form id="requirement-form" class="form" (ngSubmit)="save()" data-testid="requirement-form">
        <mat-form-field>
          <mat-label>{{ 'acceptance.requirementDialog.reference' | translate }}</mat-label>
          <input matInput name="reference" [(ngModel)]="draft.reference" (ngModelChange)="touched()" [maxlength]="referenceMax" [readonly]="!canWrite" data-testid="requirement-reference" />
          @if (!requirement() && canWrite) {
            <mat-hint>{{ 'acceptance.requirementDialog.referenceHint' | translate }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field class="span-2">
          <mat-label>{{ 'acceptance.requirementDialog.requirementTitle' | translate }}</mat-label>
          <input matInput name="title" [(ngModel)]="draft.title" (ngModelChange)="touched()" required [maxlength]="titleMax" [readonly]="!canWrite" data-testid="requirement-title" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.requirementDialog.category' | translate }}</mat-label>
          <mat-select name="category" [(ngModel)]="draft.category" (ngModelChange)="touched()" [disabled]="!canWrite" data-testid="requirement-category">
            @for (option of categories; track option) {
              <mat-option [value]="option">{{ 'acceptance.categories.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.requirementDialog.priority' | translate }}</mat-label>
          <mat-select name="priority" [(ngModel)]="draft.priority" (ngModelChange)="touched()" [disabled]="!canWrite" data-testid="requirement-priority">
            @for (option of priorities; track option) {
              <mat-option [value]="option">{{ 'acceptance.priorities.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.requirementDialog.status' | translate }}</mat-label>
          <mat-select name="status" [(ngModel)]="draft.status" [disabled]="!canWrite" data-testid="requirement-status">
            @for (option of statuses; track option) {
              <mat-option [value]="option">{{ 'acceptance.requirementStatuses.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.requirementDialog.lot' | translate }}</mat-label>
          <mat-select name="lotId" [(ngModel)]="draft.lotId" [disabled]="!canWrite" data-testid="requirement-lot">
            <mat-option [value]="null">{{ 'acceptance.requirementDialog.noLot' | translate }}</mat-option>
            @for (lot of data.lots; track lot.id) {
              <mat-option [value]="lot.id">{{ lot.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.requirementDialog.conformity' | translate }}</mat-label>
          <mat-select name="conformity" [(ngModel)]="draft.conformity" (ngModelChange)="touched()" [disabled]="!canWrite" data-testid="requirement-conformity">
            <mat-option [value]="null">{{ 'acceptance.conformities.none' | translate }}</mat-option>
            @for (option of conformities; track option) {
              <mat-option [value]="option">{{ 'acceptance.conformities.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'acceptance.requirementDialog.description' | translate }}</mat-label>
          <textarea matInput name="description" rows="6" [(ngModel)]="draft.description" (ngModelChange)="touched()" [maxlength]="textMax" [readonly]="!canWrite"
            data-testid="requirement-description"></textarea>
          @if (canWrite) {
            <mat-hint>{{ 'acceptance.requirementDialog.descriptionHint' | translate }}</mat-hint>
          }
        </mat-form-field>
      </form>
      @if (makesRevision()) {
        <p class="notice" role="status" data-testid="revision-notice">
          {{ 'acceptance.requirementDialog.revisionNotice' | translate: { current: requirement()!.revision, next: requirement()!.revision + 1 } }}
        </p>
      }

      @if (requirement(); as current) {
        <section>
          <h3>{{ 'acceptance.requirementDialog.linkedCases' | translate }}</h3>
          @if (current.testCases.length === 0) {
            <p class="muted">{{ 'acceptance.requirementDialog.noLinkedCases' | translate }}</p>
          } @else {
            <ul class="cases" data-testid="requirement-cases">
              @for (testCase of current.testCases; track testCase.id) {
                <li><strong>{{ testCase.reference }}</strong> {{ testCase.title }}</li>
              }
            </ul>
          }
        </section>
        <section>
          <h3>{{ 'acceptance.requirementDialog.history' | translate }}</h3>
          @if (historyFailed()) {
            <p class="muted">{{ 'acceptance.requirementDialog.historyLoadFailed' | translate }}</p>
          } @else if (revisions().length <= 1) {
            <p class="muted">{{ 'acceptance.requirementDialog.noHistory' | translate }}</p>
          } @else {
            <ol class="history" data-testid="requirement-history">
              @for (revision of revisions(); track revision.revision) {
                <li [attr.data-testid]="'revision-' + revision.revision">
                  <details>
                    <summary>
                      @if (revision.current) {
                        {{ 'acceptance.requirementDialog.revisionCurrent' | translate: { revision: revision.revision } }}
                      } @else {
                        {{ 'acceptance.requirementDialog.revisionReplaced' | translate: {
                          revision: revision.revision,
                          date: (revision.replacedAt | date: 'short' : undefined : language.current()),
                          name: revision.replacedByName ?? '—' } }}
                      }
                      — {{ revision.reference }} · {{ revision.title }}
                    </summary>
                    <dl>
                      <dt>{{ 'acceptance.requirementDialog.category' | translate }}</dt><dd>{{ 'acceptance.categories.' + revision.category | translate }}</dd>
                      <dt>{{ 'acceptance.requirementDialog.priority' | translate }}</dt><dd>{{ 'acceptance.priorities.' + revision.priority | translate }}</dd>
                      <dt>{{ 'acceptance.requirementDialog.conformity' | translate }}</dt>
                      <dd>{{ 'acceptance.conformities.' + (revision.conformity ?? 'none') | translate }}</dd>
                      <dt>{{ 'acceptance.requirementDialog.description' | translate }}</dt><dd class="pre">{{ revision.description || '—' }}</dd>
                    </dl>
                  </details>
                </li>
              }
            </ol>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <jalon-acceptance-item-actions [texts]="texts" testId="requirement" [canWrite]="canWrite" [existing]="!!requirement()" [saving]="saving()" (delete)="remove()" />
    </mat-dialog-actions>
  `,
  styles: [
    ACCEPTANCE_ITEM_DIALOG_STYLES,
    `
    @media (max-width: 700px) { .form { grid-template-columns: 1fr; } .span-2 { grid-column: auto; } }
    .notice { background: #fff0c2; color: #4d3800; border-radius: 8px; padding: 8px 12px; margin: 8px 0 0; }
    .cases { margin: 0; padding-left: 20px; }
    .history dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px; }
    .history dt { color: #5f6b7a; }
    .history dd { margin: 0; }
  `,
  ],
})
export class RequirementDialog extends AcceptanceItemDialog {
  protected readonly texts = 'acceptance.requirementDialog';
  protected readonly data = inject<RequirementDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(AcceptanceApi);

  protected readonly requirement = signal<RequirementDto | null>(this.data.requirement);
  protected readonly revisions = signal<RequirementRevisionDto[]>([]);
  protected readonly historyFailed = signal(false);
  protected readonly categories = REQUIREMENT_CATEGORIES;
  protected readonly priorities = REQUIREMENT_PRIORITIES;
  protected readonly conformities = REQUIREMENT_CONFORMITIES;
  protected readonly statuses = REQUIREMENT_STATUSES;
  protected draft: Draft = this.initialDraft(this.data.requirement);
  /** Bumped on every keystroke of the form, so that `makesRevision` follows the draft. */
  private readonly edits = signal(0);

  /** Whether saving the draft would make a new revision (a content change to a validated requirement). */
  protected readonly makesRevision = computed(() => {
    this.edits();
    const current = this.requirement();
    if (!current || current.status !== 'validee' || !this.canWrite) return false;
    const draft = this.draft;
    return (
      draft.reference.trim() !== current.reference ||
      draft.title.trim() !== current.title ||
      draft.description !== current.description ||
      draft.category !== current.category ||
      draft.priority !== current.priority ||
      draft.conformity !== current.conformity
    );
  });

  constructor() {
    super();
    const current = this.data.requirement;
    if (current) {
      this.api.requirementRevisions(this.data.projectId, current.id).subscribe({
        next: (revisions) => this.revisions.set(revisions),
        error: () => this.historyFailed.set(true),
      });
    }
  }

  /** Called by the form on every change (ngModel writes the plain draft object). */
  protected touched(): void {
    this.edits.update((count) => count + 1);
  }

  private initialDraft(requirement: RequirementDto | null): Draft {
    return {
      reference: requirement?.reference ?? '',
      title: requirement?.title ?? '',
      description: requirement?.description ?? '',
      category: requirement?.category ?? 'fonctionnelle',
      priority: requirement?.priority ?? 'indispensable',
      lotId: requirement?.lotId ?? null,
      conformity: requirement?.conformity ?? null,
      status: requirement?.status ?? 'brouillon',
    };
  }

  protected save(): void {
    if (!this.draft.title.trim()) {
      this.notifier.problem('acceptance.requirementDialog.required');
      return;
    }
    const request: CreateRequirementRequest = {
      title: this.draft.title.trim(),
      description: this.draft.description,
      category: this.draft.category,
      priority: this.draft.priority,
      lotId: this.draft.lotId,
      conformity: this.draft.conformity,
      status: this.draft.status,
    };
    const reference = this.draft.reference.trim();
    if (reference) request.reference = reference;
    const current = this.requirement();
    this.submit(
      current
        ? this.api.updateRequirement(this.data.projectId, current.id, { ...request, version: current.version })
        : this.api.createRequirement(this.data.projectId, request),
      !current,
    );
  }

  protected async remove(): Promise<void> {
    const current = this.requirement();
    if (!current) return;
    await this.confirmDelete(current, () => this.api.deleteRequirement(this.data.projectId, current.id, current.version));
  }
}
