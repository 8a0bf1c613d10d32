/**
 * The popup shown when hovering a bar. frappe-gantt's `set_title(html)` & co. take HTML, so they
 * are not used: the popup's parts are filled as text nodes, which no task or owner name can turn
 * into markup.
 */
import type { TaskDto } from '@jalon/domain';
import type { FrappePopupContext } from 'frappe-gantt';
import { dayMonthYear } from './gantt-geometry';
import type { SlippageCell } from './slippage';

export interface PopupLabels {
  days: string;
  float: string;
  baseline: string;
}

function lines(element: HTMLElement, texts: readonly string[]): void {
  element.replaceChildren();
  texts.forEach((text, i) => {
    if (i > 0) element.appendChild(document.createElement('br'));
    element.appendChild(document.createTextNode(text));
  });
}

export function fillPopup(context: FrappePopupContext, task: TaskDto, labels: PopupLabels, baseline: SlippageCell | undefined): void {
  lines(context.get_title(), [task.name]);
  lines(context.get_subtitle(), task.ownerName ? [task.ownerName] : []);
  const when = task.isMilestone
    ? dayMonthYear(task.finish)
    : `${dayMonthYear(task.start)} → ${dayMonthYear(task.finish)} · ${task.duration} ${labels.days}`;
  const details = [when, `${labels.float} : ${task.totalFloat} ${labels.days}`];
  if (baseline && baseline.days !== null) details.push(`${labels.baseline} : ${baseline.text}`);
  lines(context.get_details(), details);
}
