import { ConsoleLogger, INestApplication, LogLevel, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
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
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: ['healthz', 'metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  // Token check before the body parser: an unauthenticated report is refused without reading it.
  app.use(`/${GLOBAL_PREFIX}/v1/${REPORTS_PATH}`, agentTokenMiddleware(new AgentTokenVerifier(config.MESHLENS_AGENT_TOKENS)));
  app.useBodyParser('json', { limit: config.MESHLENS_BODY_LIMIT });
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app));
  app.enableShutdownHooks();
  return app;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('meshlens API')
    .setDescription('Network state of Flannel/Calico cluster nodes, reported by meshlens agents')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Agent token (MESHLENS_AGENT_TOKENS)' })
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}
