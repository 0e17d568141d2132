import { cidrFromKeyPart, formatCidr } from './cidr.util';

export type FlannelKey =
  | { kind: 'config' }
  | { kind: 'lease'; subnet: string; ipv6Subnet: string | null }
  /** Under subnets/ but not a subnet flanneld could have written. */
  | { kind: 'bad-lease'; reason: string };

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

/**
 * Keys flanneld uses under its prefix (pkg/subnet/etcd): `<prefix>/config` and `<prefix>/subnets/<a.b.c.d-NN>`,
 * dual stack `<a.b.c.d-NN>&<v6 address>-<NN>`. Other keys under the prefix are not Flannel's: null.
 */
export function parseFlannelKey(prefix: string, key: string): FlannelKey | null {
  const base = trimSlash(prefix);
  if (!key.startsWith(`${base}/`)) return null;
  const rest = key.slice(base.length + 1);
  if (rest === 'config') return { kind: 'config' };
  if (!rest.startsWith('subnets/')) return null;
  const name = rest.slice('subnets/'.length);
  const [v4, v6, extra] = name.split('&');
  const subnet = cidrFromKeyPart(v4);
  if (!subnet || subnet.bits !== 32 || extra !== undefined) return { kind: 'bad-lease', reason: `not a subnet key: ${name}` };
  if (v6 === undefined) return { kind: 'lease', subnet: formatCidr(subnet), ipv6Subnet: null };
  const subnet6 = cidrFromKeyPart(v6);
  if (!subnet6 || subnet6.bits !== 128) return { kind: 'bad-lease', reason: `not an IPv6 subnet: ${v6}` };
  return { kind: 'lease', subnet: formatCidr(subnet), ipv6Subnet: formatCidr(subnet6) };
}
