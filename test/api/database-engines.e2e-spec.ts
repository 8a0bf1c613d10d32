import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../api/src/database/data-source-options';
import { MIGRATIONS } from '../../api/src/database/migrations';
import { AccountsService } from '../../api/src/accounts/accounts.service';
import { MembershipsService } from '../../api/src/accounts/memberships.service';
import { PasswordHasher } from '../../api/src/accounts/password-hasher';
import { AuditTrail } from '../../api/src/audit/audit-trail.service';
import { DemoSeedService } from '../../api/src/demo/demo-seed.service';
import { DEMO_PROJECT } from '../../api/src/demo/demo-project';
import { loadEnvironment } from '../../api/src/config/environment';
import { ProjectEntity } from '../../api/src/projects/entities/project.entity';
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

  it('should seed the demo project once, and not again on a database that has a project', async () => {
    const audit = new AuditTrail();
    const seeder = new DemoSeedService(
      dataSource,
      loadEnvironment({ JALON_DEMO: 'true' }),
      new AccountsService(dataSource, new PasswordHasher(), audit),
      new MembershipsService(dataSource, audit),
    );
    expect(await seeder.seedIfEmpty(new Date('2026-11-22T10:00:00Z'))).toBe(true);
    expect(await seeder.seedIfEmpty(new Date('2026-11-22T10:00:00Z'))).toBe(false);
    const projects = await dataSource.getRepository(ProjectEntity).find();
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ name: DEMO_PROJECT.name, targetGoLive: '2027-03-23', version: 1 });
  });

  it('should revert every migration cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
  });
});

describe('One schema on both engines', () => {
  it('should build the same columns on PostgreSQL and PGlite', () => {
    expect(schemas.get('PGlite')).toBeDefined();
    expect(schemas.get('PGlite')).toEqual(schemas.get('PostgreSQL'));
  });
});
