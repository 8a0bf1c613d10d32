import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_BAND_CONFIG,
  DEFAULT_REVIEW_INTERVALS,
  addDays,
  assess,
  riskReference,
  type RiskCategory,
  type RiskStatus,
  type RiskStrategy,
  type TreatmentStatus,
} from '@jalon/risks';
import { demoProjectOf, type DemoSeedContext, type DemoSeeder } from '../demo/demo-seeder';

type Level = 1 | 2 | 3 | 4 | 5;
type Pair = [Level, Level];

interface DemoRisk {
  title: string;
  category: RiskCategory;
  owner: string;
  description: string;
  cause: string;
  consequence: string;
  trigger: string;
  strategy: RiskStrategy;
  contingencyPlan: string;
  status: RiskStatus;
  /** Days after today (negative: before) for the proximity. */
  proximityIn: number | null;
  occurred?: { daysAgo: number; note: string };
  inherent: Pair;
  residual: Pair;
  target: Pair;
  /** The residual scores at the first and the second past review (null: not yet identified then). */
  history: [Pair | null, Pair];
  /** Template task names (start of the name) the risk threatens. */
  tasks: string[];
  treatments: Array<{ title: string; owner: string; dueIn: number; status: TreatmentStatus; effect: 'probability' | 'impact' | 'both' }>;
  acceptance?: { by: string; justification: string };
}

const PM = 'pm@demo.jalon.fr';
const SPONSOR = 'sponsor@demo.jalon.fr';
const COPIL = 'copil@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const VENDOR = 'vendor@demo.jalon.fr';

