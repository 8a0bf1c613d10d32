import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ProjectEntity } from '../../api/src/projects/entities/project.entity';
import { signedInUser } from '../support/actors';
import { startPgliteTestApp, type TestApp } from '../support/test-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Concurrent writes on the embedded PGlite database', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await startPgliteTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => testApp.close());

  it('should persist all of 50 concurrent API writes', async () => {
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin.post('/api/projects').send({ name: `Concurrent ${i}`, targetGoLive: '2027-06-01' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const names = (await dataSource.getRepository(ProjectEntity).find()).map((project) => project.name);
    expect(names.filter((name) => name.startsWith('Concurrent '))).toHaveLength(50);
  });

  it('should keep 50 committed transactions when others roll back while they run', async () => {
    const commits = Array.from({ length: 50 }, (_, i) =>
      dataSource.transaction(async (manager) => {
        await manager.insert(ProjectEntity, { name: `Committed ${i}`, targetGoLive: '2027-06-01' });
        await pause(i % 5);
      }),
    );
    const rollbacks = Array.from({ length: 20 }, (_, i) =>
      dataSource
        .transaction(async (manager) => {
          await manager.insert(ProjectEntity, { name: `Rolled back ${i}`, targetGoLive: '2027-06-01' });
          await pause(i % 3);
          throw new Error('refused on purpose');
        })
        .catch((error: Error) => error.message),
    );
    const outcomes = await Promise.all([...commits, ...rollbacks]);
    expect(outcomes.slice(50)).toEqual(Array(20).fill('refused on purpose'));
    const names = (await dataSource.getRepository(ProjectEntity).find()).map((project) => project.name);
    expect(names.filter((name) => name.startsWith('Committed '))).toHaveLength(50);
    expect(names.filter((name) => name.startsWith('Rolled back '))).toHaveLength(0);
  });
});
