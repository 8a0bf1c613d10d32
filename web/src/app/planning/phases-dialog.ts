import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { byPosition } from './plan-structure';
import { PluralKeyPipe, pluralKey } from './plural';
import { LIST_STYLES, StructureListDialog, type StructureDialogData } from './structure-dialog';

export interface PhasesDialogData extends StructureDialogData {
  /** The phase whose row menu opened the dialog. */
  phaseId?: string | null;
}

/** The project's phases in order: add, rename, move up or down, delete. */
@Component({
  selector: 'jalon-phases-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatTooltipModule, TranslatePipe, PluralKeyPipe],
  template: `
    <h2 mat-dialog-title>{{ 'planning.phases.title' | translate }}</h2>
    <mat-dialog-content class="content" data-testid="phases-dialog">
      <p class="intro">{{ 'planning.phases.intro' | translate }}</p>
      @if (message(); as text) {
        <p class="dialog-error" role="alert" data-testid="dialog-error">{{ text }}</p>
      }
      @for (phase of phases(); track phase.id; let first = $first, last = $last) {
        <div class="row" data-testid="phase-item" [class.focused]="phase.id === focusedId">
          <span class="rank" aria-hidden="true">{{ $index + 1 }}</span>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="name">
            <input matInput [value]="phase.name" [attr.aria-label]="'planning.phases.name' | translate" [attr.data-testid]="'phase-name-' + $index"
              (change)="rename(phase.id, phase.name, $any($event.target))" />
          </mat-form-field>
          <span class="count">@let count = taskCount('phaseId', phase.id);{{ ('planning.structure.tasks' | pluralKey: count : data.language) | translate: { count } }}</span>
          <button mat-icon-button type="button" [disabled]="busy() || first" [matTooltip]="'planning.phases.moveUp' | translate"
            [attr.aria-label]="'planning.phases.moveUp' | translate" data-testid="phase-up" (click)="move(phase.id, -1)">
            <mat-icon>arrow_upward</mat-icon>
          </button>
          <button mat-icon-button type="button" [disabled]="busy() || last" [matTooltip]="'planning.phases.moveDown' | translate"
            [attr.aria-label]="'planning.phases.moveDown' | translate" data-testid="phase-down" (click)="move(phase.id, 1)">
            <mat-icon>arrow_downward</mat-icon>
          </button>
          <button mat-icon-button type="button" class="danger" [disabled]="busy()" [matTooltip]="'planning.phases.delete' | translate"
            [attr.aria-label]="'planning.phases.delete' | translate" data-testid="delete-phase" (click)="remove(phase.id, phase.name)">
            <mat-icon>delete</mat-icon>
          </button>
        </div>
      } @empty {
        <p class="muted">{{ 'planning.phases.none' | translate }}</p>
      }
      <form class="add" (submit)="$event.preventDefault(); create()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="name">
          <mat-label>{{ 'planning.phases.newName' | translate }}</mat-label>
          <input matInput name="name" data-testid="new-phase-name" [value]="name()" (input)="name.set($any($event.target).value)" />
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="create-phase" [disabled]="busy() || !name().trim()">
          <mat-icon>add</mat-icon>{{ 'planning.phases.add' | translate }}
        </button>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'planning.structure.close' | translate }}</button>
    </mat-dialog-actions>
  `,
  styles: LIST_STYLES + ` .row.focused { background: var(--mat-sys-secondary-container); border-radius: 8px; padding-left: 6px; }`,
})
export class PhasesDialog extends StructureListDialog {
  protected readonly focusedId = (this.data as PhasesDialogData).phaseId ?? null;
  protected readonly phases = computed(() => [...(this.store.saved()?.phases ?? [])].sort(byPosition));
  protected readonly name = signal('');

  protected async create(): Promise<void> {
    const name = this.name().trim();
    if (name && (await this.apply(() => this.store.addPhase(name)))) this.name.set('');
  }

  protected async rename(phaseId: string, current: string, input: HTMLInputElement): Promise<void> {
    const name = input.value.trim();
    if (!name) {
      input.value = current;
      return;
    }
    if (name !== current) await this.apply(() => this.store.renamePhase(phaseId, name));
  }

  protected async move(phaseId: string, delta: -1 | 1): Promise<void> {
    await this.apply(() => this.store.movePhase(phaseId, delta));
  }

  protected async remove(phaseId: string, name: string): Promise<void> {
    const ok = await this.confirm({
      title: this.translate.instant('planning.phases.deleteTitle', { name }) as string,
      message: this.translate.instant(pluralKey('planning.phases.deleteText', this.taskCount('phaseId', phaseId), this.data.language, true), { count: this.taskCount('phaseId', phaseId) }) as string,
      confirmLabel: this.translate.instant('planning.structure.delete') as string,
    });
    if (ok) await this.apply(() => this.store.deletePhase(phaseId));
  }
}
