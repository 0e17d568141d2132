/**
 * Whether the API asks for keys (GET /api/v1/auth/session, public). Remembered for a few seconds: the proxy asks
 * on every page request without a session, and the answer only changes when the API restarts with other keys.
 */
type Mode = 'open' | 'keys' | 'unreachable';
const TTL_MS = 10_000;
let cached: { mode: Mode; at: number } | undefined;

export async function apiAuthMode(apiUrl: string): Promise<Mode> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.mode;
  let mode: Mode;
  try {
    const res = await fetch(`${apiUrl}/api/v1/auth/session`, { cache: 'no-store', signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { mode?: unknown };
    mode = body.mode === 'open' ? 'open' : 'keys';
  } catch {
    // Not cached: the next request asks again.
    return 'unreachable';
  }
  cached = { mode, at: Date.now() };
  return mode;
}

/** The role a key has on the API, or null when the API refuses it. */
export async function roleOfKey(apiUrl: string, key: string): Promise<string | null> {
  const res = await fetch(`${apiUrl}/api/v1/auth/session`, {
    cache: 'no-store',
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) return null;
  const body = (await res.json()) as { role?: unknown };
  return typeof body.role === 'string' ? body.role : null;
}
