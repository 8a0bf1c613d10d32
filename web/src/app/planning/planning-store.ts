import { Injectable, computed, inject, signal } from '@angular/core';
import type { BaselineComparisonDto, BaselineSummaryDto, MilestoneTrendDto, ProjectMember, RetroPlanningDto, TaskDto } from '@jalon/domain';
import { WorkingCalendar } from '@jalon/planning';
import { concat, last, type Observable } from 'rxjs';
import { AuthService } from '../core/auth';
import { ProjectContext } from '../core/project-context';
import { applyEdit, editableFieldsOf, inverseEdit, isEmptyEdit, previewPlan, toBulkRequest, type PlanEdit } from './plan-edit';
import { phaseMoves, type SettingsChange } from './plan-structure';
import { Notifier, type RefusalTexts } from '../shared/notifier';
import { readRefusal, type Refusal } from '../shared/refusal';
import { PlanningApi, type NewLink, type NewTask, type ProgressReport } from './planning-api';
import { risksByTask, type TaskRisk } from './plan-risks';
import { isStructural, UndoStack, type UndoEntry, type UndoStep } from './undo-stack';

export type PlanLoadState = 'loading' | 'loaded' | 'error';

/** Where the planning's own words for the API's refusal codes and field names are. */
export const PLANNING_REFUSAL_TEXTS: RefusalTexts = { codes: 'planning.refused', fields: 'planning.fields' };

/** Someone else changed the plan: the page reloads it. */
function isStale(refusal: Refusal): boolean {
  return refusal.code === 'stale_version' || refusal.status === 409;
}

/** One change to send, built from the plan as the API last returned it (its versions). */
interface SaveJob {
  /** For edits of existing rows: shown (dated by the engine) until the API answers. */
  edit?: PlanEdit;
  /** The request, or null when there is nothing left to send (the row vanished meanwhile). */
  build(projectId: string, saved: RetroPlanningDto): Observable<RetroPlanningDto> | null;
  onSaved?(plan: RetroPlanningDto): void;
  onDone?(): void;
  onSkipped?(): void;
  /** Set by callers that show the refusal themselves (dialogs); otherwise the store says it. */
  onRefused?(refusal: Refusal): void;
  reloadOnError?: boolean;
}

/**
 * The plan of one project as the page shows it: the API's last answer, or a preview computed
 * with the engine while a change is being dragged or saved. Saving is optimistic; a refusal puts
 * the API's last answer back and says why.
 */
@Injectable()
export class PlanningStore {
  private readonly api = inject(PlanningApi);
  private readonly notifier = inject(Notifier);
  private readonly undoStack = new UndoStack();
  /** The change being saved, and those waiting for it (one request at a time, in order). */
  private inFlight: SaveJob | null = null;
  private readonly queue: SaveJob[] = [];

  readonly projectId = signal<string | null>(null);
  readonly state = signal<PlanLoadState>('loading');
  /** What the API last said. */
  readonly saved = signal<RetroPlanningDto | null>(null);
  /** What the user is looking at while a change is in flight. */
  private readonly pending = signal<RetroPlanningDto | null>(null);
  readonly plan = computed(() => this.pending() ?? this.saved());
  readonly saving = signal(false);
  private readonly context = inject(ProjectContext);
  private readonly auth = inject(AuthService);
  /**
   * What the caller may do, from the project context (the API's permission table, with the
   * effective role: an instance administrator acts as project manager without being a member).
   */
  readonly canEdit = computed(() => this.context.can('plan.edit'));
  readonly canFreezeBaseline = computed(() => this.context.can('baseline.create'));
  /** Progress and actual dates: the project manager on any task, a contributor on the tasks assigned to them. */
  readonly canReportProgress = computed(() => this.context.can('plan.progress'));

  /** The project's members, for the task panel's assignment picker (loaded for those who edit). */
  readonly members = signal<ProjectMember[]>([]);
  /** The signed-in user's id: a contributor reports on the tasks assigned to them. */
  readonly userId = computed(() => this.auth.user()?.id ?? null);

  /** The risks linked to each task (empty when the register could not be read: the plan still shows). */
  readonly taskRisks = signal<ReadonlyMap<string, TaskRisk[]>>(new Map());

