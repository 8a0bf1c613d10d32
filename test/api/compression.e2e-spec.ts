import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Response compression', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('should gzip a large answer for a client that accepts gzip, and only then', async () => {
    const server = testApp.app.getHttpServer();
    const gzipped = await request(server).get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['vary']).toMatch(/Accept-Encoding/i);
    // supertest inflates the body: it is still the OpenAPI document.
    expect(gzipped.body.openapi).toMatch(/^3\./);

    const plain = await request(server).get('/api/docs-json').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.paths).toEqual(gzipped.body.paths);
  });
});
