import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { MEETING_TYPES, NON_WORKING_POLICIES, type MeetingSummaryDto, type MeetingType, type NonWorkingPolicy } from '@jalon/domain';
import { Notifier } from '../shared/notifier';
import { MeetingsApi } from './meetings-api';
import { DEFAULT_MEETING_TIME_ZONE, toLocalInput } from './zoned-time';

/** What the dialog does: create a one-off meeting, create a series, or move one occurrence. */
export type MeetingDialogMode = 'meeting' | 'series' | 'move';

export interface MeetingDialogData {
  projectId: string;
  mode: MeetingDialogMode;
  /** The meeting moved (mode 'move'). */
  meeting?: MeetingSummaryDto;
}

/** Recurrence presets of a series; 'custom' takes any RFC 5545 RRULE. */
export const RECURRENCE_PRESETS = {
  firstTuesday: 'FREQ=MONTHLY;BYDAY=1TU',
  everyThursday: 'FREQ=WEEKLY;BYDAY=TH',
  custom: '',
} as const;
export type RecurrencePreset = keyof typeof RECURRENCE_PRESETS;

/** Creates a meeting or a series (type, title, start in Europe/Paris, duration, place or link, recurrence), or moves an occurrence. */
@Component({
  selector: 'jalon-meeting-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>{{ 'meetings.dialog.' + data.mode + 'Title' | translate }}</h2>
    <mat-dialog-content>
      <form id="meeting-form" class="form" (ngSubmit)="save()" data-testid="meeting-form">
        @if (data.mode !== 'move') {
          <mat-form-field>
            <mat-label>{{ 'meetings.fields.type' | translate }}</mat-label>
            <mat-select name="type" [(ngModel)]="type" (ngModelChange)="typeChanged()" data-testid="meeting-type">
              @for (option of types; track option) {
                <mat-option [value]="option">{{ 'meetings.types.' + option | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'meetings.fields.title' | translate }}</mat-label>
            <input matInput name="title" [(ngModel)]="title" required maxlength="200" data-testid="meeting-title" />
          </mat-form-field>
        } @else {
          <p class="wide">{{ data.meeting?.title }}</p>
        }
        <mat-form-field>
          <mat-label>{{ (data.mode === 'series' ? 'meetings.fields.dtstart' : 'meetings.fields.localStart') | translate }}</mat-label>
          <input matInput type="datetime-local" name="start" [(ngModel)]="start" required data-testid="meeting-start" />
          <mat-hint>{{ 'meetings.dialog.timeZone' | translate: { zone: timeZone } }}</mat-hint>
        </mat-form-field>
        @if (data.mode !== 'move') {
          <mat-form-field>
            <mat-label>{{ 'meetings.fields.durationMinutes' | translate }}</mat-label>
            <input matInput type="number" min="5" max="1440" step="5" name="duration" [(ngModel)]="duration" required data-testid="meeting-duration" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'meetings.fields.place' | translate }}</mat-label>
            <input matInput name="place" [(ngModel)]="place" maxlength="200" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'meetings.fields.videoLink' | translate }}</mat-label>
            <input matInput type="url" name="videoLink" [(ngModel)]="videoLink" maxlength="500" />
          </mat-form-field>
        }
        @if (data.mode === 'series') {
          <mat-form-field>
            <mat-label>{{ 'meetings.dialog.recurrence' | translate }}</mat-label>
            <mat-select name="preset" [(ngModel)]="preset" data-testid="series-preset">
              @for (option of presets; track option) {
                <mat-option [value]="option">{{ 'meetings.presets.' + option | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (preset === 'custom') {
            <mat-form-field class="wide">
              <mat-label>{{ 'meetings.fields.rrule' | translate }}</mat-label>
              <input matInput name="rrule" [(ngModel)]="customRule" required placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" data-testid="series-rrule" />
              <mat-hint>{{ 'meetings.dialog.rruleHint' | translate }}</mat-hint>
            </mat-form-field>
          }
          <mat-form-field class="wide">
            <mat-label>{{ 'meetings.fields.nonWorkingPolicy' | translate }}</mat-label>
            <mat-select name="policy" [(ngModel)]="policy">
              @for (option of policies; track option) {
                <mat-option [value]="option">{{ 'meetings.policies.' + option | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'meetings.dialog.cancel' | translate }}</button>
      <button mat-flat-button type="submit" form="meeting-form" [disabled]="saving()" data-testid="meeting-save">{{ 'meetings.dialog.save' | translate }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 4px 12px; padding-top: 4px; }
    .wide { grid-column: 1 / -1; }
  `,
})
export class MeetingDialog {
  protected readonly data = inject<MeetingDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<MeetingDialog, boolean>>(MatDialogRef);
  private readonly api = inject(MeetingsApi);
  private readonly notifier = inject(Notifier);
  protected readonly types = MEETING_TYPES;
  protected readonly policies = NON_WORKING_POLICIES;
  protected readonly presets = Object.keys(RECURRENCE_PRESETS) as RecurrencePreset[];
  protected readonly saving = signal(false);
  protected readonly timeZone = this.data.meeting?.timeZone ?? DEFAULT_MEETING_TIME_ZONE;

  protected type: MeetingType = 'copil';
  protected title = this.data.mode === 'series' ? 'COPIL' : '';
  protected start = this.data.meeting ? toLocalInput(this.data.meeting.startsAt, this.timeZone) : '';
  protected duration = 120;
  protected place = '';
  protected videoLink = '';
  protected preset: RecurrencePreset = 'firstTuesday';
  protected customRule = '';
  protected policy: NonWorkingPolicy = 'next_working_day';

  protected typeChanged(): void {
    // A COPROJ is weekly and shorter; a COPIL monthly and longer: offer the usual values.
    if (this.type === 'coproj') {
      this.duration = 60;
      this.preset = 'everyThursday';
    } else if (this.type === 'copil') {
      this.duration = 120;
      this.preset = 'firstTuesday';
    }
    if (this.data.mode === 'series' && (!this.title || ['COPIL', 'COPROJ', 'Atelier'].includes(this.title))) {
      this.title = this.type === 'copil' ? 'COPIL' : this.type === 'coproj' ? 'COPROJ' : 'Atelier';
    }
  }

  protected save(): void {
    if (!this.start || (this.data.mode !== 'move' && !this.title.trim())) {
      this.notifier.problem('meetings.dialog.required');
      return;
    }
    this.saving.set(true);
    const done = {
      next: () => {
        this.saving.set(false);
        this.notifier.success(`meetings.dialog.${this.data.mode}Saved`);
        this.ref.close(true);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.refusal(error, { fields: 'meetings.fields' });
      },
    };
    const common = {
      type: this.type,
      title: this.title.trim(),
      timeZone: this.timeZone,
      durationMinutes: Number(this.duration),
      place: this.place.trim(),
      videoLink: this.videoLink.trim(),
    };
    if (this.data.mode === 'move' && this.data.meeting) {
      this.api.updateMeeting(this.data.projectId, this.data.meeting.id, { localStart: this.start, version: this.data.meeting.version }).subscribe(done);
    } else if (this.data.mode === 'series') {
      const rrule = this.preset === 'custom' ? this.customRule.trim() : RECURRENCE_PRESETS[this.preset];
      this.api.createSeries(this.data.projectId, { ...common, rrule, dtstart: this.start, nonWorkingPolicy: this.policy }).subscribe(done);
    } else {
      this.api.createMeeting(this.data.projectId, { ...common, localStart: this.start }).subscribe(done);
    }
  }
}