  readonly baselines = signal<BaselineSummaryDto[]>([]);
  readonly baselineId = signal<string | null>(null);
  readonly comparison = signal<BaselineComparisonDto | null>(null);
  readonly trend = signal<MilestoneTrendDto | null>(null);

  private readonly stackVersion = signal(0);
  readonly undoEntry = computed(() => (this.stackVersion(), this.undoStack.peekUndo()));
  readonly redoEntry = computed(() => (this.stackVersion(), this.undoStack.peekRedo()));

  readonly calendar = computed(() => {
    const plan = this.saved();
    try {
      return new WorkingCalendar(plan?.settings.calendar);
    } catch {
      return new WorkingCalendar();
    }
  });

  load(projectId: string): void {
    this.projectId.set(projectId);
    this.state.set('loading');
    this.undoStack.clear();
    this.stackVersion.update((v) => v + 1);
    this.api.get(projectId).subscribe({
      next: (plan) => {
        this.saved.set(plan);
        this.pending.set(null);
        this.state.set('loaded');
      },
      error: () => this.state.set('error'),
    });
    this.loadBaselines();
    this.loadRisks();
  }

  /** Loads the risks linked to the tasks; a failure leaves the plan without risk markers, nothing else. */
  loadRisks(): void {
    const projectId = this.projectId();
    this.taskRisks.set(new Map());
    if (!projectId) return;
    this.api.risks(projectId).subscribe({
      next: (register) => {
        if (this.projectId() === projectId) this.taskRisks.set(risksByTask(register.risks));
      },
      error: () => this.taskRisks.set(new Map()),
    });
  }

  reload(): void {
    const projectId = this.projectId();
    if (!projectId) return;
    this.api.get(projectId).subscribe({
      next: (plan) => {
        this.saved.set(plan);
        this.pending.set(null);
        this.refreshComparison();
      },
    });
  }

  /** Shows what the edit would do, computed here with the API's engine; nothing is saved. */
  preview(edit: PlanEdit): RetroPlanningDto | null {
    const saved = this.saved();
    if (!saved) return null;
    const next = previewPlan(applyEdit(saved, edit)).plan;
    this.pending.set(next);
    return next;
  }

  cancelPreview(): void {
    if (this.busy()) this.showOutstanding();
    else this.pending.set(null);
  }

  /**
   * Saves an edit of existing tasks and links through the bulk endpoint; undoable. Edits made
   * while a save is in flight wait their turn and go with the versions the previous save returned.
   */
  commit(edit: PlanEdit, label: string): void {
    const before = this.latest();
    if (!before || isEmptyEdit(edit)) {
      this.cancelPreview();
      return;
    }
    const entry: UndoEntry = { label, forward: edit, backward: inverseEdit(before, edit) };
    this.send(edit, () => this.record(entry));
  }

  undo(): void {
    const entry = this.undoStack.peekUndo();
    if (!entry || this.busy()) return;
    this.apply(entry.backward, () => {
      this.undoStack.undoApplied();
      this.stackVersion.update((v) => v + 1);
    });
  }

  redo(): void {
    const entry = this.undoStack.peekRedo();
    if (!entry || this.busy()) return;
    this.apply(entry.forward, () => {
      this.undoStack.redoApplied();
      this.stackVersion.update((v) => v + 1);
    });
  }

  private apply(step: UndoStep, onSaved: () => void): void {
    if (isStructural(step)) step.run(onSaved);
    else this.send(step, onSaved);
  }

  private record(entry: UndoEntry): void {
    this.undoStack.record(entry);
    this.stackVersion.update((v) => v + 1);
  }

  /** Whether a save is in flight or waiting: undo and redo wait for the plan to settle. */
  busy(): boolean {
    return this.inFlight !== null || this.queue.length > 0;
  }

  private send(edit: PlanEdit, onSaved: () => void): void {
    this.enqueue({
      edit,
      build: (projectId, saved) => {
        const request = toBulkRequest(saved, edit);
        return isEmptyEdit(request) ? null : this.api.bulk(projectId, request);
      },
      onSaved,
    });
  }

