import { signal, type ApplicationRef } from '@angular/core';

/**
 * The COPIL copy (`print-plan.ts`): every row, in a table whose header repeats on every printed
 * page, for the time of printing. The DOM must be ready before the browser lays out the printed
 * page, so change detection runs at once.
 */
export class PrintLayout {
  readonly printing = signal(false);

  constructor(private readonly appRef: ApplicationRef) {}

  print(): void {
    this.before();
    window.print();
  }

  before(): void {
    if (this.printing()) return;
    this.printing.set(true);
    this.appRef.tick();
  }

  after(): void {
    this.printing.set(false);
  }
}
