import { cidrFromKeyPart, formatCidr } from './cidr.util';

export type CalicoKey =
  | { kind: 'ip-pool'; name: string }
  | { kind: 'ipam-block'; cidr: string }
  | { kind: 'block-affinity'; node: string; cidr: string };

/**
 * The Calico keys meshlens reads (libcalico-go lib/backend/model and the v3 resource paths):
 * `<prefix>/resources/v3/projectcalico.org/ippools/<name>`, `<prefix>/ipam/v2/assignment/ipv4|6/block/<cidr>`,
 * `<prefix>/ipam/v2/host/<node>/ipv4|6/block/<cidr>`, a CIDR written with '-' for '/'. Others: null.
 */
export function parseCalicoKey(prefix: string, key: string): CalicoKey | null {
  const base = prefix.replace(/\/+$/, '');
  if (!key.startsWith(`${base}/`)) return null;
  const parts = key.slice(base.length + 1).split('/');
  const at = (...expected: string[]) => expected.every((p, i) => p === '*' || parts[i] === p) && parts.length === expected.length;
  if (at('resources', 'v3', 'projectcalico.org', 'ippools', '*') && parts[4]) return { kind: 'ip-pool', name: parts[4] };
  if (at('ipam', 'v2', 'assignment', '*', 'block', '*') && /^ipv[46]$/.test(parts[3])) {
    const cidr = cidrFromKeyPart(parts[5]);
    return cidr ? { kind: 'ipam-block', cidr: formatCidr(cidr) } : null;
  }
  if (at('ipam', 'v2', 'host', '*', '*', 'block', '*') && /^ipv[46]$/.test(parts[4]) && parts[3]) {
    const cidr = cidrFromKeyPart(parts[6]);
    return cidr ? { kind: 'block-affinity', node: parts[3], cidr: formatCidr(cidr) } : null;
  }
  return null;
}
