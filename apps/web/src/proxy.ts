import { NextResponse, type NextRequest } from 'next/server';
import { apiAuthMode } from './app/login/auth-mode';
import { SESSION_COOKIE } from './app/login/session-key';

const apiUrl = (): string => (process.env['MESHLENS_API_URL'] || 'http://127.0.0.1:3000').replace(/\/+$/, '');

/**
 * Keeps the dashboard behind a login when the API asks for keys: a request without a session cookie goes to
 * /login (pages) or gets 401 (the /api and /socket.io relays). No login is asked when the web has a key of its
 * own (MESHLENS_API_KEY: then whoever reaches the web uses that key) or the API is open (no keys configured).
 * The API checks the key on every call; this only decides where a browser without one is sent.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.cookies.get(SESSION_COOKIE)?.value || process.env['MESHLENS_API_KEY']) return NextResponse.next();
  const mode = await apiAuthMode(apiUrl());
  // Unreachable: the pages say so themselves, and without the API there is nothing to protect.
  if (mode !== 'keys') return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/') || pathname.startsWith('/socket.io')) {
    return NextResponse.json({ statusCode: 401, error: 'Unauthorized', message: 'log in first (/login)' }, { status: 401 });
  }
  const login = new URL('/login', request.url);
  login.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but the login page itself and Next's static assets.
  matcher: ['/((?!login|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)'],
};
