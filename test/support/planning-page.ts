import type { Page } from 'playwright-core';

/**
 * Switches the planning's Gantt to a view and waits until its bars are drawn in it: a position
 * read right after the click could still be the previous view's on a loaded machine.
 */
export async function showGanttView(page: Page, view: 'Day' | 'Week' | 'Month'): Promise<void> {
  await page.getByTestId(`view-${view}`).click();
  await page.locator(`[data-testid="gantt"][data-view="${view}"]`).waitFor();
}
