import { apiBaseUrl } from '../../../lib/api/api-base-url';
import { sessionApiHeaders } from '../../login/session-key';

export const dynamic = 'force-dynamic';

/**
 * Read-only proxy of /api/* to the API, resolved per request from MESHLENS_API_URL (Next rewrites are fixed at
 * build time). Writes (agent reports) go to the API directly, never through the web.
 */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  const incoming = new URL(request.url);
  const target = `${apiBaseUrl()}/api/${path.map(encodeURIComponent).join('/')}${incoming.search}`;
  try {
    // The logged-in user's key (httpOnly cookie), else the web's own MESHLENS_API_KEY; never the browser's to see.
    const upstream = await fetch(target, { cache: 'no-store', headers: await sessionApiHeaders({ accept: 'application/json' }) });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
    });
  } catch {
    return Response.json(
      { statusCode: 502, error: 'Bad Gateway', message: 'The meshlens API is unreachable' },
      { status: 502 },
    );
  }
}
