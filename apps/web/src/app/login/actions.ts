'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { roleOfKey } from './auth-mode';
import { safeNextPath, SESSION_COOKIE, SESSION_MAX_AGE_S } from './session-key';

const apiUrl = (): string => (process.env['MESHLENS_API_URL'] || 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** Checks the key with the API, then keeps it in an httpOnly cookie; a refused key goes back to the form. */
export async function login(form: FormData): Promise<void> {
  const key = String(form.get('key') ?? '').trim();
  const next = safeNextPath(form.get('next'));
  const back = (error: string) => redirect(`/login?error=${error}&next=${encodeURIComponent(next)}`);
  if (!key) back('missing');
  let role: string | null;
  try {
    role = await roleOfKey(apiUrl(), key);
  } catch {
    return back('unreachable');
  }
  if (!role) back('invalid');
  const proto = (await headers()).get('x-forwarded-proto');
  (await cookies()).set(SESSION_COOKIE, key, {
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever the browser came over HTTPS (directly or through a proxy that says so).
    secure: proto === 'https' || process.env['MESHLENS_WEB_SECURE_COOKIE'] === '1',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
  redirect(next);
}

export async function logout(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login');
}
