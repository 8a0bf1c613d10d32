import { inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { TranslateService } from '@ngx-translate/core';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import type { Refusal } from '../shared/refusal';
import { PLANNING_REFUSAL_TEXTS, type PlanningStore } from './planning-store';

/** What the plan's structure dialogs (settings, lots, phases) work on. */
export interface StructureDialogData {
  store: PlanningStore;
  language: string;
}

/** A refusal in the dialog's words: a stale plan was reloaded, anything else by its code. */
export function refusalText(notifier: Notifier, translate: TranslateService, refusal: Refusal): string {
  return refusal.code === 'stale_version' || refusal.code === 'conflict'
    ? (translate.instant('planning.structure.stale') as string)
    : notifier.describe(refusal, PLANNING_REFUSAL_TEXTS);
}

/** Shared by the lots and phases dialogs: one change at a time, its refusal shown in the dialog. */
export abstract class StructureListDialog {
  protected readonly data = inject<StructureDialogData>(MAT_DIALOG_DATA);
  protected readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly dialogs = inject(Dialogs);
  protected readonly store = this.data.store;
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);

  protected async apply(change: () => Promise<Refusal | null>): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.message.set(null);
    const refusal = await change();
    this.busy.set(false);
    if (refusal) this.message.set(refusalText(this.notifier, this.translate, refusal));
    return !refusal;
  }

  /** "Are you sure?" before a deletion, saying what happens to what depends on it. */
  protected confirm(data: { title: string; message: string; confirmLabel: string }): Promise<boolean> {
    return this.dialogs.confirm({ ...data, destructive: true });
  }

  protected taskCount(key: 'lotId' | 'phaseId', id: string): number {
    return this.store.saved()?.tasks.filter((task) => task[key] === id).length ?? 0;
  }
}

export const LIST_STYLES = `
  .content { width: 620px; max-width: 100%; }
  .intro { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
  .row { display: flex; align-items: center; gap: 8px; padding: 4px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
  .row .name { flex: 1 1 auto; }
  .row mat-form-field { --mat-form-field-container-height: 40px; --mat-form-field-container-vertical-padding: 8px; }
  .row:has(mat-label) { padding-top: 10px; }
  .rank { width: 20px; text-align: right; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-label-large); }
  .row .date { width: 190px; flex: none; }
  .count { min-width: 72px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); text-align: right; }
  .add { display: flex; align-items: center; gap: 8px; margin-top: 16px; }
  .add .name { flex: 1 1 auto; }
  .add .date { width: 190px; flex: none; }
  .muted { color: var(--mat-sys-on-surface-variant); }
  .dialog-error { margin: 0 0 8px; padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  .danger { color: var(--mat-sys-error); }
`;
