import { handleShortcut, type ShortcutTarget } from './planning-shortcuts';

function target(canEdit = true) {
  const calls: string[] = [];
  const value: ShortcutTarget = {
    panelOpen: () => true,
    closePanel: () => calls.push('close'),
    canEdit: () => canEdit,
    undo: () => calls.push('undo'),
    redo: () => calls.push('redo'),
  };
  return { calls, value };
}

const key = (init: KeyboardEventInit, on: EventTarget = document.body) => {
  const event = new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'target', { value: on });
  return event;
};

describe(handleShortcut.name, () => {
  it('should undo, redo and close the panel from the page', () => {
    const { calls, value } = target();
    handleShortcut(key({ key: 'z', ctrlKey: true }), value);
    handleShortcut(key({ key: 'y', ctrlKey: true }), value);
    handleShortcut(key({ key: 'Z', ctrlKey: true, shiftKey: true }), value);
    handleShortcut(key({ key: 'Escape' }), value);
    expect(calls).toEqual(['undo', 'redo', 'redo', 'close']);
  });

  it('should leave the keys of a field alone, and undo nothing for a reader', () => {
    const { calls, value } = target(false);
    handleShortcut(key({ key: 'z', ctrlKey: true }, document.createElement('input')), value);
    handleShortcut(key({ key: 'z', ctrlKey: true }), value);
    expect(calls).toEqual([]);
  });
});
