import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ProjectMember, TaskDto } from '@jalon/domain';
import {
  ASSESSMENT_KINDS,
  RISK_CATEGORIES,
  RISK_LEVELS,
  RISK_STATUSES,
  RISK_STRATEGIES,
  assess,
  levelLabel,
  type AssessmentKind,
  type RiskCategory,
  type RiskDto,
  type RiskInput,
  type RiskSettingsDto,
  type RiskStatus,
  type RiskStrategy,
} from '@jalon/risks';
import { AuthService } from '../core/auth';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { RisksApi } from './risks-api';

export interface RiskDialogData {
  projectId: string;
  risk: RiskDto | null;
  settings: RiskSettingsDto;
  members: ProjectMember[];
  tasks: TaskDto[];
}

interface Draft {
  title: string;
  description: string;
  category: RiskCategory;
  cause: string;
  consequence: string;
  ownerUserId: string | null;
  proximity: string;
  trigger: string;
  strategy: RiskStrategy;
  contingencyPlan: string;
  status: RiskStatus;
  occurredOn: string;
  occurrenceNote: string;
  inherent: { probability: number; impact: number };
  residual: { probability: number; impact: number };
  target: { probability: number; impact: number };
  linkedTaskIds: string[];
}

/** Creates or edits a risk: its fields, three assessments, links to the plan, treatments and acceptance. */
@Component({
  selector: 'jalon-risk-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, CalendarDatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>{{ risk() ? ('risks.dialog.editTitle' | translate: { reference: risk()!.reference }) : ('risks.dialog.createTitle' | translate) }}</h2>
    <mat-dialog-content>
      <form id="risk-form" class="form" (ngSubmit)="save()" data-testid="risk-form">
        <mat-form-field class="wide">
          <mat-label>{{ 'risks.dialog.riskTitle' | translate }}</mat-label>
          <input matInput name="title" [(ngModel)]="draft.title" required maxlength="200" [readonly]="!canEdit" data-testid="risk-title" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.category' | translate }}</mat-label>
          <mat-select name="category" [(ngModel)]="draft.category" [disabled]="!canEdit">
            @for (category of categories; track category) {
              <mat-option [value]="category">{{ 'risks.categories.' + category | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.owner' | translate }}</mat-label>
          <mat-select name="owner" [(ngModel)]="draft.ownerUserId" [disabled]="!canEdit">
            <mat-option [value]="null">{{ 'risks.dialog.noOwner' | translate }}</mat-option>
            @for (member of data.members; track member.userId) {
              <mat-option [value]="member.userId">{{ member.displayName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.status' | translate }}</mat-label>
          <mat-select name="status" [(ngModel)]="draft.status" [disabled]="!canEdit" data-testid="risk-status">
            @for (status of statuses; track status) {
              <mat-option [value]="status">{{ 'risks.statuses.' + status | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.strategy' | translate }}</mat-label>
          <mat-select name="strategy" [(ngModel)]="draft.strategy" [disabled]="!canEdit">
            @for (strategy of strategies(); track strategy) {
              <mat-option [value]="strategy">{{ 'risks.strategies.' + strategy | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.proximity' | translate }}</mat-label>
          <input matInput type="date" name="proximity" [(ngModel)]="draft.proximity" [readonly]="!canEdit" />
        </mat-form-field>
        @if (draft.status === 'occurred') {
          <mat-form-field>
            <mat-label>{{ 'risks.dialog.occurredOn' | translate }}</mat-label>
            <input matInput type="date" name="occurredOn" [(ngModel)]="draft.occurredOn" [readonly]="!canEdit" />
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'risks.dialog.occurrenceNote' | translate }}</mat-label>
            <textarea matInput name="occurrenceNote" rows="2" [(ngModel)]="draft.occurrenceNote" [readonly]="!canEdit"></textarea>
          </mat-form-field>
        }

        <fieldset class="wide scores">
          <legend>{{ 'risks.dialog.scores' | translate }}</legend>
          @for (kind of kinds; track kind) {
            <div class="assessment" [attr.data-testid]="'assessment-' + kind">
              <span class="kind">{{ 'risks.kinds.' + kind | translate }}</span>
              <mat-form-field>
                <mat-label>{{ 'risks.dialog.probability' | translate }}</mat-label>
                <mat-select [name]="kind + '-probability'" [(ngModel)]="draft[kind].probability" [disabled]="!canEdit"
                  [attr.data-testid]="kind + '-probability'">
                  @for (level of levels; track level) {
                    <mat-option [value]="level">{{ level }} · {{ label('probability', level) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'risks.dialog.impact' | translate }}</mat-label>
                <mat-select [name]="kind + '-impact'" [(ngModel)]="draft[kind].impact" [disabled]="!canEdit" [attr.data-testid]="kind + '-impact'">
                  @for (level of levels; track level) {
                    <mat-option [value]="level">{{ level }} · {{ label('impact', level) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <span class="score">{{ scoreText(kind) }}</span>
            </div>
          }
        </fieldset>

        <mat-form-field class="wide">
          <mat-label>{{ 'risks.dialog.description' | translate }}</mat-label>
          <textarea matInput name="description" rows="2" [(ngModel)]="draft.description" [readonly]="!canEdit"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.cause' | translate }}</mat-label>
          <textarea matInput name="cause" rows="2" [(ngModel)]="draft.cause" [readonly]="!canEdit"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.consequence' | translate }}</mat-label>
          <textarea matInput name="consequence" rows="2" [(ngModel)]="draft.consequence" [readonly]="!canEdit"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.trigger' | translate }}</mat-label>
          <textarea matInput name="trigger" rows="2" [(ngModel)]="draft.trigger" [readonly]="!canEdit"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'risks.dialog.contingencyPlan' | translate }}</mat-label>
          <textarea matInput name="contingencyPlan" rows="2" [(ngModel)]="draft.contingencyPlan" [readonly]="!canEdit"></textarea>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'risks.dialog.linkedTasks' | translate }}</mat-label>
          <mat-select name="linkedTaskIds" multiple [(ngModel)]="draft.linkedTaskIds" [disabled]="!canEdit">
            @for (task of data.tasks; track task.id) {
              <mat-option [value]="task.id">{{ task.isMilestone ? '◆ ' : '' }}{{ task.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </form>

      @if (risk(); as current) {
        @if (current.materialising.length > 0) {
          <section class="wide alert" data-testid="risk-materialising">
            <h3>{{ 'risks.dialog.materialising' | translate }}</h3>
            <ul>
              @for (cause of current.materialising; track $index) {
                <li>{{ causeText(cause) }}</li>
              }
            </ul>
          </section>
        }
        <section class="wide">
          <h3>{{ 'risks.dialog.treatments' | translate }}</h3>
          @if (current.treatments.length === 0) {
            <p>{{ 'risks.dialog.noTreatments' | translate }}</p>
          }
          <ul class="treatments">
            @for (treatment of current.treatments; track treatment.id) {
              <li [class.overdue]="treatment.overdue">
                <span>{{ treatment.title }}</span>
                <span>{{ treatment.ownerName ?? '' }}</span>
                <span>{{ treatment.dueDate | calendarDate: 'short' : language.current() }}</span>
                <span>{{ 'risks.treatmentStatuses.' + treatment.status | translate }}@if (treatment.overdue) { · <strong>{{ 'risks.dialog.overdue' | translate }}</strong> }</span>
                @if (canTreat() && treatment.status !== 'done') {
                  <button mat-button type="button" (click)="markDone(treatment.id, treatment.version)">{{ 'risks.dialog.markDone' | translate }}</button>
                }
              </li>
            }
          </ul>
          @if (canTreat()) {
            <form class="treatment-form" (ngSubmit)="addTreatment()">
              <mat-form-field>
                <mat-label>{{ 'risks.dialog.treatmentTitle' | translate }}</mat-label>
                <input matInput name="treatmentTitle" [(ngModel)]="treatmentTitle" maxlength="200" />
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'risks.dialog.treatmentDue' | translate }}</mat-label>
                <input matInput type="date" name="treatmentDue" [(ngModel)]="treatmentDue" />
              </mat-form-field>
              <button mat-stroked-button type="submit" [disabled]="!treatmentTitle.trim()">{{ 'risks.dialog.addTreatment' | translate }}</button>
            </form>
          }
        </section>
        <section class="wide">
          <h3>{{ 'risks.dialog.acceptance' | translate }}</h3>
          @if (current.acceptance; as acceptance) {
            <p data-testid="risk-acceptance">{{ 'risks.dialog.acceptedBy' | translate: {
              name: acceptance.acceptedByName,
              date: (acceptance.acceptedAt.slice(0, 10) | calendarDate: 'short' : language.current()),
              justification: acceptance.justification,
              score: acceptance.residual.score } }}</p>
          } @else if (canAccept) {
            <p class="hint">{{ 'risks.dialog.acceptHint' | translate }}</p>
            <form class="treatment-form" (ngSubmit)="accept()">
              <mat-form-field class="grow">
                <mat-label>{{ 'risks.dialog.justification' | translate }}</mat-label>
                <input matInput name="justification" [(ngModel)]="justification" />
              </mat-form-field>
              <button mat-stroked-button type="submit" [disabled]="!justification.trim()">{{ 'risks.dialog.accept' | translate }}</button>
            </form>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ (canEdit ? 'risks.dialog.cancel' : 'risks.dialog.close') | translate }}</button>
      @if (canEdit) {
        <button mat-flat-button type="submit" form="risk-form" [disabled]="saving()" data-testid="risk-save">{{ 'risks.dialog.save' | translate }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 0 12px; padding-top: 4px; }
    .wide { grid-column: 1 / -1; }
    .scores { border: 1px solid var(--jalon-border); border-radius: 8px; margin: 0 0 16px; padding: 8px 12px 0; }
    .scores legend { font: var(--mat-sys-title-small); padding: 0 4px; }
    .assessment { display: grid; grid-template-columns: 90px 1fr 1fr 150px; gap: 8px; align-items: baseline; }
    .kind { font-weight: 600; }
    .score { font: var(--mat-sys-body-medium); }
    h3 { font: var(--mat-sys-title-small); margin: 12px 0 4px; }
    .treatments { list-style: none; padding: 0; margin: 0; }
    .treatments li { display: grid; grid-template-columns: 2fr 1fr 90px 1fr auto; gap: 8px; align-items: center; padding: 4px 0; border-bottom: 1px solid var(--jalon-border); }
    .treatments li.overdue strong { color: #8a1c12; }
    .treatment-form { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; margin-top: 8px; }
    .grow { flex: 1; }
    .alert { background: #fdecea; color: #5c130c; border-radius: 8px; padding: 4px 12px; }
    .hint { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class RiskDialog {
  protected readonly data = inject<RiskDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RiskDialog, boolean>>(MatDialogRef);
  private readonly api = inject(RisksApi);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly context = inject(ProjectContext);
  private readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);

  protected readonly risk = signal<RiskDto | null>(this.data.risk);
  protected readonly saving = signal(false);
  protected readonly categories = RISK_CATEGORIES;
  protected readonly statuses = RISK_STATUSES;
  protected readonly levels = RISK_LEVELS;
  protected readonly kinds = ASSESSMENT_KINDS;
  protected readonly canEdit = this.context.can('risk.edit');
  protected readonly canAccept = this.context.can('risk.accept');
  protected readonly canTreat = computed(() => this.context.can('risk.treatment') || (this.risk()?.ownerUserId === this.auth.user()?.id && this.context.currentRole() !== 'viewer'));
  /** "accept" is set by the acceptance act, never picked from the list (unless already accepted). */
  protected readonly strategies = computed(() => RISK_STRATEGIES.filter((strategy) => strategy !== 'accept' || this.risk()?.strategy === 'accept'));
  protected draft: Draft = this.initialDraft(this.data.risk);
  protected treatmentTitle = '';
  protected treatmentDue = '';
  protected justification = '';
  private readonly tasksById = new Map(this.data.tasks.map((task) => [task.id, task]));

  private initialDraft(risk: RiskDto | null): Draft {
    const pair = (kind: AssessmentKind) => (risk ? { probability: risk[kind].probability as number, impact: risk[kind].impact as number } : { probability: 3, impact: 3 });
    return {
      title: risk?.title ?? '',
      description: risk?.description ?? '',
      category: risk?.category ?? 'planning',
      cause: risk?.cause ?? '',
      consequence: risk?.consequence ?? '',
      ownerUserId: risk?.ownerUserId ?? null,
      proximity: risk?.proximity ?? '',
      trigger: risk?.trigger ?? '',
      strategy: risk?.strategy ?? 'reduce',
      contingencyPlan: risk?.contingencyPlan ?? '',
      status: risk?.status ?? 'identified',
      occurredOn: risk?.occurredOn ?? '',
      occurrenceNote: risk?.occurrenceNote ?? '',
      inherent: pair('inherent'),
      residual: pair('residual'),
      target: pair('target'),
      linkedTaskIds: [...(risk?.linkedTaskIds ?? [])],
    };
  }

  protected label(scale: 'probability' | 'impact', level: number): string {
    return levelLabel(scale, level, this.language.current(), this.data.settings.labels);
  }

  protected scoreText(kind: AssessmentKind): string {
    const assessment = assess(this.draft[kind].probability, this.draft[kind].impact, this.data.settings.bands);
    return this.translate.instant('risks.dialog.score', { score: assessment.score, band: this.translate.instant(`risks.bands.${assessment.band}`) });
  }

  protected causeText(cause: RiskDto['materialising'][number]): string {
    const task = this.tasksById.get(cause.taskId)?.name ?? cause.taskId;
    switch (cause.cause) {
      case 'low_float':
        return this.translate.instant('risks.causes.low_float', { task, float: cause.totalFloat, threshold: cause.threshold });
      case 'milestone_slipped':
        return this.translate.instant('risks.causes.milestone_slipped', { task, slippage: cause.slippage });
      default:
        return this.translate.instant('risks.causes.not_started', { task });
    }
  }

  protected save(): void {
    if (!this.draft.title.trim()) {
      this.notifier.problem('risks.dialog.required');
      return;
    }
    const input: RiskInput = {
      title: this.draft.title.trim(),
      description: this.draft.description,
      category: this.draft.category,
      cause: this.draft.cause,
      consequence: this.draft.consequence,
      ownerUserId: this.draft.ownerUserId,
      proximity: this.draft.proximity || null,
      trigger: this.draft.trigger,
      contingencyPlan: this.draft.contingencyPlan,
      status: this.draft.status,
      occurredOn: this.draft.status === 'occurred' ? this.draft.occurredOn || null : null,
      occurrenceNote: this.draft.occurrenceNote,
      inherent: { ...this.draft.inherent },
      residual: { ...this.draft.residual },
      target: { ...this.draft.target },
      linkedTaskIds: this.draft.linkedTaskIds,
    };
    if (this.draft.strategy !== 'accept') input.strategy = this.draft.strategy;
    const current = this.risk();
    this.saving.set(true);
    const call = current ? this.api.update(this.data.projectId, current.id, { ...input, version: current.version }) : this.api.create(this.data.projectId, input);
    call.subscribe({
      next: (saved) => {
        this.saving.set(false);
        if (current) this.notifier.success('risks.saved');
        else this.notifier.success('risks.created', { reference: saved.reference });
        this.ref.close(true);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.refusal(error, { fields: 'risks.fields' });
      },
    });
  }

  protected addTreatment(): void {
    const current = this.risk();
    if (!current || !this.treatmentTitle.trim()) return;
    this.api.addTreatment(this.data.projectId, current.id, { title: this.treatmentTitle.trim(), dueDate: this.treatmentDue || null, ownerUserId: null }).subscribe({
      next: (risk) => {
        this.risk.set(risk);
        this.treatmentTitle = '';
        this.treatmentDue = '';
        this.notifier.success('risks.treatmentAdded');
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'risks.fields' }),
    });
  }

  protected markDone(treatmentId: string, version: number): void {
    const current = this.risk();
    if (!current) return;
    this.api.setTreatmentStatus(this.data.projectId, current.id, treatmentId, version, 'done').subscribe({
      next: (risk) => {
        this.risk.set(risk);
        this.notifier.success('risks.treatmentUpdated');
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'risks.fields' }),
    });
  }

  protected accept(): void {
    const current = this.risk();
    if (!current || !this.justification.trim()) return;
    this.api.accept(this.data.projectId, current.id, current.version, this.justification.trim()).subscribe({
      next: (risk) => {
        this.risk.set(risk);
        this.draft = this.initialDraft(risk);
        this.notifier.success('risks.accepted');
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'risks.fields' }),
    });
  }

}
