const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Prisma's own error codes (P1000-P6999) have the same shape; PL/pgSQL's P0xxx are real SQLSTATEs. */
const PRISMA_CODE = /^P[1-9]\d{3}$/;
const isSqlState = (v: unknown): v is string => typeof v === 'string' && SQLSTATE.test(v) && !PRISMA_CODE.test(v);

/**
 * The PostgreSQL SQLSTATE behind an error, wherever Prisma's driver adapter or pg put it (`code`, `originalCode`,
 * nested under `meta` or `cause`), or from Prisma's message ("Code: `22008`"); undefined when there is none.
 */
export function sqlStateOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 50) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const key of ['originalCode', 'code']) if (isSqlState(o[key])) return o[key];
    queue.push(o['meta'], o['cause'], o['driverAdapterError']);
  }
  const message = error instanceof Error ? error.message : '';
  return /Code: `([0-9A-Z]{5})`/.exec(message)?.[1];
}

/**
 * SQLSTATE class 22 ("data exception": a date, number or text the database cannot hold or compare) comes from a
 * value the client sent that passed the schemas; it is the client's to fix, not a server fault.
 */
export const isDataException = (state: string | undefined): boolean => state?.startsWith('22') ?? false;
