import type { Route } from '@meshlens/model';
import { parseCidr, type ParsedIp } from '../net/ip-address.util';
import { DEFAULT_RULE_TABLES } from './route-lookup';

/**
 * The addresses of one family grouped by network number at each prefix length asked for, so a route finds the
 * addresses it contains with one map probe.
 */
class AddressGroups {
  private readonly byLength = new Map<number, Map<bigint, number[]>>();

  constructor(private readonly addresses: readonly (ParsedIp | null)[], private readonly family: ParsedIp['family'], private readonly bits: number) {}

  within(network: bigint, prefixlen: number): readonly number[] {
    let groups = this.byLength.get(prefixlen);
    if (!groups) {
      groups = new Map();
      const shift = BigInt(this.bits - prefixlen);
      this.addresses.forEach((ip, i) => {
        if (ip?.family !== this.family) return;
        const key = ip.value >> shift;
        const group = groups?.get(key);
        if (group) group.push(i);
        else groups?.set(key, [i]);
      });
      this.byLength.set(prefixlen, groups);
    }
    return groups.get(network >> BigInt(this.bits - prefixlen)) ?? [];
  }
}

/**
 * lookupRoute for many addresses against many route lists: the same scan over the routes, in the same order and with
 * the same rule (longest prefix, then strictly lower metric, so the first listed wins a tie; first table in rule
 * order with a match), except that each route updates only the addresses it contains. Made for the pod-subnet
 * check, which asks every node for every other node's subnet: a route list is then read once for all addresses.
 */
export class ManyAddressLookup {
  private readonly groups: { inet: AddressGroups; inet6: AddressGroups };

  constructor(private readonly addresses: readonly (ParsedIp | null)[], private readonly tables: readonly string[] = DEFAULT_RULE_TABLES) {
    this.groups = { inet: new AddressGroups(addresses, 'inet', 32), inet6: new AddressGroups(addresses, 'inet6', 128) };
  }

  /** The route lookupRoute(routes, address) returns, for each address in the order given (null: none). */
  lookupAll(routes: readonly Route[]): (Route | null)[] {
    const n = this.addresses.length;
    const best: (Route | undefined)[] = new Array(n * this.tables.length);
    const bestLen = new Int16Array(n * this.tables.length);
    for (const route of routes) {
      const t = this.tables.indexOf(route.table);
      // Multicast and anycast entries of the local table do not carry unicast traffic to other hosts.
      if (t < 0 || route.type === 'multicast' || route.type === 'anycast') continue;
      const cidr = parseCidr(route.dst);
      if (!cidr || cidr.family !== route.family) continue;
      for (const i of this.groups[cidr.family].within(cidr.value, cidr.prefixlen)) {
        const slot = t * n + i;
        const held = best[slot];
        if (!held || cidr.prefixlen > bestLen[slot] || (cidr.prefixlen === bestLen[slot] && route.metric < held.metric)) {
          best[slot] = route;
          bestLen[slot] = cidr.prefixlen;
        }
      }
    }
    const out: (Route | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = null;
      for (let t = 0; t < this.tables.length; t++) {
        const held = best[t * n + i];
        if (held) {
          out[i] = held;
          break;
        }
      }
    }
    return out;
  }
}
