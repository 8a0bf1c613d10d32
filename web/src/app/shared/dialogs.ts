import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, type ConfirmDialogData, type ConfirmDialogResult } from './confirm-dialog';
import { NameDialog, type NameDialogData } from './name-dialog';

/** Opens the shared dialogs and answers with a promise. */
@Injectable({ providedIn: 'root' })
export class Dialogs {
  private readonly dialog = inject(MatDialog);

  /** True when the user confirms. */
  async confirm(data: ConfirmDialogData): Promise<boolean> {
    return (await this.ask(data)) !== null;
  }

  /** Null when cancelled; otherwise `{ option }`, whether the dialog's checkbox was ticked. */
  ask(data: ConfirmDialogData): Promise<ConfirmDialogResult | null> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult | null>(ConfirmDialog, {
      data,
      autoFocus: 'dialog',
      role: 'alertdialog',
    });
    return firstValueFrom(ref.afterClosed()).then((result) => result ?? null);
  }

  /** The trimmed name typed, or null when cancelled. */
  askName(data: NameDialogData): Promise<string | null> {
    const ref = this.dialog.open<NameDialog, NameDialogData, string | null>(NameDialog, { data });
    return firstValueFrom(ref.afterClosed()).then((result) => result ?? null);
  }
}