  /** The saved plan with every edit in flight or waiting applied (fields only, dates as saved). */
  private latest(): RetroPlanningDto | null {
    const saved = this.saved();
    if (!saved) return null;
    const edits = [this.inFlight, ...this.queue].flatMap((job) => (job?.edit ? [job.edit] : []));
    return edits.reduce(applyEdit, saved);
  }

  /** Shows the saved plan with the edits still to come, dated by the engine, or the saved plan alone. */
  private showOutstanding(): void {
    const saved = this.saved();
    const edits = [this.inFlight, ...this.queue].flatMap((job) => (job?.edit ? [job.edit] : []));
    this.pending.set(saved && edits.length > 0 ? previewPlan(edits.reduce(applyEdit, saved)).plan : null);
  }

  private enqueue(job: SaveJob): void {
    this.queue.push(job);
    if (job.edit) this.showOutstanding();
    this.pump();
  }

  /**
   * Sends the next waiting change, built from the plan the previous save returned (its versions),
   * so that two quick edits of the same task are not refused as someone else's change.
   */
  private pump(): void {
    if (this.inFlight) return;
    const projectId = this.projectId();
    const saved = this.saved();
    const job = this.queue.shift();
    if (!job) return;
    const request = projectId && saved ? job.build(projectId, saved) : null;
    if (!request) {
      job.onSkipped?.();
      this.showOutstanding();
      this.pump();
      return;
    }
    this.inFlight = job;
    this.saving.set(true);
    request.subscribe({
      next: (plan) => {
        this.saved.set(plan);
        job.onSaved?.(plan);
      },
      complete: () => {
        this.inFlight = null;
        this.saving.set(this.queue.length > 0);
        this.showOutstanding();
        job.onDone?.();
        if (this.queue.length > 0) this.pump();
        else this.refreshComparison();
      },
      error: (error: unknown) => {
        // What waited was meant for a plan the API did not accept: drop it with the refused change.
        const dropped = this.queue.splice(0);
        this.inFlight = null;
        this.saving.set(false);
        this.pending.set(null);
        const refusal = readRefusal(error);
        if (job.onRefused) job.onRefused(refusal);
        else this.notifier.refusal(error, PLANNING_REFUSAL_TEXTS);
        for (const other of dropped) other.onSkipped?.();
        if (isStale(refusal) || job.reloadOnError) this.reload();
      },
    });
  }

  /**
   * Creates a task (between `insertAfterTaskId` and its successors when given, in one request);
   * undoable: undo deletes it and reconnects, redo creates it again.
   */
  createTask(task: NewTask, label: string, onCreated?: (created: TaskDto) => void): void {
    const ref = { id: '' };
    const create = (done: (created: TaskDto) => void) => {
      let before = new Set<string>();
      this.run(
        (projectId, plan) => {
          before = new Set(plan.tasks.map((candidate) => candidate.id));
          return this.api.createTask(projectId, task);
        },
        (plan) => {
          const created = plan.tasks.find((candidate) => !before.has(candidate.id));
          if (!created) return;
          ref.id = created.id;
          done(created);
        },
      );
    };
    create((created) => {
      this.record({
        label,
        forward: { run: (done) => create(() => done()) },
        backward: { run: (done) => this.run((projectId, plan) => this.deleteRequest(projectId, plan, ref.id, true), () => done()) },
      });
      onCreated?.(created);
    });
  }

