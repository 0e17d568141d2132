import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from './create-app';
import { startTestApi, type TestApi } from './testing/test-api';

/** The committed apps/api/openapi.json; `MESHLENS_UPDATE_OPENAPI=1 npx jest apps/api/src/app/openapi` rewrites it. */
const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

describe('OpenAPI document', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('should equal the committed apps/api/openapi.json when the routes and DTOs are unchanged', async () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(api.app), null, 2)}\n`;
    if (process.env.MESHLENS_UPDATE_OPENAPI === '1') writeFileSync(OPENAPI_FILE, generated);

    const committed = readFileSync(OPENAPI_FILE, 'utf8');

    // On failure: MESHLENS_UPDATE_OPENAPI=1 npx jest apps/api/src/app/openapi, then review and commit the diff.
    expect(JSON.parse(committed)).toEqual(JSON.parse(generated));
  });

  it('should serve the document under /api/docs when the API runs', async () => {
    const res = await api.get('/api/docs-json');

    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()).paths)).toEqual(expect.arrayContaining(['/api/v1/reports', '/api/v1/nodes/{name}/routes', '/healthz']));
  });
});
