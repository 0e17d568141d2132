import type { INestApplication } from '@nestjs/common';
// tools/db is plain JS shared by the API and every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { apiConfigSchema, type ApiConfig } from '../config/api-config';
import { createApp } from '../create-app';

export const TEST_AGENT_TOKEN = 'test-agent-token';

export interface TestApi {
  app: INestApplication;
  baseUrl: string;
  database: TestDatabase;
  /** POST /api/v1/reports with the test token (or the given Authorization value; null sends none). */
  postReport(body: unknown, authorization?: string | null): Promise<Response>;
  /** GET (or any request with init) with the given headers, e.g. an API key. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The real API on a fresh database of the test server, listening on a free loopback port. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const config: ApiConfig = apiConfigSchema.parse({
    DATABASE_URL: database.url,
    MESHLENS_AGENT_TOKENS: `other-token,${TEST_AGENT_TOKEN}`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    baseUrl,
    database,
    postReport: (body, authorization = `Bearer ${TEST_AGENT_TOKEN}`) =>
      fetch(`${baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization !== null && { authorization }) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, init) => fetch(`${baseUrl}${path}`, init),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