  /**
   * Deletes a task; with `reconnect` its predecessors are linked to its successors. Undoable:
   * undo creates it again with its fields and its links, and removes the links the reconnection added.
   */
  deleteTask(taskId: string, reconnect: boolean, label: string, onDeleted?: () => void): void {
    const plan = this.saved();
    const task = plan?.tasks.find((candidate) => candidate.id === taskId);
    if (!plan || !task) return;
    const ref = { id: taskId };
    const links = plan.links.filter((link) => link.fromTaskId === taskId || link.toTaskId === taskId);
    const linkKeys = new Set(plan.links.map((link) => `${link.fromTaskId}>${link.toTaskId}`));
    const remove = (done: () => void) =>
      this.run((projectId, current) => this.deleteRequest(projectId, current, ref.id, reconnect), () => done());
    const restore = (done: () => void) => {
      let before = new Set<string>();
      const fields: NewTask = editableFieldsOf(task);
      this.run(
        (projectId, current) => {
          before = new Set(current.tasks.map((candidate) => candidate.id));
          return this.api.createTask(projectId, fields);
        },
        (current) => {
          const created = current.tasks.find((candidate) => !before.has(candidate.id));
          if (!created) return;
          ref.id = created.id;
          const swap = (id: string) => (id === taskId ? created.id : id);
          const predecessors = new Set(links.filter((link) => link.toTaskId === taskId).map((link) => link.fromTaskId));
          const successors = new Set(links.filter((link) => link.fromTaskId === taskId).map((link) => link.toTaskId));
          // The links the reconnection added (predecessor → successor), which the task's return replaces.
          const added = current.links.filter(
            (link) => !linkKeys.has(`${link.fromTaskId}>${link.toTaskId}`) && predecessors.has(link.fromTaskId) && successors.has(link.toTaskId),
          );
          for (const link of added) {
            this.run((projectId, now) => {
              const still = now.links.find((candidate) => candidate.id === link.id);
              return still ? this.api.deleteLink(projectId, still.id, still.version) : null;
            });
          }
          const last = links.length - 1;
          if (last < 0) done();
          links.forEach((link, index) =>
            this.run(
              (projectId, now) => {
                const from = swap(link.fromTaskId);
                const to = swap(link.toTaskId);
                const exists = now.tasks.some((t) => t.id === from) && now.tasks.some((t) => t.id === to);
                return exists ? this.api.createLink(projectId, { fromTaskId: from, toTaskId: to, type: link.type, lag: link.lag }) : null;
              },
              index === last ? () => done() : undefined,
              index === last ? () => done() : undefined,
            ),
          );
        },
      );
    };
    remove(() => {
      this.record({ label, forward: { run: remove }, backward: { run: restore } });
      onDeleted?.();
    });
  }

  private deleteRequest(projectId: string, plan: RetroPlanningDto, taskId: string, reconnect: boolean): Observable<RetroPlanningDto> | null {
    const task = plan.tasks.find((candidate) => candidate.id === taskId);
    return task ? this.api.deleteTask(projectId, taskId, task.version, reconnect) : null;
  }

  /** Assigns a task to a project member (or to nobody: null), keeping the free-text owner as is. */
  assign(taskId: string, ownerUserId: string | null): void {
    this.run((projectId, plan) => {
      const task = plan.tasks.find((candidate) => candidate.id === taskId);
      return task ? this.api.updateTask(projectId, taskId, { version: task.version, ownerUserId }) : null;
    });
  }

  /** Whether the caller may report progress and actual dates on this task (their own, or any for a project manager). */
  canReportOn(task: TaskDto): boolean {
    return this.canEdit() || (this.canReportProgress() && task.ownerUserId !== null && task.ownerUserId === this.userId());
  }

  /** A contributor's report on a task assigned to them (the progress endpoint, not the plan edit). */
  reportProgress(taskId: string, report: ProgressReport): void {
    this.run((projectId, plan) => {
      const task = plan.tasks.find((candidate) => candidate.id === taskId);
      return task ? this.api.reportProgress(projectId, taskId, { version: task.version, ...report }) : null;
    });
  }

