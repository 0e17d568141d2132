import { Logger } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type QueryResultRow } from 'pg';
import { PrismaClient } from '../../generated/prisma/client';

const logger = new Logger('Database');

/**
 * The generated client on a pg pool; constructed by DatabaseModule once migrations ran. The pool is also open to
 * repositories for the few hot single statements (`queryPrepared`): through Prisma, each statement costs about a
 * millisecond of the API's CPU in its query engine, which is most of what a heartbeat costs.
 */
export class PrismaService extends PrismaClient {
  private readonly pool: Pool;
  private ended = false;

  constructor(connectionString: string) {
    const pool = new Pool({ connectionString });
    // A connection dropped while idle (Postgres restarted) must not crash the API: the pool replaces it on demand.
    pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  /**
   * One statement as a named prepared statement (parsed and planned once per connection). `name` must always come
   * with the same `text`: Postgres keeps the first text it saw under a name.
   */
  async queryPrepared<T extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ name, text, values })).rows;
  }

  override async $disconnect(): Promise<void> {
    await super.$disconnect();
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}
