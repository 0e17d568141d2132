import type { Address, Route } from '@meshlens/model';

/** Devices that never carry the underlay: loopback, pod bridges and veths, and the overlays' own devices. */
const OVERLAY_OR_POD_DEV =
  /^(lo|cni0|docker0|cbr0|tunl0|flannel.*|vxlan.*\.calico|cali.*|veth.*|cilium_.*|weave|kube-.*)$/;

/**
 * The node's underlay addresses: the global-scope addresses of the device(s) carrying a main-table default route,
 * else those of the first device with a global-scope address that is not loopback, a pod or an overlay device.
 */
export const inferUnderlayAddresses = (input: {
  routes: Route[];
  addresses: Address[];
}): string[] => {
  const routes = Array.isArray(input?.routes) ? input.routes : [];
  const addresses = Array.isArray(input?.addresses) ? input.addresses : [];
  const globalAddrs = addresses.filter((a) => a.scope === 'global');
  const defaultDevs = new Set<string>();
  for (const r of routes) {
    if (r.table !== 'main' || r.type !== 'unicast' || !/\/0$/.test(r.dst))
      continue;
    if (r.dev) defaultDevs.add(r.dev);
    for (const h of r.nexthops ?? []) if (h.dev) defaultDevs.add(h.dev);
  }
  let picked = globalAddrs.filter((a) => defaultDevs.has(a.ifname));
  if (picked.length === 0) {
    const first = globalAddrs.find((a) => !OVERLAY_OR_POD_DEV.test(a.ifname));
    picked = first ? globalAddrs.filter((a) => a.ifname === first.ifname) : [];
  }
  return [...new Set(picked.map((a) => a.local))];
};
