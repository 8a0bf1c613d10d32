/** What the page's keyboard shortcuts act on. */
export interface ShortcutTarget {
  panelOpen(): boolean;
  closePanel(): void;
  canEdit(): boolean;
  undo(): void;
  redo(): void;
}

/**
 * The page's shortcuts, outside fields and dialogs: Escape closes the task panel, Ctrl+Z undoes,
 * Ctrl+Y or Ctrl+Shift+Z redoes (⌘ on a Mac).
 */
export function handleShortcut(event: KeyboardEvent, target: ShortcutTarget): void {
  const element = event.target as HTMLElement | null;
  if (element?.closest('input, textarea, select, [contenteditable="true"]')) return;
  if (event.key === 'Escape' && target.panelOpen() && !element?.closest('.cdk-overlay-container')) {
    target.closePanel();
    return;
  }
  if (!(event.ctrlKey || event.metaKey) || !target.canEdit()) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) {
    event.preventDefault();
    target.undo();
  } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
    event.preventDefault();
    target.redo();
  }
}
