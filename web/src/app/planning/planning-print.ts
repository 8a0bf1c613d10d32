import { signal, type ApplicationRef, type WritableSignal } from '@angular/core';
import type { GanttView } from './gantt-chart';

/**
 * The COPIL copy: every row, at the month scale, for the time of printing. The DOM must be ready
 * before the browser lays out the printed page, so change detection runs at once.
 */
export class PrintLayout {
  readonly printing = signal(false);
  private viewBefore: GanttView | null = null;

  constructor(
    private readonly view: WritableSignal<GanttView>,
    private readonly appRef: ApplicationRef,
  ) {}

  print(): void {
    this.before();
    window.print();
  }

  before(): void {
    if (this.printing()) return;
    this.printing.set(true);
    this.viewBefore = this.view();
    this.view.set('Month');
    this.appRef.tick();
  }

  after(): void {
    this.printing.set(false);
    if (this.viewBefore) this.view.set(this.viewBefore);
    this.viewBefore = null;
  }
}
