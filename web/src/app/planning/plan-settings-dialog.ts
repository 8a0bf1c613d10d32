import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { PUBLIC_HOLIDAY_SETS, type RetroPlanningDto } from '@jalon/domain';
import { formatCalendarDate } from '@jalon/planning';
import { Notifier } from '../shared/notifier';
import { refusalText, type StructureDialogData } from './structure-dialog';
import { settingsChange, settingsErrors, settingsFieldOf, settingsForm, type SettingsField, type SettingsForm } from './plan-structure';

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Scheduling mode, go-live or start, status date and working calendar of the plan. */
@Component({
  selector: 'jalon-plan-settings-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    MatTooltipModule,
    TranslatePipe,
  ],
  template: `
    @let f = form();
    @let errors = fieldErrors();
    <h2 mat-dialog-title>{{ 'planning.settings.title' | translate }}</h2>
    <form (submit)="$event.preventDefault(); submit()" data-testid="settings-dialog">
      <mat-dialog-content class="content">
        @if (message(); as text) {
          <p class="dialog-error" role="alert" data-testid="dialog-error">{{ text }}</p>
        }
        <section>
          <h3>{{ 'planning.settings.mode' | translate }}</h3>
          <mat-radio-group class="modes" [value]="f.mode" (change)="patch({ mode: $event.value })" [attr.aria-label]="'planning.settings.mode' | translate">
            <mat-radio-button value="backward" data-testid="mode-backward">{{ 'planning.settings.backward' | translate }}</mat-radio-button>
            <mat-radio-button value="forward" data-testid="mode-forward">{{ 'planning.settings.forward' | translate }}</mat-radio-button>
          </mat-radio-group>
        </section>
        <section class="dates">
          @if (f.mode === 'backward') {
            <mat-form-field appearance="outline">
              <mat-label>{{ 'planning.settings.targetGoLive' | translate }}</mat-label>
              <input matInput type="date" name="targetGoLive" data-testid="settings-go-live" [value]="f.targetGoLive"
                (change)="patch({ targetGoLive: $any($event.target).value })" />
              @if (errors.targetGoLive; as error) {
                <mat-hint class="field-error">{{ error }}</mat-hint>
              }
            </mat-form-field>
          } @else {
            <mat-form-field appearance="outline">
              <mat-label>{{ 'planning.settings.projectStart' | translate }}</mat-label>
              <input matInput type="date" name="projectStart" data-testid="settings-project-start" [value]="f.projectStart"
                (change)="patch({ projectStart: $any($event.target).value })" />
              @if (errors.projectStart; as error) {
                <mat-hint class="field-error">{{ error }}</mat-hint>
              }
            </mat-form-field>
          }
          <mat-form-field appearance="outline">
            <mat-label>{{ 'planning.settings.statusDate' | translate }}</mat-label>
            <input matInput type="date" name="statusDate" data-testid="settings-status-date" [value]="f.statusDate"
              (change)="patch({ statusDate: $any($event.target).value })" />
            @if (errors.statusDate; as error) {
              <mat-hint class="field-error">{{ error }}</mat-hint>
            } @else {
              <mat-hint>{{ 'planning.settings.statusDateHint' | translate }}</mat-hint>
            }
          </mat-form-field>
        </section>
        <section>
          <h3>{{ 'planning.settings.calendar' | translate }}</h3>
          <div class="weekdays" role="group" [attr.aria-label]="'planning.settings.workingWeekdays' | translate">
            <span class="label">{{ 'planning.settings.workingWeekdays' | translate }}</span>
            @for (day of weekdays(); track day.iso) {
              <mat-checkbox [checked]="f.workingWeekdays.includes(day.iso)" (change)="toggleWeekday(day.iso, $event.checked)"
                [attr.data-testid]="'weekday-' + day.iso">{{ day.label }}</mat-checkbox>
            }
          </div>
          @if (errors.workingWeekdays; as error) {
            <p class="field-error small">{{ error }}</p>
          }
          <mat-form-field appearance="outline" class="holidays">
            <mat-label>{{ 'planning.settings.publicHolidays' | translate }}</mat-label>
            <mat-select [value]="f.publicHolidays" (selectionChange)="patch({ publicHolidays: $event.value })" data-testid="settings-holidays">
              @for (set of holidaySets; track set) {
                <mat-option [value]="set">{{ 'planning.settings.holidaySets.' + set | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <div class="closures">
            <span class="label">{{ 'planning.settings.extraHolidays' | translate }}</span>
            @for (date of f.extraHolidays; track date) {
              <span class="closure" data-testid="closure">
                {{ formatDate(date) }}
                <button mat-icon-button type="button" class="small" [attr.aria-label]="'planning.settings.removeClosure' | translate: { date: formatDate(date) }"
                  (click)="removeClosure(date)"><mat-icon>close</mat-icon></button>
              </span>
            } @empty {
              <span class="muted">{{ 'planning.settings.noClosure' | translate }}</span>
            }
          </div>
          <div class="add-closure">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'planning.settings.closureDate' | translate }}</mat-label>
              <input matInput type="date" name="closure" data-testid="closure-date" [value]="closure()" (input)="closure.set($any($event.target).value)"
                (keydown.enter)="$event.preventDefault(); addClosure()" />
            </mat-form-field>
            <button mat-stroked-button type="button" data-testid="add-closure" [disabled]="!closure()" (click)="addClosure()">
              <mat-icon>event_busy</mat-icon>{{ 'planning.settings.addClosure' | translate }}
            </button>
          </div>
          @if (errors.extraHolidays; as error) {
            <p class="field-error small">{{ error }}</p>
          }
        </section>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'planning.linkDialog.cancel' | translate }}</button>
        <button mat-flat-button type="submit" data-testid="settings-save" [disabled]="busy() || !changed() || invalid()">{{ 'planning.settings.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .content { display: flex; flex-direction: column; gap: 8px; width: 560px; max-width: 100%; }
    h3 { font: var(--mat-sys-title-small); margin: 4px 0; }
    .modes { display: flex; flex-direction: column; }
    .dates { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; margin-top: 4px; }
    .weekdays { display: flex; flex-wrap: wrap; align-items: center; gap: 0 2px; margin-bottom: 8px; }
    .label { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); margin-right: 8px; }
    .holidays { width: 260px; }
    .closures { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-bottom: 8px; }
    .closure { display: inline-flex; align-items: center; padding-left: 10px; border-radius: 16px; background: var(--mat-sys-surface-container-high); font: var(--mat-sys-body-medium); }
    .small { --mat-icon-button-state-layer-size: 28px; padding: 2px; }
    .small mat-icon { font-size: 16px; width: 16px; height: 16px; }
    .add-closure { display: flex; align-items: center; gap: 12px; }
    .muted { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-medium); }
    .field-error { color: var(--mat-sys-error); }
    p.small { margin: 0 0 8px; font: var(--mat-sys-body-small); }
    .dialog-error { margin: 0 0 8px; padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class PlanSettingsDialog {
  private readonly data = inject<StructureDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<PlanSettingsDialog, boolean>);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly store = this.data.store;

  protected readonly holidaySets = PUBLIC_HOLIDAY_SETS;
  protected readonly form = signal<SettingsForm>(this.initialForm());
  protected readonly closure = signal('');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  /** Fields the API refused; cleared when the field changes. */
  private readonly apiErrors = signal<Partial<Record<SettingsField, string>>>({});

  protected readonly weekdays = computed(() => {
    const format = new Intl.DateTimeFormat(this.data.language, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return ISO_WEEKDAYS.map((iso) => ({ iso, label: capitalise(format.format(new Date(Date.UTC(2024, 0, iso)))) }));
  });
  protected readonly fieldErrors = computed(() => {
    const local = settingsErrors(this.form());
    const errors: Partial<Record<SettingsField, string>> = { ...this.apiErrors() };
    for (const [field, code] of Object.entries(local) as Array<[SettingsField, string]>) {
      errors[field] = this.translate.instant(`planning.settings.errors.${code}`) as string;
    }
    return errors;
  });
  protected readonly invalid = computed(() => Object.keys(settingsErrors(this.form())).length > 0);
  protected readonly changed = computed(() => {
    const settings = this.store.saved()?.settings;
    return !!settings && Object.keys(settingsChange(settings, this.form())).length > 0;
  });

  private initialForm(): SettingsForm {
    const plan = this.data.store.saved() as RetroPlanningDto;
    return settingsForm(plan.settings, plan.projectStart);
  }

  protected patch(change: Partial<SettingsForm>): void {
    this.form.update((form) => ({ ...form, ...change }));
    this.apiErrors.update((errors) => {
      const next = { ...errors };
      for (const key of Object.keys(change)) delete next[(key === 'mode' ? 'projectStart' : key) as SettingsField];
      return next;
    });
  }

  protected toggleWeekday(iso: number, on: boolean): void {
    const days = this.form().workingWeekdays.filter((day) => day !== iso);
    this.patch({ workingWeekdays: on ? [...days, iso].sort((a, b) => a - b) : days });
  }

  protected addClosure(): void {
    const date = this.closure();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    this.patch({ extraHolidays: [...new Set([...this.form().extraHolidays, date])].sort() });
    this.closure.set('');
  }

  protected removeClosure(date: string): void {
    this.patch({ extraHolidays: this.form().extraHolidays.filter((candidate) => candidate !== date) });
  }

  protected formatDate(date: string): string {
    return formatCalendarDate(date, this.data.language, 'weekday-short');
  }

  protected async submit(): Promise<void> {
    const settings = this.store.saved()?.settings;
    if (!settings || this.busy()) return;
    if (this.invalid()) return;
    const change = settingsChange(settings, this.form());
    if (Object.keys(change).length === 0) return;
    this.busy.set(true);
    this.message.set(null);
    const refusal = await this.store.saveSettings(change);
    this.busy.set(false);
    if (!refusal) {
      this.ref.close(true);
      return;
    }
    this.message.set(refusalText(this.notifier, this.translate, refusal));
    const errors: Partial<Record<SettingsField, string>> = {};
    for (const field of refusal.fields) {
      const own = settingsFieldOf(field);
      if (own) errors[own] = this.translate.instant('planning.settings.errors.refused') as string;
    }
    this.apiErrors.set(errors);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
