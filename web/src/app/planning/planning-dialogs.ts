import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { LINK_TYPES, type LinkTypeCode, type MilestoneTrendDto, type TaskDto } from '@jalon/domain';
import { MilestoneTrendChart } from './milestone-trend-chart';
import type { NewLink } from './planning-api';

export interface NameDialogData {
  title: string;
  label: string;
  value: string;
}

/** Asks for one name (a phase, a baseline). */
@Component({
  selector: 'jalon-name-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form (submit)="$event.preventDefault(); submit()">
      <mat-dialog-content>
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ data.label }}</mat-label>
          <input matInput name="name" cdkFocusInitial [value]="name()" (input)="name.set($any($event.target).value)" />
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'planning.linkDialog.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="!name().trim()">OK</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.full { width: 360px; max-width: 100%; }`,
})
export class NameDialog {
  protected readonly data = inject<NameDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<NameDialog, string>);
  protected readonly name = signal(this.data.value);

  protected submit(): void {
    if (this.name().trim()) this.ref.close(this.name().trim());
  }
}

export interface LinkDialogData {
  tasks: TaskDto[];
  fromTaskId: string | null;
}

/** A new dependency between two tasks. */
@Component({
  selector: 'jalon-link-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'planning.linkDialog.title' | translate }}</h2>
    <form (submit)="$event.preventDefault(); submit()">
      <mat-dialog-content class="grid">
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'planning.linkDialog.from' | translate }}</mat-label>
          <mat-select [value]="from()" (selectionChange)="from.set($event.value)" data-testid="link-from">
            @for (task of data.tasks; track task.id) {
              <mat-option [value]="task.id">{{ task.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'planning.linkDialog.to' | translate }}</mat-label>
          <mat-select [value]="to()" (selectionChange)="to.set($event.value)" data-testid="link-to">
            @for (task of data.tasks; track task.id) {
              <mat-option [value]="task.id" [disabled]="task.id === from()">{{ task.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'planning.panel.linkType' | translate }}</mat-label>
          <mat-select [value]="type()" (selectionChange)="type.set($event.value)">
            @for (code of types; track code) {
              <mat-option [value]="code">{{ code }} · {{ 'planning.linkTypes.' + code | translate }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'planning.panel.lag' | translate }}</mat-label>
          <input matInput type="number" name="lag" [value]="lag()" (input)="lag.set(+$any($event.target).value || 0)" />
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'planning.linkDialog.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="!from() || !to() || from() === to()">{{ 'planning.linkDialog.create' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; min-width: 480px; } .wide { grid-column: 1 / -1; }`,
})
export class LinkDialog {
  protected readonly data = inject<LinkDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<LinkDialog, NewLink>);
  protected readonly types = LINK_TYPES;
  protected readonly from = signal<string | null>(this.data.fromTaskId);
  protected readonly to = signal<string | null>(null);
  protected readonly type = signal<LinkTypeCode>('FS');
  protected readonly lag = signal(0);

  protected submit(): void {
    const from = this.from();
    const to = this.to();
    if (from && to && from !== to) this.ref.close({ fromTaskId: from, toTaskId: to, type: this.type(), lag: Math.round(this.lag()) });
  }
}

export interface TrendDialogData {
  trend: MilestoneTrendDto;
  language: string;
}

@Component({
  selector: 'jalon-trend-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, TranslatePipe, MilestoneTrendChart],
  template: `
    <h2 mat-dialog-title>{{ 'planning.trend.title' | translate }}</h2>
    <mat-dialog-content>
      <p class="subtitle">{{ 'planning.trend.subtitle' | translate }}</p>
      @if (data.trend.baselines.length === 0 || data.trend.milestones.length === 0) {
        <p>{{ 'planning.trend.empty' | translate }}</p>
      } @else {
        <jalon-milestone-trend-chart [trend]="data.trend" [language]="data.language"
          [currentLabel]="'planning.trend.current' | translate" [title]="'planning.trend.title' | translate" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>{{ 'planning.trend.close' | translate }}</button>
    </mat-dialog-actions>
  `,
  styles: `.subtitle { color: var(--mat-sys-on-surface-variant); margin-top: 0; }`,
})
export class TrendDialog {
  protected readonly data = inject<TrendDialogData>(MAT_DIALOG_DATA);
}
