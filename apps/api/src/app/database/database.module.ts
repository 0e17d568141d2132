import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { findMigrationsDir, openDatabase, type DatabaseConnection } from './database-connection';
import { applyMigrations } from './migration-runner';
import { PrismaService } from './prisma.service';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

const logger = new Logger('Database');

/** host:port/database of a connection string, without credentials, for error messages. */
const describeDatabase = (url: string): string => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
};

/** Opens the database (embedded or DATABASE_URL), migrates it, then hands out PrismaService. */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [API_CONFIG],
      useFactory: async (config: ApiConfig): Promise<DatabaseConnection> => {
        const connection = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.MESHLENS_DATA_DIR }, logger);
        try {
          const result = await applyMigrations(connection.url, findMigrationsDir(config.MESHLENS_MIGRATIONS_DIR), logger);
          logger.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already there`);
        } catch (error) {
          await connection.close();
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`cannot migrate the database at ${describeDatabase(connection.url)}: ${reason}`);
        }
        return connection;
      },
    },
    {
      provide: PrismaService,
      inject: [DATABASE_CONNECTION],
      useFactory: (connection: DatabaseConnection) => new PrismaService(connection.url),
    },
  ],
  exports: [PrismaService, DATABASE_CONNECTION],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    await this.connection.close();
    if (this.connection.embedded) logger.log('embedded Postgres stopped');
  }
}
