import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { login, logout } from './actions';
import { safeNextPath, SESSION_COOKIE } from './session-key';

export const metadata: Metadata = { title: 'Log in' };

const ERRORS: Record<string, string> = {
  missing: 'Enter an API key.',
  invalid: 'The API does not accept this key.',
  unreachable: 'The meshlens API is unreachable; try again when it is up.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const error = typeof params['error'] === 'string' ? ERRORS[params['error']] : undefined;
  const loggedIn = Boolean((await cookies()).get(SESSION_COOKIE)?.value);
  return (
    <div className="login">
      <h1>Log in</h1>
      <p className="muted">
        Paste an API key (reader, operator or admin, from <code>MESHLENS_API_KEYS</code> on the API; <code>npm start</code>{' '}
        keeps its key in <code>.data/api-key</code>). It stays in an httpOnly cookie of this site for a week.
      </p>
      {error && (
        <p role="alert" className="badge badge-bad">
          {error}
        </p>
      )}
      <form action={login} className="filters">
        <input type="hidden" name="next" value={safeNextPath(params['next'])} />
        <label>
          API key{' '}
          <input name="key" type="password" autoComplete="current-password" required autoFocus size={48} />
        </label>
        <button type="submit">Log in</button>
      </form>
      {loggedIn && (
        <form action={logout}>
          <p className="muted">
            This browser holds a key already. <button type="submit">Log out</button>
          </p>
        </form>
      )}
    </div>
  );
}
