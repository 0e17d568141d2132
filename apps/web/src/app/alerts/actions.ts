'use server';
import { apiErrorSchema } from '@meshlens/model';
import { apiBaseUrl } from '../../lib/api/api-base-url';
import { sessionApiHeaders } from '../login/session-key';

/** What an action tells the page: done, or the API's own reason (shown next to the button). */
export type ActionResult = { ok: true } | { ok: false; message: string };

/** Who the API records as acking or silencing from the dashboard. */
const ACTOR = 'dashboard';
const ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Writes go from this server to the API, never from the browser: the /api proxy stays read-only and the API host
 * need not be reachable from the operator's machine.
 */
const send = async (method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<ActionResult> => {
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl()}${path}`, {
      method,
      headers: await sessionApiHeaders(body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return { ok: false, message: 'The meshlens API is unreachable' };
  }
  if (response.ok) return { ok: true };
  const text = await response.text().catch(() => '');
  let message = `HTTP ${response.status}`;
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) message = parsed.data.message;
  } catch {
    // not JSON
  }
  return { ok: false, message };
};

export async function ackAlert(id: string): Promise<ActionResult> {
  if (!ID.test(id)) return { ok: false, message: 'invalid alert id' };
  return send('POST', `/api/v1/alerts/${encodeURIComponent(id)}/ack`, {
    by: ACTOR,
  });
}

/** Silences the alert's rule + node + subject for `durationSeconds`. */
export async function silenceAlert(id: string, durationSeconds: number, comment: string): Promise<ActionResult> {
  if (!ID.test(id)) return { ok: false, message: 'invalid alert id' };
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0 || durationSeconds > 366 * 86_400) {
    return {
      ok: false,
      message: 'durationSeconds must be between 1 s and 366 days',
    };
  }
  return send('POST', `/api/v1/alerts/${encodeURIComponent(id)}/silence`, {
    durationSeconds,
    comment: comment.slice(0, 1000),
    createdBy: ACTOR,
  });
}

export async function expireSilence(id: string): Promise<ActionResult> {
  if (!ID.test(id)) return { ok: false, message: 'invalid silence id' };
  return send('DELETE', `/api/v1/alert-silences/${encodeURIComponent(id)}`);
}
