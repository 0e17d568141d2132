import { cookies } from 'next/headers';

/** httpOnly cookie holding the API key the user logged in with; the browser's scripts never see it. */
export const SESSION_COOKIE = 'meshlens_session';

/** A week: long enough for a wall screen, short enough that a forgotten browser does not hold a key for ever. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

/**
 * The key this request talks to the API with: the one the user logged in with, else the web's own
 * MESHLENS_API_KEY. Outside a request (tests, build) only the configured one.
 */
export async function sessionApiKey(): Promise<string | undefined> {
  try {
    const key = (await cookies()).get(SESSION_COOKIE)?.value;
    if (key) return key;
  } catch {
    // cookies() throws outside a request scope.
  }
  return process.env['MESHLENS_API_KEY'] || undefined;
}

/** Headers for a server-side request to the API on behalf of this request's user. */
export async function sessionApiHeaders(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const key = await sessionApiKey();
  return key ? { ...extra, authorization: `Bearer ${key}` } : extra;
}

/** Only a path on this site may follow a login (`//host` or `https://...` would be an open redirect). */
export const safeNextPath = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
