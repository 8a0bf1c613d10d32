import { Injectable } from '@nestjs/common';
import type { DefectSeverity, DefectStatus, StepStatus, TestStep } from '@jalon/domain';
import { caseResultOf, defectReference, isFinishedResult } from '@jalon/acceptance';
import { demoProjectOf, demoUserOf, type DemoSeedContext, type DemoSeeder } from '../demo/demo-seeder';
import { FIRST_ITERATION_LABEL } from './campaigns.service';

/** 'YYYY-MM-DD' moved by `days` calendar days. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const PM = 'pm@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const VENDOR = 'vendor@demo.jalon.fr';

/**
 * How the demo ran a case: `steps` gives the status of each step from the first; a case with fewer
 * steps takes its failure on its last step; passed runs cover every step, `partial` ones stop early.
 */
interface DemoRun {
  daysAgo: number;
  steps: StepStatus[];
  partial?: boolean;
  /** The actual result of the step that failed or was blocked. */
  actual?: string;
  defect?: { severity: DefectSeverity; status: DefectStatus; title: string; resolution?: string };
}

/**
 * The first cases of the VABF, in reference order: about half run, most passed, a few failed or
 * blocked with a defect for each severity (one corrected, waiting for the key user's re-test).
 */
const DEMO_RUNS: Array<DemoRun | null> = [
  { daysAgo: 7, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  { daysAgo: 7, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  {
    daysAgo: 6,
    steps: ['reussi', 'echoue'],
    actual: 'La fiche contact ne s’ouvre pas : le bandeau reste vide alors que le numéro appelant est connu du CRM.',
    defect: {
      severity: 'bloquante',
      status: 'en_correction',
      title: 'Remontée de fiche contact : le bandeau reste vide sur appel entrant',
      resolution: 'Correctif du connecteur CRM en cours (délai d’appel de l’API trop court).',
    },
  },
  { daysAgo: 6, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  { daysAgo: 5, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  {
    daysAgo: 5,
    steps: ['reussi', 'reussi', 'echoue'],
    actual: 'Le rebond vers le canal e-mail crée une nouvelle demande au lieu de rattacher l’échange à la demande d’origine.',
    defect: { severity: 'majeure', status: 'nouvelle', title: 'Rebond de canal : l’e-mail crée une nouvelle demande au lieu de la rattacher' },
  },
  { daysAgo: 4, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  { daysAgo: 4, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  {
    daysAgo: 3,
    steps: ['reussi', 'reussi', 'echoue'],
    actual: 'Le libellé du motif de clôture est tronqué à 20 caractères dans la liste déroulante.',
    defect: {
      severity: 'mineure',
      status: 'corrigee',
      title: 'Clôture : libellé du motif tronqué dans la liste déroulante',
      resolution: 'Largeur de la liste corrigée dans la livraison du jour : à re-tester.',
    },
  },
  { daysAgo: 3, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  { daysAgo: 2, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  {
    daysAgo: 2,
    steps: ['reussi', 'bloque'],
    actual: 'Le tableau de bord superviseur ne se charge pas : erreur 503 du service de statistiques temps réel.',
    defect: { severity: 'majeure', status: 'en_correction', title: 'Tableau de bord superviseur indisponible (erreur 503)' },
  },
  { daysAgo: 1, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  { daysAgo: 1, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  { daysAgo: 0, steps: ['reussi', 'reussi', 'reussi', 'reussi', 'reussi', 'reussi'] },
  // Started today, not finished.
  { daysAgo: 0, steps: ['reussi'], partial: true },
];

/** The status of each step of a case of `count` steps run as `run` says (null: not recorded). */
function demoStatuses(run: DemoRun, count: number): Array<StepStatus | null> {
  const failure = run.steps.findIndex((status) => status !== 'reussi');
  if (failure >= 0) {
    const at = Math.min(failure, count - 1);
    return Array.from({ length: count }, (_step, index) => (index < at ? 'reussi' : index === at ? run.steps[failure]! : null));
  }
  const recorded = run.partial ? Math.min(run.steps.length, count - 1) : count;
  return Array.from({ length: count }, (_step, index) => (index < recorded ? 'reussi' : null));
}

/** Cases after this position go to the project manager; the key user runs the others. */
const KEY_USER_CASES = 26;

/**
 * The demo's VABF campaign over the plan's Recette phase, on top of the requirements and cases of
 * the acceptance seeder: every case in scope (most assigned to the key user), about half run with
 * a few failed steps, defects of each severity assigned to the vendor, one corrected and waiting
 * for the key user's re-test. The campaign runs over the two weeks around the seed's day (its plan
 * phase keeps the plan's dates, shown against the campaign's progress).
 */
@Injectable()
export class CampaignsDemoSeeder implements DemoSeeder {
  async seed(context: DemoSeedContext): Promise<void> {
    const project = demoProjectOf(context);
    const manager = context.manager;
    const cases = (await manager.query(
      `SELECT id, reference, title, preconditions, steps, revision FROM acceptance_test_case
        WHERE project_id = $1 AND status <> 'obsolete' ORDER BY upper(reference)`,
      [project.id],
    )) as Array<{ id: string; reference: string; title: string; preconditions: string; steps: TestStep[]; revision: number }>;
    if (cases.length === 0) return;
    const keyUser = demoUserOf(context, KEY_USER).id;
    const pm = demoUserOf(context, PM).id;
    const vendor = demoUserOf(context, VENDOR).id;
    const [phase] = (await manager.query(`SELECT id FROM plan_phase WHERE project_id = $1 AND name = 'Recette' LIMIT 1`, [project.id])) as Array<{
      id: string;
    }>;
    const startDate = addDays(context.today, -7);
    const [campaign] = (await manager.query(
      `INSERT INTO acceptance_campaign (project_id, name, type, status, phase_id, start_date, end_date)
       VALUES ($1, 'VABF — parcours de la demande client', 'vabf', 'en_cours', $2, $3, $4) RETURNING id`,
      [project.id, phase?.id ?? null, startDate, addDays(context.today, 7)],
    )) as Array<{ id: string }>;
    const [iteration] = (await manager.query(
      `INSERT INTO acceptance_iteration (campaign_id, number, label, delivered_on, created_by) VALUES ($1, 1, $2, $3, $4) RETURNING id`,
      [campaign!.id, FIRST_ITERATION_LABEL, startDate, pm],
    )) as Array<{ id: string }>;
    let sequence = 0;
    for (const [position, testCase] of cases.entries()) {
      const assignee = position < KEY_USER_CASES ? keyUser : pm;
      const [campaignCase] = (await manager.query(
        `INSERT INTO acceptance_campaign_case (project_id, campaign_id, test_case_id, assignee_user_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [project.id, campaign!.id, testCase.id, assignee],
      )) as Array<{ id: string }>;
      const run = DEMO_RUNS[position];
      if (!run) continue;
      // Two hours of the working day per case, in the morning of the day it was run.
      const startedAt = new Date(context.now.getTime() - run.daysAgo * 24 * 3600_000 - (position % 3) * 3600_000 - 2 * 3600_000);
      const statuses = demoStatuses(run, testCase.steps.length);
      const result = caseResultOf(statuses);
      const finishedAt = isFinishedResult(result) ? new Date(startedAt.getTime() + 40 * 60_000) : null;
      const steps = testCase.steps.map((step) => ({ action: step.action, data: step.data ?? '', expected: step.expected }));
      const [execution] = (await manager.query(
        `INSERT INTO acceptance_execution (project_id, campaign_case_id, iteration_id, test_case_revision, title, preconditions, steps, result,
                                           executed_by, started_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [project.id, campaignCase!.id, iteration!.id, testCase.revision, testCase.title, testCase.preconditions, JSON.stringify(steps), result, assignee, startedAt, finishedAt],
      )) as Array<{ id: string }>;
      for (const [index, status] of statuses.entries()) {
        if (!status) continue;
        const failed = status !== 'reussi';
        await manager.query(
          `INSERT INTO acceptance_step_result (execution_id, step_index, status, actual, comment, recorded_at, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            execution!.id,
            index,
            status,
            failed ? (run.actual ?? '') : '',
            failed ? 'Constaté sur le poste de test de la plateforme de recette.' : '',
            new Date(startedAt.getTime() + (index + 1) * 5 * 60_000),
            assignee,
          ],
        );
      }
      await manager.query(`UPDATE acceptance_campaign_case SET latest_execution_id = $2, latest_result = $3, pending = $4 WHERE id = $1`, [
        campaignCase!.id,
        execution!.id,
        result,
        !isFinishedResult(result),
      ]);
      if (run.defect) {
        sequence += 1;
        const stepIndex = statuses.findIndex((status) => status === 'echoue' || status === 'bloque');
        await manager.query(
          `INSERT INTO acceptance_defect (project_id, sequence, reference, title, description, severity, status, assignee_user_id, found_by_user_id,
                                          execution_id, step_index, expected, actual, resolution, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
          [
            project.id,
            sequence,
            defectReference(sequence),
            run.defect.title,
            `Constaté en VABF sur ${testCase.reference} (${testCase.title}), étape ${stepIndex + 1}.`,
            run.defect.severity,
            run.defect.status,
            vendor,
            assignee,
            execution!.id,
            stepIndex,
            testCase.steps[stepIndex]?.expected ?? '',
            run.actual ?? '',
            run.defect.resolution ?? '',
            finishedAt ?? startedAt,
          ],
        );
      }
    }
  }
}
