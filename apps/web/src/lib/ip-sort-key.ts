/**
 * A sortable key for an IPv4/IPv6 address or CIDR, so that 10.0.0.9 sorts before 10.0.0.10 and a /16 before
 * the /24 inside it. Returns undefined for anything that is not an address.
 */
export interface IpSortKey {
  family: 4 | 6;
  value: bigint;
  prefixlen: number;
}

const parseIpv4 = (text: string): bigint | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
};

const parseIpv6 = (text: string): bigint | undefined => {
  if (!text.includes(':')) return undefined;
  let body = text;
  // An embedded IPv4 tail (::ffff:10.0.0.1) is the last two 16-bit groups.
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = toGroups(halves[0]);
  const rest = halves.length === 2 ? toGroups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
};

export const ipSortKey = (text: string): IpSortKey | undefined => {
  const [address, prefix, extra] = text.trim().split('/');
  if (extra !== undefined || !address) return undefined;
  const v4 = parseIpv4(address);
  const family = v4 !== undefined ? 4 : 6;
  const value = v4 ?? parseIpv6(address);
  if (value === undefined) return undefined;
  const maxLen = family === 4 ? 32 : 128;
  const prefixlen = prefix === undefined ? maxLen : Number(prefix);
  if (!Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > maxLen) return undefined;
  return { family, value, prefixlen };
};

export const compareIpSortKeys = (a: IpSortKey, b: IpSortKey): number => {
  if (a.family !== b.family) return a.family - b.family;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return a.prefixlen - b.prefixlen;
};
