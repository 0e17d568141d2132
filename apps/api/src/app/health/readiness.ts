/** One dependency's verdict in /readyz. `skipped`: not configured on this replica, so it cannot be unready. */
export interface ReadinessCheck {
  status: 'ok' | 'failed' | 'skipped';
  detail?: string;
}

export interface Readiness {
  status: 'ready' | 'not-ready';
  checks: Record<'database' | 'migrations' | 'etcd' | 'redis' | 'shutdown', ReadinessCheck>;
  /** Whether this replica owns alert timers and webhook delivery (exactly one replica does). */
  alertOwner: boolean;
}

/** Ready when nothing failed; a skipped check (etcd or Redis not configured) does not count against it. */
export function summariseReadiness(checks: Readiness['checks'], alertOwner: boolean): Readiness {
  const failed = Object.values(checks).some((c) => c.status === 'failed');
  return { status: failed ? 'not-ready' : 'ready', checks, alertOwner };
}

/** Migration folders the database has not recorded as finished, in folder order. */
export function missingMigrations(folders: string[], finished: string[]): string[] {
  const done = new Set(finished);
  return folders.filter((name) => !done.has(name));
}

/** Runs a check with a deadline: a dependency that hangs is as unready as one that refuses. */
export async function runCheck(check: () => Promise<string | undefined>, timeoutMs: number): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const detail = await Promise.race([check(), deadline]);
    return detail === undefined ? { status: 'ok' } : { status: 'ok', detail };
  } catch (error) {
    return { status: 'failed', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
