import type { AddressUsage, CalicoIpPool, IpamBlock, IpPoolUsage, NodeUsage } from '@meshlens/model';
import { cidrContains, parseCidr } from '../net/ip-address.util';

const usage = (blocks: IpamBlock[], addresses: number): AddressUsage => {
  const allocated = blocks.reduce((n, b) => n + b.allocated, 0);
  return { blocks: blocks.length, addresses, allocated, utilisation: addresses > 0 ? allocated / addresses : 0 };
};

const poolSize = (cidr: string): number => {
  const c = parseCidr(cidr);
  return c ? 2 ** (c.bits - c.prefixlen) : 0;
};

/** Per pool: the blocks carved from it, and allocated addresses against the whole pool. */
export function poolUsage(pools: CalicoIpPool[], blocks: IpamBlock[]): IpPoolUsage[] {
  return pools.map((pool) => {
    const inPool = blocks.filter((b) => !b.deleted && cidrContains(pool.cidr, b.cidr.split('/')[0]));
    return { ...pool, usage: usage(inPool, poolSize(pool.cidr)) };
  });
}

/** Per node: its affine blocks, and allocated addresses against their size. */
export function nodeUsage(blocks: IpamBlock[]): NodeUsage[] {
  const byNode = new Map<string, IpamBlock[]>();
  for (const b of blocks) if (b.node && !b.deleted) byNode.set(b.node, [...(byNode.get(b.node) ?? []), b]);
  return [...byNode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([node, own]) => ({ node, ...usage(own, own.reduce((n, b) => n + b.size, 0)) }));
}
