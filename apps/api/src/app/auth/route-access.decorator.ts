import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from './api-role';

export const ROUTE_ACCESS = 'meshlens:route-access';

export type RouteAccess = { kind: 'public' } | { kind: 'agent' } | { kind: 'role'; role: ApiRole };

/**
 * Without a decorator a GET needs the reader role and anything else admin, so a new write route is closed
 * until someone decides who may call it.
 */
export const PublicRoute = () => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);
/** Agent tokens only (checked before the body is read by agentTokenMiddleware; node binding by AuthGuard). */
export const AgentRoute = () => SetMetadata(ROUTE_ACCESS, { kind: 'agent' } satisfies RouteAccess);
export const RequireRole = (role: ApiRole) => SetMetadata(ROUTE_ACCESS, { kind: 'role', role } satisfies RouteAccess);
