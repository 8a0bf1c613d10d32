import { Injectable, computed, inject, signal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import {
  roleAllows,
  type BaselineComparisonDto,
  type BaselineSummaryDto,
  type MilestoneTrendDto,
  type ProjectRole,
  type RetroPlanningDto,
} from '@jalon/domain';
import { WorkingCalendar } from '@jalon/planning';
import { concat, last, type Observable } from 'rxjs';
import { ProjectsApi } from '../core/projects-api';
import { applyEdit, inverseEdit, isEmptyEdit, previewPlan, toBulkRequest, type PlanEdit } from './plan-edit';
import { phaseMoves, type SettingsChange } from './plan-structure';
import { PlanningApi, readRefusal, type NewLink, type NewTask, type PlanRefusal } from './planning-api';
import { slippageByTask } from './slippage';
import { UndoStack, type UndoEntry } from './undo-stack';

export type PlanLoadState = 'loading' | 'loaded' | 'error';

/**
 * The plan of one project as the page shows it: the API's last answer, or a preview computed
 * with the engine while a change is being dragged or saved. Saving is optimistic; a refusal puts
 * the API's last answer back and says why.
 */
@Injectable()
export class PlanningStore {
  private readonly api = inject(PlanningApi);
  private readonly projects = inject(ProjectsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  private readonly undoStack = new UndoStack();

  readonly projectId = signal<string | null>(null);
  readonly state = signal<PlanLoadState>('loading');
  /** What the API last said. */
  readonly saved = signal<RetroPlanningDto | null>(null);
  /** What the user is looking at while a change is in flight. */
  private readonly pending = signal<RetroPlanningDto | null>(null);
  readonly plan = computed(() => this.pending() ?? this.saved());
  readonly saving = signal(false);
  /** Undefined until the project says; absent means the accounts work is not there yet. */
  readonly role = signal<ProjectRole | null | undefined>(undefined);
  /** The single place that decides whether the page offers editing. */
  readonly canEdit = computed(() => {
    const role = this.role();
    return role === undefined ? true : roleAllows(role, 'plan.edit');
  });
  readonly canFreezeBaseline = computed(() => {
    const role = this.role();
    return role === undefined ? true : roleAllows(role, 'baseline.create');
  });

  readonly baselines = signal<BaselineSummaryDto[]>([]);
  readonly baselineId = signal<string | null>(null);
  readonly comparison = signal<BaselineComparisonDto | null>(null);
  readonly trend = signal<MilestoneTrendDto | null>(null);
  readonly slippage = computed(() => slippageByTask(this.comparison(), this.translate.instant('planning.days') as string));

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
    this.projects.get(projectId).subscribe({
      next: (project) => {
        const role = (project as { myRole?: ProjectRole | null }).myRole;
        this.role.set(role);
      },
      error: () => undefined,
    });
    this.loadBaselines();
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
    if (!this.saving()) this.pending.set(null);
  }

  /** Saves an edit of existing tasks and links through the bulk endpoint; undoable. */
  commit(edit: PlanEdit, label: string): void {
    const saved = this.saved();
    if (!saved || isEmptyEdit(edit)) {
      this.cancelPreview();
      return;
    }
    const entry: UndoEntry = { label, forward: edit, backward: inverseEdit(saved, edit) };
    this.send(edit, () => {
      this.undoStack.record(entry);
      this.stackVersion.update((v) => v + 1);
    });
  }

  undo(): void {
    const entry = this.undoStack.peekUndo();
    if (!entry || this.saving()) return;
    this.send(entry.backward, () => {
      this.undoStack.undoApplied();
      this.stackVersion.update((v) => v + 1);
    });
  }

  redo(): void {
    const entry = this.undoStack.peekRedo();
    if (!entry || this.saving()) return;
    this.send(entry.forward, () => {
      this.undoStack.redoApplied();
      this.stackVersion.update((v) => v + 1);
    });
  }

  private send(edit: PlanEdit, onSaved: () => void): void {
    const saved = this.saved();
    const projectId = this.projectId();
    if (!saved || !projectId) return;
    this.preview(edit);
    this.run(this.api.bulk(projectId, toBulkRequest(saved, edit)), onSaved);
  }

  createTask(task: NewTask, onCreated?: (plan: RetroPlanningDto) => void): void {
    const projectId = this.projectId();
    if (projectId) this.run(this.api.createTask(projectId, task), onCreated);
  }

  deleteTask(taskId: string, onDeleted?: () => void): void {
    const projectId = this.projectId();
    const task = this.saved()?.tasks.find((candidate) => candidate.id === taskId);
    if (projectId && task) this.run(this.api.deleteTask(projectId, taskId, task.version), onDeleted);
  }

  createLink(link: NewLink): void {
    const projectId = this.projectId();
    if (projectId) this.run(this.api.createLink(projectId, link));
  }

  deleteLink(linkId: string): void {
    const projectId = this.projectId();
    const link = this.saved()?.links.find((candidate) => candidate.id === linkId);
    if (projectId && link) this.run(this.api.deleteLink(projectId, linkId, link.version));
  }

  createPhase(name: string): void {
    const projectId = this.projectId();
    if (projectId) this.run(this.api.createPhase(projectId, name));
  }

  // ---- structure: settings, lots, phases (asked from dialogs, which show the refusal themselves)

  saveSettings(change: SettingsChange): Promise<PlanRefusal | null> {
    return this.change((projectId, plan) => this.api.updateSettings(projectId, { version: plan.settings.version, ...change }));
  }

  createLot(name: string, goLive: string | null): Promise<PlanRefusal | null> {
    return this.change((projectId) => this.api.createLot(projectId, name, goLive));
  }

  updateLot(lotId: string, change: { name?: string; goLive?: string | null }): Promise<PlanRefusal | null> {
    return this.change((projectId, plan) => {
      const lot = plan.lots.find((candidate) => candidate.id === lotId);
      return lot ? this.api.updateLot(projectId, lotId, { version: lot.version, ...change }) : null;
    });
  }

  deleteLot(lotId: string): Promise<PlanRefusal | null> {
    return this.change((projectId, plan) => {
      const lot = plan.lots.find((candidate) => candidate.id === lotId);
      return lot ? this.api.deleteLot(projectId, lotId, lot.version) : null;
    });
  }

  addPhase(name: string): Promise<PlanRefusal | null> {
    return this.change((projectId) => this.api.createPhase(projectId, name));
  }

  renamePhase(phaseId: string, name: string): Promise<PlanRefusal | null> {
    return this.change((projectId, plan) => {
      const phase = plan.phases.find((candidate) => candidate.id === phaseId);
      return phase ? this.api.updatePhase(projectId, phaseId, { version: phase.version, name }) : null;
    });
  }

  /** One place up or down: one PATCH per phase whose position changes, one after the other. */
  movePhase(phaseId: string, delta: -1 | 1): Promise<PlanRefusal | null> {
    return this.change((projectId, plan) => {
      const moves = phaseMoves(plan.phases, phaseId, delta);
      if (moves.length === 0) return null;
      return concat(
        ...moves.map(({ phase, position }) => this.api.updatePhase(projectId, phase.id, { version: phase.version, position })),
      ).pipe(last());
    }, true);
  }

  deletePhase(phaseId: string): Promise<PlanRefusal | null> {
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
  ): Promise<PlanRefusal | null> {
    const projectId = this.projectId();
    const plan = this.saved();
    const request = projectId && plan ? build(projectId, plan) : null;
    if (!request) return Promise.resolve(null);
    this.saving.set(true);
    return new Promise((resolve) => {
      request.subscribe({
        next: (next) => {
          this.saved.set(next);
          this.pending.set(null);
        },
        complete: () => {
          this.saving.set(false);
          this.refreshComparison();
          resolve(null);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const refusal = readRefusal(error);
          if (refusal.kind === 'stale' || reloadOnError) this.reload();
          resolve(refusal);
        },
      });
    });
  }

  private run(request: Observable<RetroPlanningDto>, onSaved?: (plan: RetroPlanningDto) => void): void {
    this.saving.set(true);
    request.subscribe({
      next: (plan) => {
        this.saved.set(plan);
        this.pending.set(null);
        this.saving.set(false);
        onSaved?.(plan);
        this.refreshComparison();
      },
      error: (error: unknown) => {
        this.pending.set(null);
        this.saving.set(false);
        const refusal = readRefusal(error);
        this.tell(this.refusalMessage(refusal), true);
        if (refusal.kind === 'stale') this.reload();
      },
    });
  }

  refusalMessage(refusal: PlanRefusal): string {
    switch (refusal.kind) {
      case 'cycle': {
        const names = this.saved()
          ?.tasks.filter((task) => refusal.taskIds.includes(task.id))
          .map((task) => task.name)
          .join(' → ');
        return this.translate.instant('planning.refused.cycle', { tasks: names || refusal.message }) as string;
      }
      case 'invalid':
        return this.translate.instant('planning.refused.invalid', { message: refusal.message }) as string;
      default:
        return this.translate.instant(`planning.refused.${refusal.kind}`) as string;
    }
  }

  tell(message: string, error = false): void {
    this.snackBar.open(message, 'OK', {
      duration: error ? 8000 : 2500,
      panelClass: error ? 'jalon-snack-error' : undefined,
      politeness: error ? 'assertive' : 'polite',
    });
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
        this.tell(this.translate.instant('planning.baseline.created', { name: baseline.name }) as string);
        this.baselines.update((list) => [...list, baseline]);
        this.chooseBaseline(baseline.id);
        this.loadTrend();
      },
      error: (error: unknown) => this.tell(this.refusalMessage(readRefusal(error)), true),
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
