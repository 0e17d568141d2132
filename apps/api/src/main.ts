import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadApiConfig } from './app/config/api-config';

async function bootstrap(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  Logger.log(`listening on http://${config.HOST}:${config.PORT} (docs at /api/docs)`, 'meshlens-api');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
