import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { WEATHERS, type Weather, type WeatherEntryDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { MeetingsApi } from './meetings-api';
import { ZonedPipe } from './zoned-time';

export const WEATHER_ICONS: Record<Weather, string> = { ensoleille: 'sunny', nuageux: 'cloud', orageux: 'thunderstorm' };

/**
 * The project's weather: the current one with its comment, the history as a strip (oldest left),
 * and for the project manager a form to set it (optionally tied to a meeting).
 */
@Component({
  selector: 'jalon-weather-strip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, ZonedPipe, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <section class="weather" [attr.aria-label]="'meetings.weather.title' | translate" data-testid="weather">
      <div class="current">
        <h2>{{ 'meetings.weather.title' | translate }}</h2>
        @if (current(); as entry) {
          <p class="now" [attr.data-weather]="entry.weather" data-testid="weather-current">
            <mat-icon aria-hidden="true">{{ icons[entry.weather] }}</mat-icon>
            <strong>{{ 'meetings.weathers.' + entry.weather | translate }}</strong>
            <span class="meta">{{ 'meetings.weather.setBy' | translate: { name: entry.setByName ?? '—', date: (entry.setAt | zoned: language.current()) } }}</span>
          </p>
          @if (entry.comment) {
            <p class="comment">{{ entry.comment }}</p>
          }
        } @else {
          <p class="meta">{{ 'meetings.weather.none' | translate }}</p>
        }
      </div>
      @if (history().length > 1) {
        <ol class="strip" [attr.aria-label]="'meetings.weather.history' | translate" data-testid="weather-history">
          @for (entry of history(); track entry.id) {
            <li [attr.data-weather]="entry.weather" [title]="entry.comment">
              <mat-icon aria-hidden="true">{{ icons[entry.weather] }}</mat-icon>
              <span class="visually-hidden">{{ 'meetings.weathers.' + entry.weather | translate }}</span>
              <span class="date">{{ entry.setAt | zoned: language.current() : 'date' }}</span>
            </li>
          }
        </ol>
      }
      @if (canSet()) {
        <form class="set" (ngSubmit)="save()" data-testid="weather-form">
          <mat-button-toggle-group name="weather" [(ngModel)]="weather" [attr.aria-label]="'meetings.weather.choose' | translate">
            @for (option of weathers; track option) {
              <mat-button-toggle [value]="option" [attr.data-testid]="'weather-' + option">
                <mat-icon aria-hidden="true">{{ icons[option] }}</mat-icon> {{ 'meetings.weathers.' + option | translate }}
              </mat-button-toggle>
            }
          </mat-button-toggle-group>
          <mat-form-field class="grow" subscriptSizing="dynamic">
            <mat-label>{{ 'meetings.weather.comment' | translate }}</mat-label>
            <input matInput name="comment" [(ngModel)]="comment" maxlength="2000" data-testid="weather-comment" />
          </mat-form-field>
          <button mat-stroked-button type="submit" [disabled]="!weather || saving()" data-testid="weather-save">{{ 'meetings.weather.set' | translate }}</button>
        </form>
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    .weather { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 16px; }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .now { display: flex; align-items: center; gap: 8px; margin: 0; flex-wrap: wrap; }
    .now mat-icon { font-size: 32px; width: 32px; height: 32px; }
    .meta { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .comment { margin: 6px 0 0; white-space: pre-line; }
    [data-weather='ensoleille'] mat-icon { color: #8a5a00; }
    [data-weather='nuageux'] mat-icon { color: #44474e; }
    [data-weather='orageux'] mat-icon { color: #8a1c12; }
    .strip { list-style: none; display: flex; gap: 4px; padding: 0; margin: 12px 0 0; overflow-x: auto; }
    .strip li { display: flex; flex-direction: column; align-items: center; min-width: 64px; padding: 4px; border-radius: 8px; background: var(--mat-sys-surface-container-low, #f4f4f6); }
    .strip .date { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .set { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 12px; }
    .grow { flex: 1; min-width: 220px; }
  `,
})
export class WeatherStrip {
  readonly projectId = input.required<string>();
  /** The meeting a weather set here belongs to (a COPIL's weather). */
  readonly meetingId = input<string | null>(null);
  readonly changed = output<WeatherEntryDto>();
  private readonly api = inject(MeetingsApi);
  private readonly notifier = inject(Notifier);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly icons = WEATHER_ICONS;
  protected readonly weathers = WEATHERS;
  protected readonly entries = signal<WeatherEntryDto[]>([]);
  protected readonly saving = signal(false);
  protected readonly canSet = computed(() => this.context.can('project.edit'));
  /** Oldest first, the last twelve. */
  protected readonly history = computed(() => [...this.entries()].sort((a, b) => a.setAt.localeCompare(b.setAt)).slice(-12));
  protected readonly current = computed(() => this.history().at(-1) ?? null);
  protected weather: Weather | null = null;
  protected comment = '';

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private load(projectId: string): void {
    this.api.weather(projectId).subscribe({ next: (entries) => this.entries.set(entries), error: () => this.entries.set([]) });
  }

  protected save(): void {
    if (!this.weather) return;
    this.saving.set(true);
    this.api.setWeather(this.projectId(), { weather: this.weather, comment: this.comment.trim(), meetingId: this.meetingId() }).subscribe({
      next: (entry) => {
        this.saving.set(false);
        this.entries.update((entries) => [...entries, entry]);
        this.weather = null;
        this.comment = '';
        this.notifier.success('meetings.weather.saved');
        this.changed.emit(entry);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.refusal(error, { fields: 'meetings.fields' });
      },
    });
  }
}
