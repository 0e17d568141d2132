import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import type { Request } from 'express';
import { rateKeyOf, type RequestWithPrincipal } from './principal';

/**
 * @nestjs/throttler keyed by who is asking (runs after AuthGuard, which sets the principal): one budget per API
 * key across all routes, one per agent token and node for reports (a cluster-wide token serves many nodes), the
 * client address otherwise. Answers 429 with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  // Public routes count too (by client address), so /auth/session cannot be used to try keys at full speed.
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as RequestWithPrincipal;
    const nodeName = (request.body as { nodeName?: unknown } | undefined)?.nodeName;
    return rateKeyOf(request.meshlensPrincipal, request as Request, typeof nodeName === 'string' ? nodeName.slice(0, 253) : undefined);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new MeshlensException(
      MeshlensErrorCode.RateLimited,
      `rate limit of ${detail.limit} requests per ${detail.ttl / 1000} s reached; retry after ${detail.timeToBlockExpire} s`,
    );
  }
}
