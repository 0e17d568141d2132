import { INestApplication, Module, VersioningType } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { API_CONFIG, loadApiConfig } from '../../config/api-config';
import { DatabaseModule } from '../../database/database.module';
import { DATASTORE_CONFIG, type DatastoreConfig } from '../datastore-config';
import { DatastoreModule } from '../datastore.module';

export interface DatastoreTestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port>/api/v1 */
  baseUrl: string;
  get<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** The datastore slice of the API (database + DatastoreModule) on a free loopback port, with the given etcd settings. */
export async function startDatastoreTestApp(databaseUrl: string, datastore: DatastoreConfig): Promise<DatastoreTestApp> {
  const config = loadApiConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });

  @Module({ providers: [{ provide: API_CONFIG, useValue: config }], exports: [API_CONFIG] })
  class TestConfigModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [{ module: TestConfigModule, global: true }, DatabaseModule, DatastoreModule],
  })
    .overrideProvider(DATASTORE_CONFIG)
    .useValue(datastore)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}/api/v1`;
  return {
    app,
    baseUrl,
    get: async <T>(path: string): Promise<T> => {
      const res = await fetch(`${baseUrl}${path}`);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    close: () => app.close(),
  };
}

/** Polls `probe` until it returns something other than undefined; fails with the last value seen after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
