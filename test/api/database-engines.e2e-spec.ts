import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../api/src/database/data-source-options';
import { MIGRATIONS } from '../../api/src/database/migrations';
import { DemoSeedService } from '../../api/src/demo/demo-seed.service';
import { DEMO_PROJECT } from '../../api/src/demo/demo-project';
import { ProjectEntity } from '../../api/src/projects/entities/project.entity';
import { PlanningService } from '../../api/src/planning/planning.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../api/src/demo/demo-accounts';
import { signIn } from '../support/actors';
import { startPgliteTestApp, startTestApp, type TestApp } from '../support/test-app';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database';

interface EngineUnderTest {
  name: string;
  open(): Promise<{ dataSource: DataSource; cleanUp(): Promise<void> }>;
}

const engines: EngineUnderTest[] = [
  {
    name: 'PostgreSQL',
    open: async () => {
      const database: TestDatabase = await createEmptyDatabase();
      const dataSource = new DataSource(
        buildDataSourceOptions({ DATABASE_URL: database.url, JALON_DATA_DIR: '', JALON_MIGRATE_ON_START: false }),
      );
      await dataSource.initialize();
      return { dataSource, cleanUp: async () => { await dataSource.destroy(); await database.drop(); } };
    },
  },
  {
    name: 'PGlite',
    open: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'jalon-pglite-'));
      const dataSource = new DataSource(
        buildDataSourceOptions({ JALON_DATA_DIR: dataDir, JALON_MIGRATE_ON_START: false }),
      );
      await dataSource.initialize();
      return { dataSource, cleanUp: async () => { await dataSource.destroy(); rmSync(dataDir, { recursive: true, force: true }); } };
    },
  },
];

/** The columns of every table, to compare the schema the migrations build on each engine. */
async function describeSchema(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string; column_name: string; data_type: string; is_nullable: string }> =
    await dataSource.query(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    );
  return rows.map((row) => `${row.table_name}.${row.column_name}: ${row.data_type}${row.is_nullable === 'NO' ? ' not null' : ''}`);
}

const schemas = new Map<string, string[]>();

describe.each(engines)('Migrations and demo seed on $name', (engine) => {
  let dataSource: DataSource;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, cleanUp } = await engine.open());
  });
  afterAll(() => cleanUp());

  it('should apply every migration to an empty database, then none the second time', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
    schemas.set(engine.name, await describeSchema(dataSource));
  });

  it('should revert every migration cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
  });
});

const appEngines: Array<{ name: string; start: (overrides: Record<string, string>) => Promise<TestApp> }> = [
  { name: 'PostgreSQL', start: (overrides) => startTestApp(overrides) },
  { name: 'PGlite', start: (overrides) => startPgliteTestApp(overrides) },
];

describe.each(appEngines)('Demo seed on $name', (engine) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await engine.start({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed the demo project with its accounts and a retroplanned plan, once', async () => {
    const projects = await testApp.app.get<DataSource>(getDataSourceToken()).getRepository(ProjectEntity).find();
    expect(projects).toHaveLength(1);
    const project = projects[0]!;
    expect(project).toMatchObject({ name: DEMO_PROJECT.name, version: 1 });

    // The plan of the template, retroplanned: key milestones dated, Mise en production on the go-live.
    const plan = await testApp.app.get(PlanningService).getPlan(project.id);
    expect(plan.phases).toHaveLength(8);
    expect(plan.tasks.length).toBeGreaterThan(20);
    expect(plan.tasks.every((task) => task.start !== null && task.finish !== null)).toBe(true);
    const keyMilestones = plan.tasks.filter((task) => task.keyMilestone);
    expect(keyMilestones).toHaveLength(7);
    expect(plan.tasks.find((task) => task.fixedDate !== null)).toMatchObject({
      fixedDate: project.targetGoLive,
      finish: project.targetGoLive,
    });
    expect(plan.projectFinish! >= project.targetGoLive).toBe(true);
    expect(plan.links.length).toBeGreaterThan(20);
    // Work behind the seed's day is recorded: the demo has progress to show.
    expect(plan.tasks.some((task) => task.actualStart !== null)).toBe(true);
    const baselines = (await testApp.app.get<DataSource>(getDataSourceToken()).query(`SELECT name FROM plan_baseline WHERE project_id = $1`, [
      project.id,
    ])) as Array<{ name: string }>;
    expect(baselines).toHaveLength(1);

    // Every demo account signs in, and the project manager reads the plan through the API.
    const pm = await signIn(testApp.app, { id: '', email: DEMO_ACCOUNTS[0]!.email, password: DEMO_PASSWORD });
    const response = await pm.get(`/api/projects/${project.id}/plan`);
    expect(response.status).toBe(200);
    expect((response.body as { tasks: unknown[] }).tasks).toHaveLength(plan.tasks.length);

    // A second start seeds nothing on a database that has a project.
    expect(await testApp.app.get(DemoSeedService).seedIfEmpty(new Date())).toBe(false);
    expect(await testApp.app.get<DataSource>(getDataSourceToken()).getRepository(ProjectEntity).count()).toBe(1);
  });
});

describe('One schema on both engines', () => {
  it('should build the same columns on PostgreSQL and PGlite', () => {
    expect(schemas.get('PGlite')).toBeDefined();
    expect(schemas.get('PGlite')).toEqual(schemas.get('PostgreSQL'));
  });
});
