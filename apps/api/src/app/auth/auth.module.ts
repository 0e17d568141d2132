import { Inject, Logger, Module, type ExecutionContext, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { AgentTokenVerifier } from '../reports/agent-token.verifier';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthController } from './auth.controller';
import { DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE } from './auth-defaults';
import { AuthGuard } from './auth.guard';
import { RateLimitGuard } from './rate-limit.guard';
import { SocketAuthGateway } from './socket-auth.gateway';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.decorator';

const MINUTE_MS = 60_000;

const isAgentRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()])?.kind === 'agent';

/** API keys, agent tokens, route roles and rate limits; guards run in this order: auth, then the rate limit. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG, Reflector],
      useFactory: (config: ApiConfig, reflector: Reflector) => ({
        throttlers: [
          {
            ttl: MINUTE_MS,
            limit: (context: ExecutionContext) =>
              isAgentRoute(reflector, context)
                ? (config.MESHLENS_AGENT_RATE_LIMIT_PER_MINUTE ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE)
                : (config.MESHLENS_RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE),
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: ApiKeyVerifier, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new ApiKeyVerifier(config.MESHLENS_API_KEYS) },
    { provide: AgentTokenVerifier, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new AgentTokenVerifier(config.MESHLENS_AGENT_TOKENS) },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    SocketAuthGateway,
  ],
  exports: [ApiKeyVerifier, AgentTokenVerifier],
})
export class AuthModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(@Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier) {}

  onApplicationBootstrap(): void {
    if (!this.keys.open) return;
    this.logger.warn(
      'NO API KEYS CONFIGURED (MESHLENS_API_KEYS): every read and every admin action is open to anyone who reaches ' +
        'this port. Fine for one user on a trusted machine; anywhere else set MESHLENS_API_KEYS (docs/security.md). ' +
        'GET /api/v1/auth/session reports the mode.',
    );
  }
}
