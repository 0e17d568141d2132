import { Controller, Get, HttpStatus, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../auth/route-access.decorator';
import { HealthService, type Health } from './health.service';
import type { Readiness } from './readiness';

@ApiTags('health')
// Probes (load balancers, Kubernetes) carry no key.
@PublicRoute()
@Controller({ version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ description: '{ status: "ok" }' })
  check(): Promise<Health> {
    return this.health.check();
  }

  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: database, migrations, etcd and Redis (when configured), not shutting down' })
  @ApiOkResponse({ description: '{ status: "ready", checks: { database, migrations, etcd, redis, shutdown }, alertOwner }' })
  @ApiServiceUnavailableResponse({ description: 'Same body with status "not-ready"; each failed check has a detail' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.health.readiness();
    res.status(readiness.status === 'ready' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
