import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@jalon/domain';

/** The API's own message for a failed call, or null when the server could not be reached. */
export function apiErrorMessage(error: unknown): string | null {
  if (error instanceof HttpErrorResponse && error.error && typeof error.error === 'object') {
    const body = error.error as Partial<ApiErrorBody>;
    if (typeof body.message === 'string') return body.message;
  }
  return null;
}
