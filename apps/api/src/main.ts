import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadApiConfig } from './app/config/api-config';
import { loadConfiguration } from './app/config/load-configuration';
import { loadClusterConfig } from './app/cluster/cluster-config';
import { GracefulShutdown } from './app/health/graceful-shutdown';
import { ShutdownState } from './app/health/shutdown-state';

async function bootstrap(): Promise<void> {
  // MESHLENS_CONFIG's file fills in what the environment leaves unset; every module then reads process.env.
  const loaded = loadConfiguration(process.env);
  for (const key of loaded.fromFile) process.env[key] = loaded.env[key];
  if (loaded.file) Logger.log(`config file ${loaded.file}: ${loaded.fromFile.length} settings used`, 'meshlens-api');
  const config = loadApiConfig();
  const app = await createApp(config);
  const server = app.getHttpServer() as import('node:http').Server;
  const shutdown = new GracefulShutdown({
    server,
    close: () => app.close(),
    begin: () => app.get(ShutdownState).begin(),
    timeoutMs: loadClusterConfig().MESHLENS_SHUTDOWN_TIMEOUT_MS,
    logger: { log: (m) => Logger.log(m, 'shutdown'), error: (m) => Logger.error(m, 'shutdown') },
    exit: (code) => process.exit(code),
  });
  // Before every route: counts requests in flight, and refuses new ones once draining.
  app.use(shutdown.middleware);
  shutdown.listen();
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
