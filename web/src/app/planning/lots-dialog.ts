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
import { LIST_STYLES, StructureListDialog } from './structure-dialog';

/** The project's lots: add, rename, own go-live, delete. Each field is saved when it changes. */
@Component({
  selector: 'jalon-lots-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatTooltipModule, TranslatePipe, PluralKeyPipe],
  template: `
    <h2 mat-dialog-title>{{ 'planning.lots.title' | translate }}</h2>
    <mat-dialog-content class="content" data-testid="lots-dialog">
      <p class="intro">{{ 'planning.lots.intro' | translate }}</p>
      @if (message(); as text) {
        <p class="dialog-error" role="alert" data-testid="dialog-error">{{ text }}</p>
      }
      @for (lot of lots(); track lot.id) {
        <div class="row" data-testid="lot-row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="name">
            <mat-label>{{ 'planning.lots.name' | translate }}</mat-label>
            <input matInput [value]="lot.name" (change)="rename(lot.id, lot.name, $any($event.target))" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date">
            <mat-label>{{ 'planning.lots.goLive' | translate }}</mat-label>
            <input matInput type="date" [value]="lot.goLive ?? ''" (change)="setGoLive(lot.id, lot.goLive, $any($event.target).value)" />
          </mat-form-field>
          <span class="count">@let count = taskCount('lotId', lot.id);{{ ('planning.structure.tasks' | pluralKey: count : data.language) | translate: { count } }}</span>
          <button mat-icon-button type="button" class="danger" [disabled]="busy()" [matTooltip]="'planning.lots.delete' | translate"
            [attr.aria-label]="'planning.lots.delete' | translate" data-testid="delete-lot" (click)="remove(lot.id, lot.name)">
            <mat-icon>delete</mat-icon>
          </button>
        </div>
      } @empty {
        <p class="muted">{{ 'planning.lots.none' | translate }}</p>
      }
      <form class="add" (submit)="$event.preventDefault(); create()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="name">
          <mat-label>{{ 'planning.lots.newName' | translate }}</mat-label>
          <input matInput name="name" data-testid="new-lot-name" [value]="name()" (input)="name.set($any($event.target).value)" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date">
          <mat-label>{{ 'planning.lots.goLive' | translate }}</mat-label>
          <input matInput type="date" name="goLive" data-testid="new-lot-go-live" [value]="goLive()" (input)="goLive.set($any($event.target).value)" />
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="create-lot" [disabled]="busy() || !name().trim()">
          <mat-icon>add</mat-icon>{{ 'planning.lots.add' | translate }}
        </button>
      </form>
      <p class="muted small">{{ 'planning.lots.goLiveHint' | translate }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'planning.structure.close' | translate }}</button>
    </mat-dialog-actions>
  `,
  styles: LIST_STYLES + ` .small { font: var(--mat-sys-body-small); margin: 8px 0 0; }`,
})
export class LotsDialog extends StructureListDialog {
  protected readonly lots = computed(() => [...(this.store.saved()?.lots ?? [])].sort(byPosition));
  protected readonly name = signal('');
  protected readonly goLive = signal('');

  protected async create(): Promise<void> {
    const name = this.name().trim();
    if (!name) return;
    if (await this.apply(() => this.store.createLot(name, this.goLive() || null))) {
      this.name.set('');
      this.goLive.set('');
    }
  }

  protected async rename(lotId: string, current: string, input: HTMLInputElement): Promise<void> {
    const name = input.value.trim();
    if (!name) {
      input.value = current;
      return;
    }
    if (name !== current) await this.apply(() => this.store.updateLot(lotId, { name }));
  }

  protected async setGoLive(lotId: string, current: string | null, value: string): Promise<void> {
    const goLive = value || null;
    if (goLive !== current) await this.apply(() => this.store.updateLot(lotId, { goLive }));
  }

  protected async remove(lotId: string, name: string): Promise<void> {
    const ok = await this.confirm({
      title: this.translate.instant('planning.lots.deleteTitle', { name }) as string,
      message: this.translate.instant(pluralKey('planning.lots.deleteText', this.taskCount('lotId', lotId), this.data.language, true), { count: this.taskCount('lotId', lotId) }) as string,
      confirmLabel: this.translate.instant('planning.structure.delete') as string,
    });
    if (ok) await this.apply(() => this.store.deleteLot(lotId));
  }
}
