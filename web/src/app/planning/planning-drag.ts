import { signal } from '@angular/core';
import type { RetroPlanningDto } from '@jalon/domain';
import { formatCalendarDate } from '@jalon/planning';
import type { Notifier } from '../shared/notifier';
import { gestureToEdit, type DragGesture, type DragSummary } from './drag-mapping';
import type { GanttChart } from './gantt-chart';
import { applyEdit, previewPlan } from './plan-edit';
import type { PlanningStore } from './planning-store';
import { pluralKey } from './plural';

export interface DragControllerDeps {
  store: PlanningStore;
  gantt: () => GanttChart | undefined;
  notifier: Notifier;
  translate: (key: string, params?: Record<string, unknown>) => string;
  language: () => string;
}

/**
 * What a drag on the Gantt does: while the mouse moves, the engine's preview (the Gantt moves its
 * own bars, the table follows `plan`) and a hint saying what will be saved; on release, the edit.
 */
export class DragController {
  /** The hint shown while dragging (« Déplacée de −5 j : décalage de 1 lien ajusté »). */
  readonly hint = signal<string | null>(null);
  /** The plan while a bar is being dragged: only the table follows it. */
  readonly plan = signal<RetroPlanningDto | null>(null);

  constructor(private readonly deps: DragControllerDeps) {}

  move(gesture: DragGesture): void {
    const { store, gantt, translate } = this.deps;
    const saved = store.saved();
    if (!saved) return;
    const outcome = gestureToEdit(saved, gesture, store.calendar());
    if (!outcome.ok) {
      // Nothing would be saved (e.g. the bar is back where it was): the table shows the saved plan.
      this.plan.set(null);
      this.hint.set(outcome.reason === 'no_driving_link' ? translate('planning.drag.noDrivingLink') : null);
      return;
    }
    const preview = previewPlan(applyEdit(saved, outcome.edit)).plan;
    gantt()?.preview(preview, gesture.taskId);
    this.plan.set(preview);
    this.hint.set(this.describe(outcome.summary));
  }

  end(gesture: DragGesture): void {
    const { store, gantt, notifier, translate } = this.deps;
    const saved = store.saved();
    this.plan.set(null);
    this.hint.set(null);
    if (!saved) return;
    const outcome = gestureToEdit(saved, gesture, store.calendar());
    if (!outcome.ok) {
      if (outcome.reason === 'no_driving_link') notifier.success('planning.drag.noDrivingLink');
      gantt()?.redraw();
      return;
    }
    const task = saved.tasks.find((candidate) => candidate.id === gesture.taskId);
    store.commit(outcome.edit, translate('planning.undoLabels.drag', { name: task?.name ?? '' }));
  }

  private describe(summary: DragSummary): string {
    const { translate, language } = this.deps;
    switch (summary.kind) {
      case 'lag':
        return translate(pluralKey('planning.drag.lag', summary.linkCount, language()), { days: signed(summary.days), count: summary.linkCount });
      case 'actual':
        return translate('planning.drag.actual', { days: signed(summary.days) });
      case 'fixed_date':
        return translate('planning.drag.fixedDate', { date: formatCalendarDate(summary.date, language(), 'weekday-short') });
      case 'duration':
        return translate(summary.pinned === 'finish' ? 'planning.drag.durationPinnedFinish' : 'planning.drag.duration', {
          duration: summary.duration,
        });
      case 'progress':
        return translate('planning.drag.progress', { progress: summary.progress });
    }
  }
}

function signed(days: number): string {
  return days > 0 ? `+${days}` : String(days);
}
