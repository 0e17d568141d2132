import { Module, VersioningType, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NodeReport, ReportAck } from '@meshlens/model';
import { AppModule } from '../../app.module';
import { apiConfigSchema } from '../../config/api-config';
import { GLOBAL_PREFIX } from '../../create-app';
import { MetricsModule } from '../../metrics/metrics.module';
import { agentTokenMiddleware } from '../../reports/agent-token.middleware';
import { AgentTokenVerifier } from '../../reports/agent-token.verifier';
import { ReportIngestService } from '../../reports/report-ingest.service';
import { AlertsModule } from '../alerts.module';
import { AlertsService } from '../alerts.service';
import { IngestEvents } from '../ingest-events';

export const ALERTS_TEST_TOKEN = 'alerts-test-token';

export interface AlertsTestApp {
  app: NestExpressApplication;
  baseUrl: string;
  /** POSTs a report through the real ingest (which tells the engine after commit). */
  report(report: NodeReport): Promise<ReportAck>;
  /** False while report-ingest.service.ts does not emit IngestEvents yet (the harness then does it for ingest). */
  ingestHookWired: boolean;
  settled(): Promise<void>;
  get<T>(path: string): Promise<T>;
  send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

@Module({})
class AlertsTestRootModule {
  static register(databaseUrl: string): DynamicModule {
    const config = apiConfigSchema.parse({ DATABASE_URL: databaseUrl, MESHLENS_AGENT_TOKENS: ALERTS_TEST_TOKEN, LOG_LEVEL: 'warn' });
    return { module: AlertsTestRootModule, imports: [AppModule.register(config), AlertsModule, MetricsModule] };
  }
}

/**
 * The API as app.module.ts will hold it once AlertsModule and MetricsModule are imported there (same prefix,
 * versioning and token middleware as create-app.ts), on an existing database, listening on a free port.
 */
export async function startAlertsTestApp(databaseUrl: string, env: Record<string, string> = {}): Promise<AlertsTestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, { MESHLENS_ALERT_RETRY_BASE_MS: '100', MESHLENS_ALERT_RETRY_MAX_MS: '400', MESHLENS_ALERT_SWEEP_MS: '100', ...env });
  const app = await NestFactory.create<NestExpressApplication>(AlertsTestRootModule.register(databaseUrl), { bodyParser: false, logger: ['error'] });
  process.env = saved;
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: ['healthz', 'metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.use(`/${GLOBAL_PREFIX}/v1/reports`, agentTokenMiddleware(new AgentTokenVerifier([ALERTS_TEST_TOKEN])));
  app.useBodyParser('json', { limit: '32mb' });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const events = app.get(IngestEvents);
  const alerts = app.get(AlertsService);
  const ingestHookWired = emitAfterIngest(app.get(ReportIngestService, { strict: false }), events);

  const send = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ALERTS_TEST_TOKEN}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
  };
  return {
    app,
    baseUrl,
    ingestHookWired,
    report: async (report) => {
      const res = await send<ReportAck>('POST', '/api/v1/reports', report);
      if (res.status !== 200 && res.status !== 201) throw new Error(`report refused: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    settled: () => alerts.settled(),
    get: async <T>(path: string) => (await send<T>('GET', path)).body,
    send,
    close: () => app.close(),
  };
}

/**
 * Until report-ingest.service.ts holds the hook (`this.events?.emit({ report, ack })` after the transaction),
 * do exactly that around its ingest(), so agents posting over HTTP reach the engine. Returns whether the real
 * hook is there (then nothing is patched).
 */
function emitAfterIngest(ingest: ReportIngestService, events: IngestEvents): boolean {
  if ((ingest as unknown as { events?: unknown }).events === events) return true;
  const original = ingest.ingest.bind(ingest);
  ingest.ingest = async (report) => {
    const ack = await original(report);
    events.emit({ report, ack });
    return ack;
  };
  return false;
}
