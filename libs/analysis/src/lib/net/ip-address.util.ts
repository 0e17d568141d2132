/**
 * Address arithmetic on bigints, for IPv4 and IPv6 alike. Pure, no dependencies: the few operations the analysis
 * needs (parse, contains, network address) are easier to read here than through a library's object model.
 */
export interface ParsedIp {
  family: 'inet' | 'inet6';
  value: bigint;
  bits: 32 | 128;
}

export interface ParsedCidr extends ParsedIp {
  prefixlen: number;
}

export function parseIp(text: string): ParsedIp | null {
  if (text.includes(':')) {
    const v = parseIpv6(text);
    return v === null ? null : { family: 'inet6', value: v, bits: 128 };
  }
  const value = parseIpv4(text);
  return value === null ? null : { family: 'inet', value: BigInt(value), bits: 32 };
}

/**
 * Four dot-separated groups of one to three decimal digits, each at most 255 (leading zeros allowed, read as
 * decimal), in `text` up to `end`. A character loop rather than split and a regex per group: checks parse a route prefix per route row,
 * a million of them on a 1000-node cluster.
 */
function parseIpv4(text: string, end = text.length): number | null {
  let value = 0;
  let group = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || group > 255 || ++dots > 3) return null;
      value = value * 256 + group;
      group = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && ++digits <= 3) {
      group = group * 10 + (c - 0x30);
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0 || group > 255) return null;
  return value * 256 + group;
}

function parseIpv6(text: string): bigint | null {
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return null;
  const groups = (s: string | undefined): number[] | null => {
    if (!s) return [];
    const out: number[] = [];
    const pieces = s.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIp(piece);
        if (!v4 || v4.family !== 'inet') return null;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  if (!h || !t) return null;
  const missing = 8 - h.length - t.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return null;
  const all = [...h, ...new Array<number>(tail === undefined ? 0 : missing).fill(0), ...t];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseCidr(text: string): ParsedCidr | null {
  const fast = parsePlainIpv4Cidr(text);
  if (fast) return fast;
  const slash = text.indexOf('/');
  if (slash >= 0 && text.indexOf('/', slash + 1) >= 0) return null;
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return null;
  // Number(), as before: "" reads as 0 and surrounding blanks are allowed ("10.0.0.0/" is 10.0.0.0/0).
  const prefixlen = slash < 0 ? ip.bits : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > ip.bits) return null;
  return { family: ip.family, value: ip.value, bits: ip.bits, prefixlen };
}

const mask = (bits: number, prefixlen: number): bigint =>
  prefixlen === 0 ? 0n : ((1n << BigInt(prefixlen)) - 1n) << BigInt(bits - prefixlen);

/**
 * The common case of parseCidr in one pass over the characters: a.b.c.d/len with len one or two plain digits.
 * Anything else (IPv6, no length, an invalid address, a length Number() reads some other way) is left to the general
 * path, which decides; so both agree on every input.
 */
function parsePlainIpv4Cidr(text: string): ParsedCidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const value = parseIpv4(text, slash);
  if (value === null) return null;
  const lenDigits = text.length - slash - 1;
  if (lenDigits < 1 || lenDigits > 2) return null;
  let prefixlen = 0;
  for (let j = slash + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return null;
    prefixlen = prefixlen * 10 + (c - 0x30);
  }
  if (prefixlen > 32) return null;
  return { family: 'inet', value: BigInt(value), bits: 32, prefixlen };
}

/** True when `ip` lies inside `cidr` (same family). */
export function cidrContains(cidr: ParsedCidr | string, ip: ParsedIp | string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const a = typeof ip === 'string' ? parseIp(ip) : ip;
  if (!c || !a || c.family !== a.family) return false;
  const m = mask(c.bits, c.prefixlen);
  return (c.value & m) === (a.value & m);
}

/** True when the two prefixes share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y || x.family !== y.family) return false;
  const len = Math.min(x.prefixlen, y.prefixlen);
  return cidrContains({ ...x, prefixlen: len }, y);
}

export function formatIp(ip: ParsedIp): string {
  if (ip.family === 'inet') {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((ip.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 and iproute2 do.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.len).join(':')}`;
}

/** Network address of a prefix as a CIDR string: 10.244.1.1/24 -> 10.244.1.0/24. */
export function networkOf(cidr: string): string | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  return `${formatIp({ ...c, value: c.value & mask(c.bits, c.prefixlen) })}/${c.prefixlen}`;
}