/** The classic mistakes of a contact-centre deployment (docs/domain.md), as the demo's register. */
export const DEMO_RISKS: DemoRisk[] = [
  {
    title: 'Lancement en big bang sans tests suffisants',
    category: 'planning',
    owner: PM,
    description: 'Tous les sites et tous les canaux basculent le même jour, avec une recette écourtée.',
    cause: 'Pression sur la date de mise en production ; recette comprimée en fin de planning.',
    consequence: 'Incidents en production sur l’ensemble des agents, taux de décroché en chute.',
    trigger: 'La VABF démarre avec plus d’une semaine de retard.',
    strategy: 'avoid',
    contingencyPlan: 'Retour arrière sur l’ancienne plateforme pendant 15 jours (double run).',
    status: 'in_treatment',
    proximityIn: 60,
    inherent: [3, 5],
    residual: [2, 5],
    target: [1, 5],
    history: [[3, 5], [2, 5]],
    tasks: ['Pilote sur un périmètre restreint', 'Go / No-Go'],
    treatments: [{ title: 'Pilote sur un périmètre restreint en période calme', owner: PM, dueIn: 55, status: 'planned', effect: 'probability' }],
  },
  {
    title: 'Équipes métier et DSI non libérées pour le projet',
    category: 'organisation',
    owner: SPONSOR,
    description: 'Les utilisateurs clés et la DSI restent pris par le quotidien.',
    cause: 'Aucune décharge formelle de temps pour le projet.',
    consequence: 'Ateliers et recette repoussés, décisions prises sans le métier.',
    trigger: 'Deux ateliers annulés faute de participants.',
    strategy: 'reduce',
    contingencyPlan: 'Renfort temporaire par un prestataire d’assistance à maîtrise d’ouvrage.',
    status: 'in_treatment',
    proximityIn: 0,
    inherent: [4, 4],
    residual: [4, 4],
    target: [2, 3],
    history: [[3, 4], [4, 4]],
    tasks: ['Rédaction des cas de test'],
    treatments: [
      { title: 'Lettre de mission du sponsor : 30 % du temps des utilisateurs clés réservé au projet', owner: SPONSOR, dueIn: -10, status: 'in_progress', effect: 'probability' },
    ],
  },
  {
    title: 'Prérequis techniques non validés avec l’éditeur',
    category: 'technical',
    owner: VENDOR,
    description: 'Réseau, postes, PABX / IPBX et navigateurs non vérifiés avant le paramétrage.',
    cause: 'Prérequis envoyés par l’éditeur tardivement, inventaire des postes incomplet.',
    consequence: 'Qualité de la voix dégradée, postes à remplacer en urgence, report de la mise en production.',
    trigger: 'Tests de charge réseau non planifiés à la fin des ateliers.',
    strategy: 'reduce',
    contingencyPlan: 'Softphone sur les postes compatibles, reste du parc en téléphonie actuelle.',
    status: 'in_treatment',
    proximityIn: 10,
    inherent: [4, 5],
    residual: [4, 5],
    target: [2, 4],
    history: [[3, 4], [4, 5]],
    tasks: ['Validation des prérequis techniques', 'Spécifications validées'],
    treatments: [
      { title: 'Audit réseau et test de charge voix avec l’éditeur', owner: VENDOR, dueIn: -3, status: 'planned', effect: 'probability' },
      { title: 'Inventaire des postes et navigateurs par site', owner: PM, dueIn: 7, status: 'in_progress', effect: 'impact' },
    ],
  },
  {
    title: 'RGPD oublié dans la reprise des données',
    category: 'gdpr_compliance',
    owner: PM,
    description: 'Historique des contacts repris sans revue des durées de conservation ni des bases légales.',
    cause: 'Reprise traitée comme un sujet purement technique.',
    consequence: 'Non-conformité, données à purger après coup, risque de sanction.',
    trigger: 'Le DPO n’a pas été invité à l’atelier de reprise.',
    strategy: 'reduce',
    contingencyPlan: 'Reprise limitée aux 13 derniers mois, purge du reste.',
    status: 'identified',
    proximityIn: 45,
    inherent: [3, 4],
    residual: [2, 4],
    target: [1, 4],
    history: [[3, 4], [2, 4]],
    tasks: ['Reprise des données'],
    treatments: [{ title: 'Revue de la reprise par le DPO', owner: PM, dueIn: 30, status: 'planned', effect: 'both' }],
  },
  {
    title: 'Formation négligée ou dispensée trop tôt',
    category: 'people_change',
    owner: KEY_USER,
    description: 'Agents formés des semaines avant le lancement, ou formés à la va-vite.',
    cause: 'Formation planifiée selon la disponibilité du formateur plutôt que la date de lancement.',
    consequence: 'Agents perdus le jour J, durée moyenne de traitement en hausse.',
    trigger: 'Planning de formation arrêté plus de trois semaines avant le lancement.',
    strategy: 'reduce',
    contingencyPlan: 'Sessions de rappel et utilisateurs clés en appui sur le plateau la première semaine.',
    status: 'identified',
    proximityIn: 80,
    inherent: [3, 3],
    residual: [2, 3],
    target: [1, 3],
    history: [[2, 3], [2, 3]],
    tasks: [],
    treatments: [],
  },
  {
    title: 'Résistance au changement et peur de la surveillance',
    category: 'people_change',
    owner: COPIL,
    description: 'Les agents craignent que les nouveaux indicateurs servent à les surveiller.',
    cause: 'Communication centrée sur les tableaux de bord, pas sur le métier.',
    consequence: 'Adoption lente, absentéisme, contournements de l’outil.',
    trigger: 'Questions des représentants du personnel sur les enregistrements.',
    strategy: 'reduce',
    contingencyPlan: 'Charte d’usage des indicateurs présentée aux instances représentatives.',
    status: 'in_treatment',
    proximityIn: 30,
    inherent: [4, 3],
    residual: [3, 3],
    target: [2, 2],
    history: [[4, 3], [3, 3]],
    tasks: ['Communication interne'],
    treatments: [{ title: 'Relais utilisateurs clés et séances de questions-réponses', owner: COPIL, dueIn: 14, status: 'in_progress', effect: 'probability' }],
  },
  {
    title: 'Canaux ouverts sans capacité de traitement',
    category: 'organisation',
    owner: SPONSOR,
    description: 'Le chat et l’e-mail sont ouverts aux clients sans effectif dimensionné.',
    cause: 'Ouverture des canaux décidée pour l’image, sans étude de charge.',
    consequence: 'Délais de réponse intenables, insatisfaction client.',
    trigger: 'Prévisions de volumes non fournies avant le Go / No-Go.',
    strategy: 'reduce',
    contingencyPlan: 'Ouverture progressive du chat sur une plage horaire réduite.',
    status: 'identified',
    proximityIn: 70,
    inherent: [3, 4],
    residual: [3, 4],
    target: [2, 3],
    history: [null, [3, 4]],
    tasks: [],
    treatments: [],
  },
  {
    title: 'Pas de budget pour les évolutions après la mise en production',
    category: 'budget',
    owner: SPONSOR,
    description: 'Le budget s’arrête à la mise en production ; les ajustements de l’incubation ne sont pas financés.',
    cause: 'Budget voté sur le seul périmètre du projet.',
    consequence: 'Irritants non corrigés pendant l’incubation.',
    trigger: 'Première demande d’évolution refusée faute de ligne budgétaire.',
    strategy: 'accept',
    contingencyPlan: 'Arbitrage sur le budget de fonctionnement de l’année suivante.',
    status: 'identified',
    proximityIn: 100,
    inherent: [3, 3],
    residual: [3, 3],
    target: [3, 3],
    history: [[3, 3], [3, 3]],
    tasks: [],
    treatments: [],
    acceptance: { by: SPONSOR, justification: 'Les évolutions post-lancement seront financées sur le budget de fonctionnement ; risque accepté en COPIL.' },
  },
  {
    title: 'Frontière floue entre l’outil de centre de contacts, le CRM et l’ERP',
    category: 'technical',
    owner: VENDOR,
    description: 'Qui porte la fiche client, l’historique et les commandes n’est pas tranché.',
    cause: 'Spécifications d’intégration écrites outil par outil.',
    consequence: 'Doubles saisies pour les agents, intégrations refaites.',
    trigger: 'Désaccord entre intégrateurs sur le référentiel client.',
    strategy: 'reduce',
    contingencyPlan: 'Bandeau agent limité à la recherche CRM pour le lot 1.',
    status: 'in_treatment',
    proximityIn: 20,
    inherent: [3, 4],
    residual: [3, 3],
    target: [2, 2],
    history: [[3, 4], [3, 3]],
    tasks: ['Intégrations (CRM, GED, téléphonie)'],
    treatments: [{ title: 'Atelier d’urbanisme CRM / ERP / centre de contacts', owner: VENDOR, dueIn: 5, status: 'planned', effect: 'impact' }],
  },
  {
    title: 'Équipes informatiques indisponibles aux dates prévues',
    category: 'vendor',
    owner: PM,
    description: 'La DSI et l’intégrateur sont mobilisés sur d’autres projets aux dates du paramétrage.',
    cause: 'Plan de charge de la DSI non partagé.',
    consequence: 'Environnements livrés en retard, paramétrage décalé.',
    trigger: 'Environnement de recette non livré à la date convenue.',
    strategy: 'reduce',
    contingencyPlan: 'Paramétrage sur l’environnement de l’éditeur en attendant.',
    status: 'occurred',
    proximityIn: -20,
    occurred: { daysAgo: 6, note: 'La DSI a décalé de deux semaines la livraison de l’environnement de recette.' },
    inherent: [3, 4],
    residual: [4, 4],
    target: [2, 3],
    history: [[2, 4], [3, 4]],
    tasks: ['Paramétrage de la plateforme'],
    treatments: [{ title: 'Point hebdomadaire de charge avec la DSI', owner: PM, dueIn: -15, status: 'done', effect: 'probability' }],
  },
];

