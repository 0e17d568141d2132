import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadApiConfig } from './app/config/api-config';

async function bootstrap(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApp(config);
  const server = app.getHttpServer() as import('node:http').Server;
  // Agents report every few seconds over keep-alive connections: Node's default 5 s idle timeout equals the
  // default agent interval, so a report could race the server closing its connection (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.PORT, config.HOST);
  Logger.log(`listening on http://${config.HOST}:${config.PORT} (docs at /api/docs)`, 'meshlens-api');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
