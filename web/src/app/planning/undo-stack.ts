import type { PlanEdit } from './plan-edit';

/**
 * A change that is not an edit of existing rows (creating or deleting a task): it runs its own
 * requests and calls `done` once they are saved, or never when one is refused.
 */
export interface StructuralStep {
  run(done: () => void): void;
}

export type UndoStep = PlanEdit | StructuralStep;

export function isStructural(step: UndoStep): step is StructuralStep {
  return typeof (step as StructuralStep).run === 'function';
}

/** One saved change and the change that reverts it. */
export interface UndoEntry {
  label: string;
  forward: UndoStep;
  backward: UndoStep;
}

/**
 * The last changes, to undo and redo. Each undo or redo is saved like any change; the stack only
 * moves once the save succeeded, so a refused undo can be tried again.
 */
export class UndoStack {
  private done: UndoEntry[] = [];
  private undone: UndoEntry[] = [];

  constructor(private readonly limit = 50) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** A new change: what was undone can no longer be redone. */
  record(entry: UndoEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  peekUndo(): UndoEntry | undefined {
    return this.done.at(-1);
  }

  peekRedo(): UndoEntry | undefined {
    return this.undone.at(-1);
  }

  /** Call once the backward edit of `peekUndo()` is saved. */
  undoApplied(): void {
    const entry = this.done.pop();
    if (entry) this.undone.push(entry);
  }

  /** Call once the forward edit of `peekRedo()` is saved. */
  redoApplied(): void {
    const entry = this.undone.pop();
    if (entry) this.done.push(entry);
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
