import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import { AgentTokenVerifier } from '../reports/agent-token.verifier';
import { ApiKeyVerifier } from './api-key.verifier';
import { roleAllows, type ApiRole } from './api-role';
import type { RequestWithPrincipal } from './principal';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.decorator';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every HTTP route: public, agent-only (reports) or an API-key role (reader for reads, admin for writes unless
 * the route says otherwise). socket.io connections are checked by AuthenticatedIoAdapter.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
    @Inject(AgentTokenVerifier) private readonly agents: AgentTokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;
    if (access?.kind === 'agent') return this.checkAgent(req, context);
    const need: ApiRole = access?.role ?? (READ_METHODS.has(req.method) ? 'reader' : 'admin');
    if (this.keys.open) {
      req.meshlensPrincipal = { kind: 'open', role: 'admin' };
      return true;
    }
    const key = this.keys.identify(req.headers.authorization);
    if (!key) {
      if (this.agents.verifyHeader(req.headers.authorization)) {
        throw new MeshlensException(MeshlensErrorCode.Forbidden, 'agent tokens may only POST /api/v1/reports; use an API key');
      }
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new MeshlensException(MeshlensErrorCode.Unauthorized, 'missing or invalid API key (Authorization: Bearer <key>)');
    }
    if (!roleAllows(key.role, need)) {
      throw new MeshlensException(MeshlensErrorCode.Forbidden, `${req.method} ${req.path} needs the ${need} role; this key is ${key.role}`);
    }
    req.meshlensPrincipal = { kind: 'key', ...key };
    return true;
  }

  private checkAgent(req: RequestWithPrincipal, context: ExecutionContext): boolean {
    // agentTokenMiddleware has already answered 401 to anything else; this holds if a route is mounted without it.
    const principal = req.meshlensPrincipal ?? (() => {
      const agent = this.agents.identify(req.headers.authorization);
      return agent && ({ kind: 'agent', ...agent } as const);
    })();
    if (principal?.kind !== 'agent') {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new MeshlensException(MeshlensErrorCode.Unauthorized, 'missing or invalid agent token (Authorization: Bearer <token>)');
    }
    req.meshlensPrincipal = principal;
    const nodeName = (req.body as { nodeName?: unknown } | undefined)?.nodeName;
    if (principal.nodeName !== undefined && nodeName !== principal.nodeName) {
      throw new MeshlensException(
        MeshlensErrorCode.Forbidden,
        `nodeName: this agent token may only report for node "${principal.nodeName}"`,
        [{ path: 'nodeName', message: `expected "${principal.nodeName}" for this token` }],
      );
    }
    return true;
  }
}
