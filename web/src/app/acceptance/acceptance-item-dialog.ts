import { ChangeDetectionStrategy, Component, Directive, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { ACCEPTANCE_REFERENCE_MAX, ACCEPTANCE_TEXT_MAX, ACCEPTANCE_TITLE_MAX } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';

/** A recette item a dialog edits: a requirement or a test case. */
interface AcceptanceItem {
  reference: string;
}

/**
 * What the requirement and test case dialogs share: read only without `acceptance.write`, save
 * (create or update) and delete (confirmed; the API deletes an unused item or makes it obsolete),
 * each telling the user what happened with `<texts>.created|saved|deleted|madeObsolete` and closing
 * the dialog with true. `<texts>` is the dialog's translation prefix, e.g. `acceptance.caseDialog`.
 */
@Directive()
export abstract class AcceptanceItemDialog {
  private readonly ref = inject<MatDialogRef<unknown, boolean>>(MatDialogRef);
  private readonly dialogs = inject(Dialogs);
  private readonly translate = inject(TranslateService);
  protected readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);
  protected readonly saving = signal(false);
  protected readonly canWrite = inject(ProjectContext).can('acceptance.write');
  protected readonly referenceMax = ACCEPTANCE_REFERENCE_MAX;
  protected readonly titleMax = ACCEPTANCE_TITLE_MAX;
  protected readonly textMax = ACCEPTANCE_TEXT_MAX;

  protected abstract readonly texts: string;

  /** Sends a creation (`created`) or an update; on success tells the saved item's reference and closes. */
  protected submit(call: Observable<AcceptanceItem>, created: boolean): void {
    this.saving.set(true);
    call.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.notifier.success(`${this.texts}.${created ? 'created' : 'saved'}`, { reference: saved.reference });
        this.ref.close(true);
      },
      error: (error: unknown) => this.refused(error),
    });
  }

  /** Asks for confirmation, then deletes the item (or, when it is in use, the API makes it obsolete). */
  protected async confirmDelete(current: AcceptanceItem, call: () => Observable<{ deleted: boolean }>): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant(`${this.texts}.deleteTitle`, { reference: current.reference }),
      message: this.translate.instant(`${this.texts}.deleteMessage`),
      confirmLabel: this.translate.instant(`${this.texts}.delete`),
      destructive: true,
    });
    if (!confirmed) return;
    this.saving.set(true);
    call().subscribe({
      next: (result) => {
        this.saving.set(false);
        this.notifier.success(`${this.texts}.${result.deleted ? 'deleted' : 'madeObsolete'}`, { reference: current.reference });
        this.ref.close(true);
      },
      error: (error: unknown) => this.refused(error),
    });
  }

  private refused(error: unknown): void {
    this.saving.set(false);
    this.notifier.refusal(error, { fields: 'acceptance.fields' });
  }
}

/**
 * The action bar of both dialogs, inside their `mat-dialog-actions`: delete (an existing item),
 * cancel (close when read only) and save, which submits the form `<testId>-form`.
 */
@Component({
  selector: 'jalon-acceptance-item-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  template: `
    @if (canWrite() && existing()) {
      <button mat-button type="button" class="delete" (click)="delete.emit()" [disabled]="saving()" [attr.data-testid]="testId() + '-delete'">
        {{ texts() + '.delete' | translate }}
      </button>
    }
    <span class="spacer"></span>
    <button mat-button type="button" mat-dialog-close>{{ texts() + (canWrite() ? '.cancel' : '.close') | translate }}</button>
    @if (canWrite()) {
      <button mat-flat-button type="submit" [attr.form]="testId() + '-form'" [disabled]="saving()" [attr.data-testid]="testId() + '-save'">
        {{ texts() + '.save' | translate }}
      </button>
    }
  `,
  styles: `
    :host { display: contents; }
    .spacer { flex: 1; }
    .delete { color: #8a1c12; }
  `,
})
export class AcceptanceItemActions {
  /** The dialog's translation prefix, e.g. `acceptance.caseDialog`. */
  readonly texts = input.required<string>();
  /** `case` or `requirement`: the test ids and the form's id. */
  readonly testId = input.required<string>();
  readonly canWrite = input.required<boolean>();
  /** Whether the item exists (it may then be deleted). */
  readonly existing = input.required<boolean>();
  readonly saving = input.required<boolean>();
  readonly delete = output<void>();
}

/** The styles both dialogs' forms share (a three-column grid, the history list). */
export const ACCEPTANCE_ITEM_DIALOG_STYLES = `
  .form { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 4px 12px; padding-top: 4px; }
  .span-2 { grid-column: span 2; }
  .wide { grid-column: 1 / -1; }
  h3 { font: var(--mat-sys-title-small); margin: 16px 0 4px; }
  .muted { color: #5f6b7a; margin: 0; }
  .history { margin: 0; padding-left: 20px; }
  .history summary { cursor: pointer; padding: 2px 0; }
  .pre { white-space: pre-wrap; }
`;
