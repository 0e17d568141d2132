import type { ParsedCidr, ParsedIp } from './ip-address.util';

interface Bucket<T> {
  prefixlen: number;
  /** Network number of each prefix: the address shifted right past its host bits. */
  entries: Map<number | bigint, T>;
}

/**
 * IPv4 keys stay plain numbers (bigint arithmetic and hashing cost several times more), as signed 32-bit integers
 * so V8 keeps them unboxed; within one prefix length distinct networks still get distinct keys.
 */
function networkKey(ip: ParsedIp, prefixlen: number, v4: number): number | bigint {
  if (ip.family === 'inet') return prefixlen === 0 ? 0 : (v4 >>> (32 - prefixlen)) | 0;
  return ip.value >> BigInt(128 - prefixlen);
}

/**
 * Longest-prefix match over a set of prefixes: one hash map per prefix length present, probed longest first, so a
 * lookup costs one map probe per distinct length (a handful in any routing table) instead of a scan of every
 * prefix. Prefixes with host bits set (10.0.0.5/24) file under their network, as a containment test would treat them.
 */
export class PrefixMap<T> {
  private readonly buckets = { inet: [] as Bucket<T>[], inet6: [] as Bucket<T>[] };

  /**
   * Files `value` under `cidr`. When the prefix is already there, `replaces(existing, value)` decides which one stays,
   * so callers keep the tie-break of the scan they replace.
   */
  add(cidr: ParsedCidr, value: T, replaces: (existing: T, candidate: T) => boolean): void {
    const list = this.buckets[cidr.family];
    let bucket = list.find((b) => b.prefixlen === cidr.prefixlen);
    if (!bucket) {
      bucket = { prefixlen: cidr.prefixlen, entries: new Map() };
      list.push(bucket);
      list.sort((a, b) => b.prefixlen - a.prefixlen);
    }
    const key = networkKey(cidr, cidr.prefixlen, cidr.family === 'inet' ? Number(cidr.value) : 0);
    const existing = bucket.entries.get(key);
    if (existing === undefined || replaces(existing, value)) bucket.entries.set(key, value);
  }

  /** The value filed under the longest prefix containing `ip`. */
  longest(ip: ParsedIp): T | undefined {
    const buckets = this.buckets[ip.family];
    const v4 = ip.family === 'inet' ? Number(ip.value) : 0;
    for (let i = 0; i < buckets.length; i++) {
      const value = buckets[i].entries.get(networkKey(ip, buckets[i].prefixlen, v4));
      if (value !== undefined) return value;
    }
    return undefined;
  }
}
