import { Injectable } from '@nestjs/common';
import { defaultCriteria, READINESS_TEMPLATE } from '@jalon/go-no-go';
import { demoProjectOf, demoUserOf, type DemoSeedContext, type DemoSeeder } from '../demo/demo-seeder';

const PM = 'pm@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const VENDOR = 'vendor@demo.jalon.fr';

const addDays = (date: string, days: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/**
 * The demo's go / no-go: a readiness checklist partly done (training of the key users held, the
 * network validated, the rest to do) and the default criteria locked on the half-run VABF, so a
 * visitor sees live why it is not yet a go (open defects, requirements not proven, pass rate,
 * readiness). Listed in DEMO_SEEDERS after the acceptance seeders.
 */
@Injectable()
export class GoNoGoDemoSeeder implements DemoSeeder {
  async seed(context: DemoSeedContext): Promise<void> {
    const project = demoProjectOf(context);
    const manager = context.manager;
    const pm = demoUserOf(context, PM).id;
    const keyUser = demoUserOf(context, KEY_USER).id;
    const vendor = demoUserOf(context, VENDOR).id;
    const goLive = project.targetGoLive;
    const done: Record<number, { note: string; link?: string }> = {
      0: { note: 'Deux sessions tenues avec les 6 utilisateurs clés ; feuille d’émargement au dossier.' },
      2: { note: 'Débit et QoS validés sur les deux sites par l’équipe réseau.', link: 'https://intranet.example.fr/reseau/recette-qos' },
      3: { note: 'Parc de 40 postes vérifié, navigateurs à jour.' },
    };
    const owners = [keyUser, pm, vendor, vendor, vendor, pm, vendor, pm, pm, keyUser];
    for (const [index, item] of READINESS_TEMPLATE.entries()) {
      const evidence = done[index];
      await manager.query(
        `INSERT INTO gonogo_readiness_item (project_id, category, label, owner_user_id, due_date, status, evidence_note, evidence_link, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          project.id,
          item.category,
          item.label,
          owners[index] ?? pm,
          addDays(goLive, -Math.round((item.dueOffsetDays * 7) / 5)),
          evidence ? 'fait' : index === 5 ? 'en_cours' : 'a_faire',
          evidence?.note ?? '',
          evidence?.link ?? null,
          index + 1,
        ],
      );
    }
    const campaigns = (await manager.query(`SELECT id FROM acceptance_campaign WHERE project_id = $1 AND type = 'vabf' ORDER BY start_date LIMIT 1`, [
      project.id,
    ])) as Array<{ id: string }>;
    const campaign = campaigns[0];
    if (!campaign) return;
    await manager.query(
      `INSERT INTO gonogo_campaign_criteria (campaign_id, project_id, config, locked_at, locked_by) VALUES ($1, $2, $3, $4, $5)`,
      [campaign.id, project.id, JSON.stringify(defaultCriteria()), context.now, pm],
    );
  }
}
