import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers on every answer. The API serves JSON only, so its CSP allows nothing at all; the Swagger UI
 * under the docs path loads its own scripts and styles, so it gets helmet's default CSP (same origin) instead.
 */
export function securityHeaders(docsPath: string): RequestHandler {
  const api = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, useDefaults: false } });
  // No upgrade-insecure-requests: an API served over plain HTTP (inside a cluster) would have its docs' scripts
  // fetched over HTTPS and fail.
  const docs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (req, res, next) => (req.path.startsWith(`/${docsPath}`) ? docs(req, res, next) : api(req, res, next));
}
