import { isOpenStatus, isSevereBand, type RiskBand, type RiskDto } from '@jalon/risks';

/** What the planning page shows of a risk linked to a task. */
export interface TaskRisk {
  id: string;
  reference: string;
  title: string;
  /** The residual band (now, after the treatments in place). */
  band: RiskBand;
  open: boolean;
}

/** The marker of a task: its open élevé / critique risks, the worst band first. */
export interface TaskRiskMarker {
  band: RiskBand;
  references: string[];
}

type LinkedRisk = Pick<RiskDto, 'id' | 'reference' | 'title' | 'status' | 'linkedTaskIds'> & { residual: { band: RiskBand } };

/** The risks linked to each task, in reference order (issue 12: "links to the plan"). */
export function risksByTask(risks: readonly LinkedRisk[]): Map<string, TaskRisk[]> {
  const byTask = new Map<string, TaskRisk[]>();
  const ordered = [...risks].sort((a, b) => a.reference.localeCompare(b.reference, 'fr', { numeric: true }));
  for (const risk of ordered) {
    const entry: TaskRisk = { id: risk.id, reference: risk.reference, title: risk.title, band: risk.residual.band, open: isOpenStatus(risk.status) };
    for (const taskId of new Set(risk.linkedTaskIds)) {
      const list = byTask.get(taskId);
      if (list) list.push(entry);
      else byTask.set(taskId, [entry]);
    }
  }
  return byTask;
}

/** The table's marker: only a task carrying an OPEN risk whose residual band is élevé or critique has one. */
export function riskMarker(risks: readonly TaskRisk[] | undefined): TaskRiskMarker | null {
  const severe = (risks ?? []).filter((risk) => risk.open && isSevereBand(risk.band));
  if (severe.length === 0) return null;
  return {
    band: severe.some((risk) => risk.band === 'critical') ? 'critical' : 'high',
    references: severe.map((risk) => risk.reference),
  };
}
