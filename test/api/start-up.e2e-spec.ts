import { spawnSync } from 'node:child_process';
import { BUILT_API } from '../support/jalon-server';

describe('Starting the built API', () => {
  it('should stop with a message naming a bad variable, before touching any database', () => {
    const result = spawnSync(process.execPath, [BUILT_API], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Jalon cannot start');
    expect(result.stderr).toContain('PORT="not-a-port"');
  });
});
