import { Module, VersioningType, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
// tools/db is plain JS shared by the API and every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../../../../tools/db/test-database.cjs';
import { AppModule } from '../../app.module';
import { apiConfigSchema } from '../../config/api-config';
import { GLOBAL_PREFIX } from '../../create-app';
import { agentTokenMiddleware } from '../../reports/agent-token.middleware';
import { AgentTokenVerifier } from '../../reports/agent-token.verifier';
import { REPORTS_PATH } from '../../reports/reports.controller';
import {
  HISTORY_CONFIG,
  historyConfigSchema,
  type HistoryConfig,
} from '../history-config';
import { HistoryModule } from '../history.module';

const TOKEN = 'history-test-token';

export interface HistoryTestApp {
  app: INestApplication;
  database: TestDatabase;
  postReport(body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The whole API (AppModule) plus HistoryModule on a fresh database, wired like createApp, until HistoryModule is
 * part of AppModule. The maintenance timer is off: tests run passes themselves.
 */
export async function startHistoryTestApp(
  history: Record<string, string> = {},
): Promise<HistoryTestApp> {
  const database = await createTestDatabase();
  const config = apiConfigSchema.parse({
    DATABASE_URL: database.url,
    MESHLENS_AGENT_TOKENS: TOKEN,
    LOG_LEVEL: 'silent',
  });
  const historyConfig: HistoryConfig = historyConfigSchema.parse({
    MESHLENS_HISTORY_MAINTENANCE_INTERVAL: 'off',
    ...history,
  });

  @Module({ imports: [AppModule.register(config), HistoryModule] })
  class HistoryTestModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [HistoryTestModule],
  })
    .overrideProvider(HISTORY_CONFIG)
    .useValue(historyConfig)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: process.env['HISTORY_TEST_LOG'] ? ['error', 'warn'] : false,
  });
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: ['healthz', 'metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.use(
    `/${GLOBAL_PREFIX}/v1/${REPORTS_PATH}`,
    agentTokenMiddleware(new AgentTokenVerifier(config.MESHLENS_AGENT_TOKENS)),
  );
  app.useBodyParser('json', { limit: config.MESHLENS_BODY_LIMIT });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    database,
    postReport: (body) =>
      fetch(`${baseUrl}/api/v1/${REPORTS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKEN}`,
        },
        body: JSON.stringify(body),
      }),
    get: (path) => fetch(`${baseUrl}${path}`),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
