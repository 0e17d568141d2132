/** IPv4 address-space arithmetic for the subnet map (pools and Flannel networks are drawn for IPv4 only). */

export interface Cidr4 {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
}

export const ipv4ToInt = (ip: string): number | undefined => {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
};

export const intToIpv4 = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The network of `cidr` (host bits cleared), or undefined for IPv6 and malformed text. */
export const parseCidr4 = (cidr: string): Cidr4 | undefined => {
  const [ip, len] = cidr.split('/');
  const address = ipv4ToInt(ip ?? '');
  const prefix = len === undefined ? 32 : Number(len);
  if (address === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
};

export const cidrSize = (c: Cidr4): number => 2 ** (32 - c.prefix);
export const formatCidr4 = (c: Cidr4): string => `${intToIpv4(c.base)}/${c.prefix}`;

export const containsCidr = (outer: Cidr4, inner: Cidr4): boolean =>
  inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base < outer.base + cidrSize(outer);

export const overlaps = (a: Cidr4, b: Cidr4): boolean => a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);

/** Past this, a grid stops being readable: cells grow instead (a /12 of /26 blocks would be 262144 cells). */
export const MAX_CELLS = 4096;

/** Cell size for drawing `network`: the block size when that fits in MAX_CELLS cells, else larger cells. */
export const cellPrefixFor = (network: Cidr4, blockPrefix: number): number => {
  const maxDepth = Math.floor(Math.log2(MAX_CELLS));
  return Math.max(network.prefix, Math.min(blockPrefix, network.prefix + maxDepth, 32));
};

export interface Allocation {
  cidr: string;
  node: string | null;
  /** Addresses in use out of the allocation's size, 0..1, when known (IPAM blocks). */
  utilisation?: number;
  /** What the allocation is: "lease", "block", "pod subnet". */
  source: string;
}

export interface AddressCell {
  index: number;
  cidr: string;
  allocations: Allocation[];
  /** Two different nodes claim addresses in this cell. */
  conflict: boolean;
}

export interface AddressMap {
  network: string;
  cellPrefix: number;
  cells: AddressCell[];
  /** Allocations outside the network (a lease of another network, a block outside its pool). */
  outside: Allocation[];
  used: number;
}

/** Lays the allocations over the network's cells; an allocation covers every cell it overlaps. */
export const buildAddressMap = (
  networkCidr: string,
  blockPrefix: number,
  allocations: readonly Allocation[],
): AddressMap | undefined => {
  const network = parseCidr4(networkCidr);
  if (!network) return undefined;
  const cellPrefix = cellPrefixFor(network, blockPrefix);
  const cellSize = 2 ** (32 - cellPrefix);
  const count = 2 ** (cellPrefix - network.prefix);
  const cells: AddressCell[] = Array.from({ length: count }, (_, index) => ({
    index,
    cidr: formatCidr4({ base: network.base + index * cellSize, prefix: cellPrefix }),
    allocations: [],
    conflict: false,
  }));
  const outside: Allocation[] = [];
  for (const allocation of allocations) {
    const range = parseCidr4(allocation.cidr);
    if (!range || !overlaps(network, range)) {
      if (range) outside.push(allocation);
      continue;
    }
    const first = Math.max(0, Math.floor((range.base - network.base) / cellSize));
    const last = Math.min(count - 1, Math.floor((range.base + cidrSize(range) - 1 - network.base) / cellSize));
    for (let i = first; i <= last; i += 1) cells[i]?.allocations.push(allocation);
  }
  for (const cell of cells) {
    cell.conflict = new Set(cell.allocations.map((a) => a.node ?? '(none)')).size > 1;
  }
  return {
    network: formatCidr4(network),
    cellPrefix,
    cells,
    outside,
    used: cells.filter((c) => c.allocations.length > 0).length,
  };
};

/** The /16 (or the subnet itself when wider) holding a pod subnet: the network drawn when etcd is not watched. */
export const coveringNetwork = (cidr: string, prefix = 16): string | undefined => {
  const c = parseCidr4(cidr);
  if (!c) return undefined;
  const p = Math.min(prefix, c.prefix);
  const size = 2 ** (32 - p);
  return formatCidr4({ base: c.base - (c.base % size), prefix: p });
};
