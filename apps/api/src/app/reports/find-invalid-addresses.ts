import type { Address, NodeReport, Route } from '@meshlens/model';
import { isIP } from 'node:net';
import type { ApiIssue } from '../common/meshlens.exception';

/** True for "a.b.c.d/n" or "x::/n" with a real address and a prefix length that fits its family. */
export function isValidCidr(value: string): boolean {
  const slash = value.lastIndexOf('/');
  if (slash < 0) return false;
  const family = isIP(value.slice(0, slash));
  const length = Number(value.slice(slash + 1));
  return family !== 0 && Number.isInteger(length) && length >= 0 && length <= (family === 4 ? 32 : 128);
}

/**
 * The model checks address shapes with a regex; Postgres casts route destinations and address locals to
 * cidr/inet, so anything the cast would reject (999.1.1.1/24, 10.0.0.0/40) is named here as a 400 instead.
 */
export function findInvalidAddresses(report: NodeReport): ApiIssue[] {
  if (report.kind === 'full') return issuesOf(report.tables.routes, report.tables.addresses, 'tables.routes', 'tables.addresses');
  const { routes, addresses } = report.changes;
  return issuesOf(routes?.upsert ?? [], addresses?.upsert ?? [], 'changes.routes.upsert', 'changes.addresses.upsert');
}

function issuesOf(routes: Route[], addresses: Address[], routesPath: string, addressesPath: string): ApiIssue[] {
  const issues: ApiIssue[] = [];
  routes.forEach((r, i) => {
    if (!isValidCidr(r.dst)) issues.push({ path: `${routesPath}.${i}.dst`, message: `not a valid CIDR: ${r.dst}` });
  });
  addresses.forEach((a, i) => {
    if (isIP(a.local) === 0) issues.push({ path: `${addressesPath}.${i}.local`, message: `not a valid IP address: ${a.local}` });
  });
  return issues;
}
