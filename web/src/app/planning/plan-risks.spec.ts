import { riskMarker, risksByTask } from './plan-risks';

const risk = (reference: string, band: 'low' | 'medium' | 'high' | 'critical', status: 'identified' | 'in_treatment' | 'closed' | 'occurred', linkedTaskIds: string[]) => ({
  id: `id-${reference}`,
  reference,
  title: `Risque ${reference}`,
  status,
  linkedTaskIds,
  residual: { band },
});

describe('risks on the plan', () => {
  it('should list each task\'s linked risks in reference order', () => {
    const byTask = risksByTask([risk('R-010', 'low', 'identified', ['a']), risk('R-002', 'high', 'in_treatment', ['a', 'b'])]);
    expect(byTask.get('a')?.map((entry) => entry.reference)).toEqual(['R-002', 'R-010']);
    expect(byTask.get('b')?.map((entry) => entry.title)).toEqual(['Risque R-002']);
    expect(byTask.has('c')).toBe(false);
  });

  it('should mark only a task carrying an open élevé or critique risk', () => {
    const byTask = risksByTask([
      risk('R-001', 'critical', 'closed', ['closed-only']),
      risk('R-002', 'medium', 'identified', ['medium-only']),
      risk('R-003', 'high', 'identified', ['severe']),
      risk('R-004', 'critical', 'occurred', ['severe']),
      risk('R-005', 'low', 'identified', ['severe']),
    ]);
    expect(riskMarker(byTask.get('closed-only'))).toBeNull();
    expect(riskMarker(byTask.get('medium-only'))).toBeNull();
    expect(riskMarker(byTask.get('none'))).toBeNull();
    expect(riskMarker(byTask.get('severe'))).toEqual({ band: 'critical', references: ['R-003', 'R-004'] });
    expect(riskMarker(risksByTask([risk('R-007', 'high', 'in_treatment', ['t'])]).get('t'))).toEqual({ band: 'high', references: ['R-007'] });
  });
});