/**
 * Seeds the demo project's risk register: the risks of the domain with owners, treatments, links to
 * the plan's tasks, an acceptance and two past reviews, so the matrix shows movement on first start.
 * Listed in DEMO_SEEDERS after the plan seeder (the links need the plan's tasks).
 */
@Injectable()
export class RisksDemoSeeder implements DemoSeeder {
  async seed(context: DemoSeedContext): Promise<void> {
    await this.seedProject(context.manager, demoProjectOf(context).id, context.today);
  }

  async seedProject(manager: EntityManager, projectId: string, today: string): Promise<void> {
    const users = new Map(
      ((await manager.query(
        `SELECT u.email, u.id, u.display_name AS "displayName", m.role FROM app_user u
         JOIN project_member m ON m.user_id = u.id AND m.project_id = $1`,
        [projectId],
      )) as Array<{ email: string; id: string; displayName: string; role: string }>).map((user) => [user.email, user]),
    );
    const tasks = (await manager.query(`SELECT id, name FROM plan_task WHERE project_id = $1`, [projectId])) as Array<{ id: string; name: string }>;
    const taskId = (name: string) => tasks.find((task) => task.name.startsWith(name))?.id;
    const userId = (email: string) => users.get(email)?.id ?? null;
    const [firstReview, secondReview] = [addDays(today, -56), addDays(today, -28)];

    await manager.query(`INSERT INTO risk_settings (project_id, bands, review_intervals, next_sequence) VALUES ($1, $2, $3, $4)`, [
      projectId,
      JSON.stringify(DEFAULT_BAND_CONFIG),
      JSON.stringify(DEFAULT_REVIEW_INTERVALS),
      DEMO_RISKS.length + 1,
    ]);
    const ids: string[] = [];
    for (const [index, risk] of DEMO_RISKS.entries()) {
      const rows = (await manager.query(
        `INSERT INTO risk (project_id, sequence, reference, title, description, category, cause, consequence, owner_user_id, proximity,
           trigger_sign, strategy, contingency_plan, status, occurred_on, occurrence_note,
           inherent_probability, inherent_impact, residual_probability, residual_impact, target_probability, target_impact,
           last_reviewed_on, created_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
         RETURNING id`,
        [
          projectId,
          index + 1,
          riskReference(index + 1),
          risk.title,
          risk.description,
          risk.category,
          risk.cause,
          risk.consequence,
          userId(risk.owner),
          risk.proximityIn === null ? null : addDays(today, risk.proximityIn),
          risk.trigger,
          risk.strategy,
          risk.contingencyPlan,
          risk.status,
          risk.occurred ? addDays(today, -risk.occurred.daysAgo) : null,
          risk.occurred?.note ?? '',
          ...risk.inherent,
          ...risk.residual,
          ...risk.target,
          secondReview,
          addDays(today, risk.history[0] ? -70 : -40),
        ],
      )) as Array<{ id: string }>;
      const id = rows[0]!.id;
      ids.push(id);
      const linked = risk.tasks.map(taskId).filter((found): found is string => found !== undefined);
      for (const task of linked) {
        await manager.query(`INSERT INTO risk_task_link (project_id, risk_id, task_id) VALUES ($1, $2, $3)`, [projectId, id, task]);
      }
      for (const treatment of risk.treatments) {
        await manager.query(
          `INSERT INTO risk_treatment (project_id, risk_id, title, owner_user_id, due_date, status, effect) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [projectId, id, treatment.title, userId(treatment.owner), addDays(today, treatment.dueIn), treatment.status, treatment.effect],
        );
      }
      if (risk.acceptance) {
        const by = users.get(risk.acceptance.by);
        const scores = { inherent: assess(...risk.inherent), residual: assess(...risk.residual), target: assess(...risk.target) };
        await manager.query(
          `INSERT INTO risk_acceptance (project_id, risk_id, accepted_at, accepted_by, accepted_by_name, accepted_by_role, justification, scores)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [projectId, id, `${secondReview}T16:00:00Z`, by?.id ?? null, by?.displayName ?? 'Sponsor', by?.role ?? 'sponsor', risk.acceptance.justification, JSON.stringify(scores)],
        );
      }
    }

    for (const [reviewIndex, heldOn] of [firstReview, secondReview].entries()) {
      const included = DEMO_RISKS.map((risk, index) => ({ risk, id: ids[index]!, index, residual: risk.history[reviewIndex] })).filter(
        (entry): entry is typeof entry & { residual: Pair } => entry.residual !== null && entry.residual !== undefined,
      );
      const pm = users.get(PM);
      const rows = (await manager.query(
        `INSERT INTO risk_review (project_id, held_on, title, held_by, held_by_name, risk_count, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [projectId, heldOn, reviewIndex === 0 ? 'COPIL — revue des risques (M-2)' : 'COPIL — revue des risques (M-1)', pm?.id ?? null, pm?.displayName ?? 'Cheffe de projet', included.length, `${heldOn}T15:00:00Z`],
      )) as Array<{ id: string }>;
      for (const { risk, id, index, residual } of included) {
        const owner = users.get(risk.owner);
        await manager.query(
          `INSERT INTO risk_review_item (project_id, review_id, risk_id, reference, title, status, owner_user_id, owner_name,
             inherent_probability, inherent_impact, residual_probability, residual_impact, target_probability, target_impact)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [
            projectId,
            rows[0]!.id,
            id,
            riskReference(index + 1),
            risk.title,
            risk.status === 'occurred' ? 'in_treatment' : risk.status,
            owner?.id ?? null,
            owner?.displayName ?? null,
            ...risk.inherent,
            ...residual,
            ...risk.target,
          ],
        );
      }
    }
  }
}
