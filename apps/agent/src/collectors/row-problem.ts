import { isIP } from 'node:net';
import type { TableName } from '@meshlens/model';

const validCidr = (value: string): boolean => {
  const slash = value.lastIndexOf('/');
  const family = slash < 0 ? 0 : isIP(value.slice(0, slash));
  const length = Number(value.slice(slash + 1));
  return family !== 0 && Number.isInteger(length) && length >= 0 && length <= (family === 4 ? 32 : 128);
};

/**
 * Checks beyond the model's regexes: the API casts route destinations and address locals to Postgres cidr/inet and
 * answers 400 for the whole report when one does not cast, so such a row is dropped here instead.
 */
export function rowProblem(table: TableName, row: Record<string, unknown>): string | undefined {
  if (table === 'routes' && !validCidr(String(row['dst']))) return `dst: not a valid CIDR: ${String(row['dst'])}`;
  if (table === 'addresses' && isIP(String(row['local'])) === 0) return `local: not a valid IP address: ${String(row['local'])}`;
  return undefined;
}
