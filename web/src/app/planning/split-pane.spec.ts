import { SplitPane } from './split-pane';

describe(SplitPane.name, () => {
  beforeEach(() => localStorage.clear());

  it('should fold the optional columns away, phase first, until the table takes at most half the split', () => {
    const pane = new SplitPane({ withSlippage: () => false, naturalWidth: () => undefined });
    pane.width.set(1600);
    expect([...pane.hiddenColumns()]).toEqual([]);
    pane.width.set(1000);
    expect([...pane.hiddenColumns()]).toEqual(['phase', 'owner', 'progress']);
  });

  it('should keep the user\'s choice of columns whatever the width, and remember it', () => {
    const pane = new SplitPane({ withSlippage: () => false, naturalWidth: () => 400 });
    pane.width.set(1000);
    pane.toggleColumn('owner');
    expect([...pane.hiddenColumns()].sort()).toEqual(['phase', 'progress']);
    pane.width.set(600);
    expect([...pane.hiddenColumns()].sort()).toEqual(['phase', 'progress']);
    const again = new SplitPane({ withSlippage: () => false, naturalWidth: () => 400 });
    expect([...again.hiddenColumns()].sort()).toEqual(['phase', 'progress']);
    expect(again.tableWidth()).toBe(400);
  });
});
