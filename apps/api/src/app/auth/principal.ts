import type { Request } from 'express';
import type { ApiRole } from './api-role';

/** Who sent a request, as the auth middleware and guard found out. */
export type Principal =
  | { kind: 'agent'; id: string; /** Set for a node-bound token: the only node it may report for. */ nodeName?: string }
  | { kind: 'key'; id: string; role: ApiRole }
  /** No key needed: the API runs open (no API keys configured) and treats everyone as admin. */
  | { kind: 'open'; role: 'admin' };

export type RequestWithPrincipal = Request & { meshlensPrincipal?: Principal };

/** Stable key for rate limiting: the token (and node) or key, else the client address. */
export const rateKeyOf = (principal: Principal | undefined, req: Request, nodeName?: string): string => {
  if (principal?.kind === 'agent') return `agent:${principal.id}:${principal.nodeName ?? nodeName ?? ''}`;
  if (principal?.kind === 'key') return `key:${principal.id}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? ''}`;
};
