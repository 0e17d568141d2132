import { apiBaseUrl } from '../../../lib/api/api-base-url';

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
    const upstream = await fetch(target, { cache: 'no-store', headers: { accept: 'application/json' } });
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
