import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { demoProjectOf, demoUserOf, type DemoSeedContext, type DemoSeeder } from '../demo/demo-seeder';
import { AgendaProposalService } from './agenda-proposal.service';
import { MeetingPackService } from './pack.service';

const PM = 'pm@demo.jalon.fr';

/**
 * The demo's COPIL pack and proposed agenda (issue 13), after the meetings seeder: the past COPIL,
 * closed with its minutes, gets its frozen pack, and the next COPIL, still a draft, the agenda
 * proposed from the demo's live data. Both go through the services, which read committed rows,
 * so they run once the seed's transaction has committed (`afterSeed`).
 */
@Injectable()
export class PackDemoSeeder implements DemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly packs: MeetingPackService,
    private readonly proposals: AgendaProposalService,
  ) {}

  async seed(): Promise<void> {
    // Nothing inside the transaction: see afterSeed.
  }

  async afterSeed(context: Omit<DemoSeedContext, 'manager'>): Promise<void> {
    const project = demoProjectOf(context as DemoSeedContext);
    const pm = demoUserOf(context as DemoSeedContext, PM);
    const [closed] = (await this.dataSource.query(
      `SELECT id FROM meeting WHERE project_id = $1 AND type = 'copil' AND status = 'cloturee' ORDER BY starts_at DESC LIMIT 1`,
      [project.id],
    )) as Array<{ id: string }>;
    if (closed) {
      await this.packs.create(project.id, closed.id, {}, { id: pm.id, displayName: pm.displayName, email: PM, isAdmin: false });
    }
    const [next] = (await this.dataSource.query(
      `SELECT m.id FROM meeting m WHERE m.project_id = $1 AND m.type = 'copil' AND m.status = 'brouillon' AND m.starts_at > $2
          AND NOT EXISTS (SELECT 1 FROM meeting_agenda_item i WHERE i.meeting_id = m.id)
        ORDER BY m.starts_at LIMIT 1`,
      [project.id, context.now],
    )) as Array<{ id: string }>;
    if (next) await this.proposals.apply(project.id, next.id, undefined);
  }
}
