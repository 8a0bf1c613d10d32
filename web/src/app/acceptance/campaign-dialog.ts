import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { LotDto, PhaseDto, TaskDto } from '@jalon/domain';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { Notifier } from '../shared/notifier';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, type CampaignStatus, type CampaignSummaryDto, type CampaignType, type CreateCampaignRequest } from '@jalon/domain';
import { AcceptanceRunApi } from './acceptance-run-api';

export interface CampaignDialogData {
  projectId: string;
  campaign: CampaignSummaryDto | null;
  lots: LotDto[];
  phases: PhaseDto[];
  /** The plan's tasks, for each phase's dates. */
  tasks: TaskDto[];
}

/** A phase of the plan with the dates its tasks span (null when it has none). */
interface PhaseChoice {
  id: string;
  name: string;
  start: string | null;
  finish: string | null;
}

const RECETTE = /recette|acceptance|vabf/i;

/** Creates or edits a campaign: name, type, lot, the plan's Recette phase and the period. */
@Component({
  selector: 'jalon-campaign-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, CalendarDatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>
      {{ data.campaign ? ('acceptance.campaigns.dialog.editTitle' | translate: { name: data.campaign.name }) : ('acceptance.campaigns.dialog.createTitle' | translate) }}
    </h2>
    <mat-dialog-content>
      <form id="campaign-form" class="form" (ngSubmit)="save()" data-testid="campaign-form">
        <mat-form-field class="wide">
          <mat-label>{{ 'acceptance.campaigns.dialog.name' | translate }}</mat-label>
          <input matInput name="name" [(ngModel)]="name" required maxlength="200" data-testid="campaign-name" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.campaigns.dialog.type' | translate }}</mat-label>
          <mat-select name="type" [(ngModel)]="type" data-testid="campaign-type">
            @for (option of types; track option) {
              <mat-option [value]="option">{{ 'acceptance.campaigns.types.' + option | translate }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'acceptance.campaigns.typeHelp.' + type | translate }}</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.campaigns.dialog.lot' | translate }}</mat-label>
          <mat-select name="lot" [(ngModel)]="lotId">
            <mat-option value="">{{ 'acceptance.campaigns.dialog.noLot' | translate }}</mat-option>
            @for (lot of data.lots; track lot.id) {
              <mat-option [value]="lot.id">{{ lot.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'acceptance.campaigns.dialog.phase' | translate }}</mat-label>
          <mat-select name="phase" [(ngModel)]="phaseId" (ngModelChange)="phaseChosen($event)" data-testid="campaign-phase">
            <mat-option value="">{{ 'acceptance.campaigns.dialog.noPhase' | translate }}</mat-option>
            @for (phase of phases; track phase.id) {
              <mat-option [value]="phase.id">
                {{ phase.name }}
                @if (phase.start) {
                  ({{ phase.start | calendarDate: 'short' : language.current() }} → {{ phase.finish | calendarDate: 'short' : language.current() }})
                }
              </mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'acceptance.campaigns.dialog.phaseHint' | translate }}</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.campaigns.dialog.startDate' | translate }}</mat-label>
          <input matInput type="date" name="startDate" [(ngModel)]="startDate" required data-testid="campaign-start" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'acceptance.campaigns.dialog.endDate' | translate }}</mat-label>
          <input matInput type="date" name="endDate" [(ngModel)]="endDate" required data-testid="campaign-end" />
        </mat-form-field>
        @if (data.campaign) {
          <mat-form-field>
            <mat-label>{{ 'acceptance.campaigns.dialog.status' | translate }}</mat-label>
            <mat-select name="status" [(ngModel)]="status">
              @for (option of statuses; track option) {
                <mat-option [value]="option">{{ 'acceptance.campaigns.statuses.' + option | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'acceptance.campaigns.dialog.cancel' | translate }}</button>
      <button mat-flat-button type="submit" form="campaign-form" [disabled]="saving()" data-testid="campaign-save">
        {{ 'acceptance.campaigns.dialog.save' | translate }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; grid-template-columns: repeat(2, minmax(220px, 1fr)); gap: 8px 12px; padding-top: 4px; }
    .wide { grid-column: 1 / -1; }
  `,
})
export class CampaignDialog {
  protected readonly data = inject<CampaignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CampaignDialog, CampaignSummaryDto | null>>(MatDialogRef);
  private readonly api = inject(AcceptanceRunApi);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);

  protected readonly types = CAMPAIGN_TYPES;
  protected readonly statuses = CAMPAIGN_STATUSES;
  protected readonly saving = signal(false);
  protected name = this.data.campaign?.name ?? '';
  protected type: CampaignType = this.data.campaign?.type ?? 'vabf';
  /** '' stands for « no lot » (a null option would show as an empty select). */
  protected lotId: string = this.data.campaign?.lotId ?? '';
  protected readonly phases: PhaseChoice[] = this.data.phases.map((phase) => {
    const tasks = this.data.tasks.filter((task) => task.phaseId === phase.id);
    const starts = tasks.map((task) => task.start).sort();
    const finishes = tasks.map((task) => task.finish).sort();
    return { id: phase.id, name: phase.name, start: starts[0] ?? null, finish: finishes.at(-1) ?? null };
  });
  protected phaseId: string = this.data.campaign ? (this.data.campaign.phase?.id ?? '') : (this.phases.find((phase) => RECETTE.test(phase.name))?.id ?? '');
  protected startDate = this.data.campaign?.startDate ?? '';
  protected endDate = this.data.campaign?.endDate ?? '';
  protected status: CampaignStatus = this.data.campaign?.status ?? 'preparation';

  constructor() {
    if (!this.data.campaign && this.phaseId) this.phaseChosen(this.phaseId);
  }

  /** A new campaign takes the phase's dates until the user sets its own. */
  protected phaseChosen(phaseId: string): void {
    const phase = this.phases.find((candidate) => candidate.id === phaseId);
    if (!phase?.start || !phase.finish) return;
    if (!this.startDate) this.startDate = phase.start;
    if (!this.endDate) this.endDate = phase.finish;
  }

  protected save(): void {
    if (!this.name.trim() || !this.startDate || !this.endDate) {
      this.notifier.problem('acceptance.campaigns.dialog.required');
      return;
    }
    if (this.endDate < this.startDate) {
      this.notifier.problem('acceptance.campaigns.dialog.datesOrder');
      return;
    }
    const input: CreateCampaignRequest = {
      name: this.name.trim(),
      type: this.type,
      lotId: this.lotId || null,
      phaseId: this.phaseId || null,
      startDate: this.startDate,
      endDate: this.endDate,
    };
    const current = this.data.campaign;
    this.saving.set(true);
    const call = current
      ? this.api.updateCampaign(this.data.projectId, current.id, { ...input, status: this.status, version: current.version })
      : this.api.createCampaign(this.data.projectId, input);
    call.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.notifier.success(current ? 'acceptance.campaigns.dialog.saved' : 'acceptance.campaigns.dialog.created', { name: saved.name });
        this.ref.close(saved);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
      },
    });
  }
}
