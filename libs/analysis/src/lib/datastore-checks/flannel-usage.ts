import type { FlannelConfig, FlannelLease } from '@meshlens/model';
import { parseCidr, parseIp } from '../net/ip-address.util';

/**
 * How many subnets flanneld can hand out: SubnetMin..SubnetMax in steps of SubnetLen. Without them flanneld skips
 * the network's first subnet and ends at its last (pkg/subnet/config.go), hence 2^(SubnetLen - prefix) - 1.
 */
export function flannelCapacity(config: FlannelConfig): number | null {
  const network = config.network ? parseCidr(config.network) : null;
  if (!network || config.subnetLen <= network.prefixlen || config.subnetLen > 32) return null;
  const step = 1n << BigInt(32 - config.subnetLen);
  const first = config.subnetMin ? parseIp(config.subnetMin)?.value : undefined;
  const last = config.subnetMax ? parseIp(config.subnetMax)?.value : undefined;
  const base = network.value & ~((1n << BigInt(32 - network.prefixlen)) - 1n);
  const min = first ?? base + step;
  const max = last ?? base + (1n << BigInt(32 - network.prefixlen)) - step;
  return max < min ? 0 : Number((max - min) / step + 1n);
}

export function flannelUsage(config: FlannelConfig | null, leases: FlannelLease[]) {
  const capacity = config ? flannelCapacity(config) : null;
  if (capacity === null) return undefined;
  return { leases: leases.length, capacity, utilisation: capacity > 0 ? leases.length / capacity : 0 };
}
