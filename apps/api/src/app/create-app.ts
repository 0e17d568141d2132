import { ConsoleLogger, INestApplication, LogLevel, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
import { loadClusterConfig } from './cluster/cluster-config';
import { RedisIoAdapter } from './cluster/redis-io.adapter';
import { jsonBodyOnly } from './common/json-body-only.middleware';
import { securityHeaders } from './common/security-headers.middleware';
import { agentTokenMiddleware } from './reports/agent-token.middleware';
import { AgentTokenVerifier } from './reports/agent-token.verifier';
import { REPORTS_PATH } from './reports/reports.controller';

export const GLOBAL_PREFIX = 'api';
export const DOCS_PATH = `${GLOBAL_PREFIX}/docs`;

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const levelsFrom = (level: ApiConfig['LOG_LEVEL']): LogLevel[] => {
  if (level === 'silent') return [];
  const nest = ({ info: 'log', trace: 'verbose' } as Record<string, LogLevel>)[level] ?? (level as LogLevel);
  return LEVELS.slice(0, LEVELS.indexOf(nest) + 1);
};

/** Builds the Nest application (database opened and migrated, routes, docs) without listening. */
export async function createApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    // Let a failed start (database unreachable, migration error) reach the caller instead of exiting here.
    abortOnError: false,
    logger: new ConsoleLogger({ logLevels: levelsFrom(config.LOG_LEVEL), prefix: 'meshlens-api' }),
  });
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: ['healthz', 'readyz', 'metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.use(securityHeaders(DOCS_PATH));
  // No origin listed: no CORS headers at all, so browsers keep to same-origin (the dashboard proxies the API).
  if (config.MESHLENS_CORS_ORIGINS?.length) {
    app.enableCors({ origin: config.MESHLENS_CORS_ORIGINS, allowedHeaders: ['authorization', 'content-type'], maxAge: 600 });
  }
  // Token check before the body parser: an unauthenticated report is refused without reading it.
  app.use(`/${GLOBAL_PREFIX}/v1/${REPORTS_PATH}`, agentTokenMiddleware(new AgentTokenVerifier(config.MESHLENS_AGENT_TOKENS)));
  app.use(`/${GLOBAL_PREFIX}`, jsonBodyOnly);
  app.useBodyParser('json', { limit: config.MESHLENS_BODY_LIMIT });
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app));
  const cluster = loadClusterConfig(process.env);
  if (cluster.MESHLENS_REDIS_URL) {
    const adapter = new RedisIoAdapter(app, cluster.MESHLENS_REDIS_URL, cluster.MESHLENS_REDIS_PREFIX);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  // No enableShutdownHooks(): main.ts owns SIGTERM (drain in-flight reports first, then close, within a bound).
  return app;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('meshlens API')
    .setDescription('Network state of Flannel/Calico cluster nodes, reported by meshlens agents')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Agent token (reports) or API key (everything else); docs/security.md' })
    // Every operation sends the key from Swagger UI's Authorize dialog (public ones ignore it).
    .addSecurityRequirements('bearer')
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}
