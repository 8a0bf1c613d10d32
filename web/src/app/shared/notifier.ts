import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import { readRefusal, type Refusal } from './refusal';

export interface RefusalTexts {
  /**
   * A translation prefix searched first for this feature's own wording: `<codes>.<code>`
   * (e.g. `planning.errors` → `planning.errors.plan_cycle`). Falls back to `errors.codes.<code>`.
   */
  codes?: string;
  /** A translation prefix for field labels: `<fields>.<field>` (e.g. `projects.fields`); the raw name otherwise. */
  fields?: string;
}

/**
 * The one way pages tell the user what happened: a translated message for a success, and for a
 * refusal a French (or English) message chosen by the API's `code`, naming the fields at fault.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);

  /** Shows the translation of `key` for a few seconds. */
  success(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.translate.instant(key, params), undefined, { duration: 3000 });
  }

  /** Shows a problem found before calling the API (a value out of range…), from the translation of `key`. */
  problem(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.translate.instant(key, params), this.translate.instant('shared.dismiss'), {
      duration: 8000,
      politeness: 'assertive',
    });
  }

  /** Shows why the call failed and returns what was read, for pages that react to the code. */
  refusal(error: unknown, texts: RefusalTexts = {}): Refusal {
    const refusal = readRefusal(error);
    this.snackBar.open(this.describe(refusal, texts), this.translate.instant('shared.dismiss'), {
      duration: 8000,
      politeness: 'assertive',
    });
    return refusal;
  }

  /** The message for a refusal (or a raw error), in the interface language. */
  describe(errorOrRefusal: unknown, texts: RefusalTexts = {}): string {
    const refusal = isRefusal(errorOrRefusal) ? errorOrRefusal : readRefusal(errorOrRefusal);
    const message =
      (texts.codes ? this.lookup(`${texts.codes}.${refusal.code}`) : null) ??
      this.lookup(`errors.codes.${refusal.code}`) ??
      this.translate.instant('errors.codes.unknown', { status: refusal.status });
    if (refusal.fields.length === 0) return message;
    const names = refusal.fields.map((field) => (texts.fields ? this.lookup(`${texts.fields}.${field}`) : null) ?? field);
    return `${message} ${this.translate.instant('errors.fields', { fields: names.map((name) => `« ${name} »`).join(', ') })}`;
  }

  private lookup(key: string): string | null {
    const text: unknown = this.translate.instant(key);
    return typeof text === 'string' && text !== key ? text : null;
  }
}

function isRefusal(value: unknown): value is Refusal {
  return !!value && typeof value === 'object' && 'code' in value && 'fields' in value && 'taskIds' in value && 'status' in value;
}
