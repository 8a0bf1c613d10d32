import { UndoStack, type UndoEntry } from './undo-stack';

const entry = (label: string): UndoEntry => ({
  label,
  forward: { tasks: [{ id: label, duration: 2 }], links: [] },
  backward: { tasks: [{ id: label, duration: 1 }], links: [] },
});

describe(UndoStack.name, () => {
  it('should undo the last change first and redo it after', () => {
    const stack = new UndoStack();
    stack.record(entry('a'));
    stack.record(entry('b'));
    expect(stack.peekUndo()?.label).toBe('b');
    stack.undoApplied();
    expect(stack.peekUndo()?.label).toBe('a');
    expect(stack.peekRedo()?.label).toBe('b');
    stack.redoApplied();
    expect(stack.peekUndo()?.label).toBe('b');
    expect(stack.canRedo).toBe(false);
  });

  it('should forget what was undone once a new change is made', () => {
    const stack = new UndoStack();
    stack.record(entry('a'));
    stack.undoApplied();
    stack.record(entry('c'));
    expect(stack.canRedo).toBe(false);
    expect(stack.peekUndo()?.label).toBe('c');
  });

  it('should keep only the last changes', () => {
    const stack = new UndoStack(2);
    ['a', 'b', 'c'].forEach((label) => stack.record(entry(label)));
    stack.undoApplied();
    stack.undoApplied();
    expect(stack.canUndo).toBe(false);
    expect(stack.peekRedo()?.label).toBe('b');
  });

  it('should not move when nothing was saved', () => {
    const stack = new UndoStack();
    stack.record(entry('a'));
    // A refused undo leaves the entry where it was, to be tried again.
    expect(stack.peekUndo()?.label).toBe('a');
    expect(stack.canUndo).toBe(true);
  });
});