  loadMembers(): void {
    const projectId = this.projectId();
    if (!projectId) return;
    this.api.members(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
  }

  createLink(link: NewLink): void {
    this.run((projectId) => this.api.createLink(projectId, link));
  }

  deleteLink(linkId: string): void {
    this.run((projectId, plan) => {
      const link = plan.links.find((candidate) => candidate.id === linkId);
      return link ? this.api.deleteLink(projectId, linkId, link.version) : null;
    });
  }

  createPhase(name: string): void {
    this.run((projectId) => this.api.createPhase(projectId, name));
  }

  // ---- structure: settings, lots, phases (asked from dialogs, which show the refusal themselves)

  saveSettings(change: SettingsChange): Promise<Refusal | null> {
    return this.change((projectId, plan) => this.api.updateSettings(projectId, { version: plan.settings.version, ...change }));
  }

  createLot(name: string, goLive: string | null): Promise<Refusal | null> {
    return this.change((projectId) => this.api.createLot(projectId, name, goLive));
  }

  updateLot(lotId: string, change: { name?: string; goLive?: string | null }): Promise<Refusal | null> {
    return this.change((projectId, plan) => {
      const lot = plan.lots.find((candidate) => candidate.id === lotId);
      return lot ? this.api.updateLot(projectId, lotId, { version: lot.version, ...change }) : null;
    });
  }

  deleteLot(lotId: string): Promise<Refusal | null> {
    return this.change((projectId, plan) => {
      const lot = plan.lots.find((candidate) => candidate.id === lotId);
      return lot ? this.api.deleteLot(projectId, lotId, lot.version) : null;
    });
  }

  addPhase(name: string): Promise<Refusal | null> {
    return this.change((projectId) => this.api.createPhase(projectId, name));
  }

  renamePhase(phaseId: string, name: string): Promise<Refusal | null> {
    return this.change((projectId, plan) => {
      const phase = plan.phases.find((candidate) => candidate.id === phaseId);
      return phase ? this.api.updatePhase(projectId, phaseId, { version: phase.version, name }) : null;
    });
  }

  /** One place up or down: one PATCH per phase whose position changes, one after the other. */
  movePhase(phaseId: string, delta: -1 | 1): Promise<Refusal | null> {
    return this.change((projectId, plan) => {
      const moves = phaseMoves(plan.phases, phaseId, delta);
      if (moves.length === 0) return null;
      return concat(
        ...moves.map(({ phase, position }) => this.api.updatePhase(projectId, phase.id, { version: phase.version, position })),
      ).pipe(last());
    }, true);
  }

  deletePhase(phaseId: string): Promise<Refusal | null> {
    return this.change((projectId, plan) => {
      const phase = plan.phases.find((candidate) => candidate.id === phaseId);
      return phase ? this.api.deletePhase(projectId, phaseId, phase.version) : null;
    });
  }

  /**
   * Sends a change built from the last saved plan; resolves with null once the API's answer is
   * shown, or with the refusal (a stale version also reloads the plan, so that a retry can work).
   */
  private change(
    build: (projectId: string, plan: RetroPlanningDto) => Observable<RetroPlanningDto> | null,
    reloadOnError = false,
  ): Promise<Refusal | null> {
    return new Promise((resolve) => {
      this.enqueue({
        build,
        reloadOnError,
        onDone: () => resolve(null),
        onSkipped: () => resolve(null),
        onRefused: (refusal) => resolve(refusal),
      });
    });
  }

  private run(
    request: (projectId: string, plan: RetroPlanningDto) => Observable<RetroPlanningDto> | null,
    onSaved?: (plan: RetroPlanningDto) => void,
    onSkipped?: () => void,
  ): void {
    this.enqueue({ build: request, onSaved, onSkipped });
  }

  loadBaselines(): void {
    const projectId = this.projectId();
    if (!projectId) return;
    this.api.baselines(projectId).subscribe({ next: (baselines) => this.baselines.set(baselines), error: () => undefined });
  }

  chooseBaseline(baselineId: string | null): void {
    this.baselineId.set(baselineId);
    if (!baselineId) this.comparison.set(null);
    this.refreshComparison();
  }

  private refreshComparison(): void {
    const projectId = this.projectId();
    const baselineId = this.baselineId();
    if (!projectId || !baselineId) return;
    this.api.comparison(projectId, baselineId).subscribe({
      next: (comparison) => {
        if (this.baselineId() === baselineId) this.comparison.set(comparison);
      },
      error: () => undefined,
    });
  }

  freezeBaseline(name: string): void {
    const projectId = this.projectId();
    if (!projectId) return;
    this.api.createBaseline(projectId, name).subscribe({
      next: (baseline) => {
        this.notifier.success('planning.baseline.created', { name: baseline.name });
        this.baselines.update((list) => [...list, baseline]);
        this.chooseBaseline(baseline.id);
        this.loadTrend();
      },
      error: (error: unknown) => this.notifier.refusal(error, PLANNING_REFUSAL_TEXTS),
    });
  }

  loadTrend(): void {
    const projectId = this.projectId();
    if (!projectId) return;
    this.api.milestoneTrend(projectId).subscribe({ next: (trend) => this.trend.set(trend), error: () => undefined });
  }

  exportUrl(): string | null {
    const projectId = this.projectId();
    return projectId ? this.api.exportUrl(projectId) : null;
  }
}
