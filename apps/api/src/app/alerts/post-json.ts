import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * POSTs a JSON body and reads the answer; never throws. node:http rather than fetch: fetch refuses some ports
 * (its "bad ports" list), and a receiver may listen on any.
 */
export function postJson(url: string, body: unknown, timeoutMs: number): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ ok: false, status: null, error: `invalid URL ${url}` });
    }
    const data = Buffer.from(JSON.stringify(body));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': data.length, 'user-agent': 'meshlens-alerts' },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
        });
        res.on('error', (e) => resolve({ ok: false, status: res.statusCode ?? null, error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ ok: false, status: null, error: e.message }));
    req.end(data);
  });
}
