import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { HealthController } from '../../../apps/api/src/app/health/health.controller';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { MetricsController } from '../../../apps/api/src/app/metrics/metrics.controller';
import { ROOT } from './repo-entries';

/**
 * GET routes served outside /api (the probes and /metrics), from the controllers' own Nest metadata and
 * create-app.ts's global-prefix exclusions: a probe path is real only if both agree.
 */
export function unprefixedGetRoutes(): string[] {
  const createApp = readFileSync(join(ROOT, 'apps/api/src/app/create-app.ts'), 'utf8');
  const excluded = new Set([...(/exclude:\s*\[([^\]]*)\]/.exec(createApp)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]));
  const routes: string[] = [];
  for (const controller of [HealthController, MetricsController]) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler);
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (method !== 0 /* RequestMethod.GET */ || path === undefined) continue;
      const full = [base, String(path).replace(/^\/|\/$/g, '')].filter(Boolean).join('/');
      if (excluded.has(full)) routes.push(`/${full}`);
    }
  }
  return routes.sort();
}
