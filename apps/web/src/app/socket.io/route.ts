import { apiBaseUrl } from '../../lib/api/api-base-url';
import { sessionApiHeaders } from '../login/session-key';

export const dynamic = 'force-dynamic';

/**
 * socket.io's HTTP long-polling transport, relayed to the API (MESHLENS_API_URL, read per request like the /api
 * proxy), so the browser needs no route to the API host and no CORS. The client connects with
 * `transports: ['polling']` and `addTrailingSlash: false` (Next would redirect /socket.io/ to /socket.io); the API's
 * engine.io listens on /socket.io/. A GET is held open by the API until it has packets or its ping interval (25 s)
 * ends; a POST carries the client's packets. With several API replicas behind MESHLENS_API_URL, the polls of one
 * client must reach the replica that holds its session: balance on the `sid` query parameter (the relay passes no
 * cookies), or give each web replica one API replica; the Redis adapter then brings every replica's events to it.
 */
const relay = async (request: Request): Promise<Response> => {
  const incoming = new URL(request.url);
  const target = `${apiBaseUrl()}/socket.io/${incoming.search}`;
  const contentType = request.headers.get('content-type');
  // The API's key rides on every poll (the handshake's is the one checked): the browser never sees it. No Origin is
  // passed on, so the API need not list this web's origin in MESHLENS_CORS_ORIGINS.
  const headers = await sessionApiHeaders(contentType ? { 'content-type': contentType } : {});
  try {
    const upstream = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === 'POST' ? await request.arrayBuffer() : undefined,
      cache: 'no-store',
      // A closed tab ends the held GET at the API too.
      signal: request.signal,
    });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain; charset=UTF-8',
        'cache-control': 'no-store',
      },
    });
  } catch {
    return Response.json(
      {
        statusCode: 502,
        error: 'Bad Gateway',
        message: 'The meshlens API is unreachable',
      },
      { status: 502 },
    );
  }
};

export const GET = relay;
export const POST = relay;
