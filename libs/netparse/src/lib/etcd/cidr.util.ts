import { isIpv4, isIpv6 } from '../json-fields.util';

export interface CidrParts {
  address: string;
  prefixlen: number;
  bits: 32 | 128;
}

/** "a.b.c.d/n" or "x::/n" with a prefix length that fits the family; anything else is null. */
export function cidrParts(text: unknown): CidrParts | null {
  if (typeof text !== 'string') return null;
  const [address, len, extra] = text.split('/');
  if (extra !== undefined || len === undefined || !/^\d{1,3}$/.test(len)) return null;
  const bits = isIpv4(address) ? 32 : isIpv6(address) ? 128 : null;
  const prefixlen = Number(len);
  if (bits === null || prefixlen > bits) return null;
  return { address: bits === 32 ? ipv4Network(address, prefixlen) : address.toLowerCase(), prefixlen, bits };
}

/** Go's net.ParseCIDR, which both daemons use, keeps the network address: 172.16.30.131/26 is 172.16.30.128/26. */
function ipv4Network(address: string, prefixlen: number): string {
  const value = address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - prefixlen);
  const network = Math.floor(value / size) * size;
  return [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join('.');
}

/** Flannel and Calico write a CIDR into a key with '-' for '/': 10.244.1.0-24. */
export function cidrFromKeyPart(part: string): CidrParts | null {
  const i = part.lastIndexOf('-');
  return i < 0 ? null : cidrParts(`${part.slice(0, i)}/${part.slice(i + 1)}`);
}

export const formatCidr = (c: CidrParts): string => `${c.address}/${c.prefixlen}`;
