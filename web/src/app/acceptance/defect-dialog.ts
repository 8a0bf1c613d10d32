import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { ProjectMember } from '@jalon/domain';
import { Notifier } from '../shared/notifier';
import { DEFECT_SEVERITIES, type DefectDto, type DefectSeverity, type ExecutionDto } from '@jalon/domain';
import { AcceptanceRunApi } from './acceptance-run-api';

/** Where the defect comes from: a failed step of an execution (prefilled), or an existing defect to edit. */
export interface DefectDialogData {
  projectId: string;
  members: ProjectMember[];
  /** Raise: the execution and the index of its failed step. */
  from?: { execution: ExecutionDto; stepIndex: number };
  /** Edit: the defect (its title, description, severity, assignee; the vendor only its fix note). */
  defect?: DefectDto;
  /** Whether the caller may change title, description, severity and assignee (else only the fix note). */
  canEditAll: boolean;
}

const TITLE_MAX = 300;

/**
 * Raises a defect from a failed step in one more click (title, expected and actual result, the
 * vendor as assignee, all prefilled), or edits one.
 */
@Component({
  selector: 'jalon-defect-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>
      {{ data.defect ? ('acceptance.defects.dialog.editTitle' | translate: { reference: data.defect.reference }) : ('acceptance.defects.dialog.createTitle' | translate) }}
    </h2>
    <mat-dialog-content>
      @if (data.from; as from) {
        <p class="origin" data-testid="defect-origin">
          {{ 'acceptance.defects.dialog.fromStep' | translate: { number: from.stepIndex + 1, reference: from.execution.reference } }}
        </p>
      }
      <form id="defect-form" class="form" (ngSubmit)="save()" data-testid="defect-form">
        <mat-form-field class="wide">
          <mat-label>{{ 'acceptance.defects.dialog.defectTitle' | translate }}</mat-label>
          <input matInput name="title" [(ngModel)]="title" required [maxlength]="titleMax" [readonly]="!data.canEditAll" data-testid="defect-title" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.defects.dialog.severity' | translate }}</mat-label>
          <mat-select name="severity" [(ngModel)]="severity" [disabled]="!data.canEditAll" data-testid="defect-severity">
            @for (option of severities; track option) {
              <mat-option [value]="option">{{ 'acceptance.defects.severities.' + option | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.defects.dialog.assignee' | translate }}</mat-label>
          <mat-select name="assignee" [(ngModel)]="assigneeUserId" [disabled]="!data.canEditAll" data-testid="defect-assignee">
            <mat-option value="">{{ 'acceptance.defects.dialog.noAssignee' | translate }}</mat-option>
            @for (member of data.members; track member.userId) {
              <mat-option [value]="member.userId">{{ member.displayName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'acceptance.defects.dialog.description' | translate }}</mat-label>
          <textarea matInput name="description" rows="2" [(ngModel)]="description" [readonly]="!data.canEditAll"></textarea>
        </mat-form-field>
        <div class="wide step-results">
          <div>
            <span class="label">{{ 'acceptance.defects.dialog.expected' | translate }}</span>
            <p class="pre" data-testid="defect-expected">{{ expected || '—' }}</p>
          </div>
          <div>
            <span class="label">{{ 'acceptance.defects.dialog.actual' | translate }}</span>
            <p class="pre" data-testid="defect-actual">{{ actual || '—' }}</p>
          </div>
        </div>
        @if (data.defect) {
          <mat-form-field class="wide">
            <mat-label>{{ 'acceptance.defects.dialog.resolution' | translate }}</mat-label>
            <textarea matInput name="resolution" rows="2" [(ngModel)]="resolution" data-testid="defect-resolution"></textarea>
          </mat-form-field>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'acceptance.defects.dialog.cancel' | translate }}</button>
      <button mat-flat-button type="submit" form="defect-form" [disabled]="saving()" data-testid="defect-save">
        {{ (data.defect ? 'acceptance.defects.dialog.save' : 'acceptance.defects.dialog.create') | translate }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; grid-template-columns: repeat(2, minmax(220px, 1fr)); gap: 0 12px; padding-top: 4px; }
    .wide { grid-column: 1 / -1; }
    .origin { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .step-results { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 16px; }
    .step-results > div { background: var(--mat-sys-surface-container-low, #f5f5f7); border-radius: 8px; padding: 8px 12px; }
    .label { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .pre { white-space: pre-wrap; margin: 4px 0 0; }
  `,
})
export class DefectDialog {
  protected readonly data = inject<DefectDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DefectDialog, DefectDto | null>>(MatDialogRef);
  private readonly api = inject(AcceptanceRunApi);
  private readonly notifier = inject(Notifier);

  protected readonly severities = DEFECT_SEVERITIES;
  protected readonly titleMax = TITLE_MAX;
  protected readonly saving = signal(false);
  protected title = '';
  protected description = '';
  protected severity: DefectSeverity = 'majeure';
  /** '' stands for « nobody » (a null option would show as an empty select). */
  protected assigneeUserId = '';
  protected expected = '';
  protected actual = '';
  protected resolution = '';

  constructor() {
    const { defect, from, members } = this.data;
    if (defect) {
      this.title = defect.title;
      this.description = defect.description;
      this.severity = defect.severity;
      this.assigneeUserId = defect.assigneeUserId ?? '';
      this.expected = defect.expected;
      this.actual = defect.actual;
      this.resolution = defect.resolution;
    } else if (from) {
      const step = from.execution.steps.find((candidate) => candidate.index === from.stepIndex);
      const action = (step?.action ?? '').replace(/\s+/g, ' ').trim();
      const observed = (step?.actual ?? '').replace(/\s+/g, ' ').trim();
      this.title = `${from.execution.reference} — ${observed || action}`.slice(0, TITLE_MAX);
      this.description = [action, step?.data ? `(${step.data})` : '', step?.comment ?? ''].filter(Boolean).join('\n');
      this.severity = step?.status === 'bloque' ? 'bloquante' : 'majeure';
      this.expected = step?.expected ?? '';
      this.actual = step?.actual ?? '';
      // Defects usually go to the vendor: the project's only contributor, when there is one.
      const contributors = members.filter((member) => member.role === 'contributor' && member.isActive);
      this.assigneeUserId = contributors.length === 1 ? contributors[0]!.userId : '';
    }
  }

  protected save(): void {
    if (!this.title.trim()) {
      this.notifier.problem('acceptance.defects.dialog.required');
      return;
    }
    const { defect, from, projectId } = this.data;
    this.saving.set(true);
    const call = defect
      ? this.api.updateDefect(
          projectId,
          defect.id,
          this.data.canEditAll
            ? {
                version: defect.version,
                title: this.title.trim(),
                description: this.description,
                severity: this.severity,
                assigneeUserId: this.assigneeUserId || null,
                resolution: this.resolution,
              }
            : { version: defect.version, resolution: this.resolution },
        )
      : from
        ? this.api.raiseDefect(projectId, {
            executionId: from.execution.id,
            stepIndex: from.stepIndex,
            severity: this.severity,
            title: this.title.trim(),
            description: this.description,
            assigneeUserId: this.assigneeUserId || null,
          })
        : null;
    if (!call) {
      this.saving.set(false);
      return;
    }
    call.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.notifier.success(defect ? 'acceptance.defects.dialog.saved' : 'acceptance.defects.dialog.created', { reference: saved.reference });
        this.ref.close(saved);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
      },
    });
  }
}
