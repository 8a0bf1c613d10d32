import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { LINK_TYPES, type LinkDto, type LinkTypeCode, type ProjectMember, type RetroPlanningDto, type TaskDto } from '@jalon/domain';
import { editableFieldsOf, type LinkEdit, type TaskFields } from './plan-edit';
import type { NewLink, ProgressReport } from './planning-api';

const REPORTED = ['progress', 'actualStart', 'actualFinish'] as const;

interface LinkView {
  link: LinkDto;
  other: TaskDto | undefined;
}


/** Every field of one task, its computed dates and its links. */
import type { TaskRisk } from './plan-risks';
@Component({
  selector: 'jalon-task-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDatePipe,
    TranslatePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
  ],
  templateUrl: './task-panel.html',
  styleUrl: './task-panel.scss',
})
export class TaskPanel {
  readonly task = input.required<TaskDto>();
  readonly plan = input.required<RetroPlanningDto>();
  readonly canEdit = input(false);
  /** Progress and actual dates only: a contributor on a task assigned to them. */
  readonly canReport = input(false);
  /** The project's members, for assigning the task to an account. */
  readonly members = input<readonly ProjectMember[]>([]);
  /** The risks linked to the task (issue 12), in reference order. */
  readonly risks = input<readonly TaskRisk[]>([]);
  readonly language = input('fr');

  readonly saved = output<Partial<TaskFields>>();
  /** A member chosen (or none): saved at once, apart from the other fields. */
  readonly assigned = output<string | null>();
  /** A contributor's report (progress and actual dates). */
  readonly reported = output<ProgressReport>();
  readonly deleted = output<void>();
  readonly linkAdded = output<NewLink>();
  readonly linkChanged = output<LinkEdit>();
  readonly linkRemoved = output<string>();
  readonly closed = output<void>();

  protected readonly linkTypes = LINK_TYPES;
  protected readonly draft = signal<TaskFields | null>(null);

  protected readonly predecessors = computed(() => this.linksOf('to'));
  protected readonly successors = computed(() => this.linksOf('from'));
  protected readonly others = computed(() =>
    this.plan()
      .tasks.filter((task) => task.id !== this.task().id)
      .sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name)),
  );
  protected readonly dirty = computed(() => {
    const draft = this.draft();
    if (!draft) return false;
    const current = editableFieldsOf(this.task());
    return (Object.keys(draft) as Array<keyof TaskFields>).some((key) => draft[key] !== current[key]);
  });

  constructor() {
    effect(() => this.draft.set(editableFieldsOf(this.task())));
  }

  private linksOf(side: 'from' | 'to'): LinkView[] {
    const id = this.task().id;
    const tasks = new Map(this.plan().tasks.map((task) => [task.id, task]));
    return this.plan()
      .links.filter((link) => (side === 'to' ? link.toTaskId : link.fromTaskId) === id)
      .map((link) => ({ link, other: tasks.get(side === 'to' ? link.fromTaskId : link.toTaskId) }));
  }

  protected set<K extends keyof TaskFields>(key: K, value: TaskFields[K]): void {
    this.draft.update((draft) => (draft ? { ...draft, [key]: value } : draft));
  }

  protected setNumber(key: 'duration' | 'progress', text: string): void {
    const value = Number(text);
    if (Number.isInteger(value) && value >= 0) this.set(key, key === 'progress' ? Math.min(100, value) : value);
  }

  protected setDate(key: 'fixedDate' | 'actualStart' | 'actualFinish', text: string): void {
    this.set(key, text || null);
  }

  protected save(): void {
    const draft = this.draft();
    if (!draft) return;
    const current = editableFieldsOf(this.task());
    const change: Partial<TaskFields> = {};
    for (const key of Object.keys(draft) as Array<keyof TaskFields>) {
      if (draft[key] !== current[key]) (change as Record<string, unknown>)[key] = draft[key];
    }
    if (Object.keys(change).length === 0) return;
    if (this.canEdit()) {
      this.saved.emit(change);
      return;
    }
    const report: ProgressReport = {};
    for (const key of REPORTED) if (key in change) (report as Record<string, unknown>)[key] = change[key];
    if (Object.keys(report).length > 0) this.reported.emit(report);
  }

  /** The member the task is assigned to, or null. */
  protected readonly assignee = computed(() => this.members().find((member) => member.userId === this.task().ownerUserId) ?? null);
  /** Members who can act on a task: the task's assignee stays listed even if no longer active. */
  protected readonly assignable = computed(() =>
    [...this.members()]
      .filter((member) => member.isActive || member.userId === this.task().ownerUserId)
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
  );

  protected reset(): void {
    this.draft.set(editableFieldsOf(this.task()));
  }

  protected changeType(link: LinkDto, type: LinkTypeCode): void {
    if (type !== link.type) this.linkChanged.emit({ id: link.id, type });
  }

  protected changeLag(link: LinkDto, text: string): void {
    const lag = Number(text);
    if (Number.isInteger(lag) && lag !== link.lag) this.linkChanged.emit({ id: link.id, lag });
  }

  protected addPredecessor(fromTaskId: string): void {
    this.linkAdded.emit({ fromTaskId, toTaskId: this.task().id, type: 'FS', lag: 0 });
  }

  protected addSuccessor(toTaskId: string): void {
    this.linkAdded.emit({ fromTaskId: this.task().id, toTaskId, type: 'FS', lag: 0 });
  }
}
