import {
  NETWORK_MODES,
  type CniConfig,
  type Link,
  type NetworkMode,
  type Route,
} from '@meshlens/model';

export interface NetworkModeInput {
  links: Link[];
  routes: Route[];
  cniConfigs: CniConfig[];
}

const FLANNEL_VXLAN_DEV = /^flannel(-v6)?\.\d+$/;
const CALICO_VXLAN_DEV = /^vxlan(-v6)?\.calico$/;
/** Devices whose routes are not underlay routes (overlay, pod and bridge devices). */
const NOT_UNDERLAY =
  /^(lo|cni0|docker0|tunl0|flannel.*|vxlan.*\.calico|cali.*|veth.*)$/;

const isMainUnicast = (r: Route) => r.table === 'main' && r.type === 'unicast';
const devsOf = (r: Route): string[] =>
  r.nexthops ? r.nexthops.map((h) => h.dev ?? '') : [r.dev ?? ''];

const prefixLen = (cidr: string) => Number(cidr.split('/')[1]);

const ipv4ToInt = (a: string) =>
  a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const inIpv4Subnet = (address: string, cidr: string): boolean => {
  const [net, len] = cidr.split('/');
  if (
    !/^\d+\.\d+\.\d+\.\d+$/.test(address) ||
    !/^\d+\.\d+\.\d+\.\d+$/.test(net)
  )
    return false;
  const size = 2 ** (32 - Number(len));
  return (
    Math.floor(ipv4ToInt(address) / size) === Math.floor(ipv4ToInt(net) / size)
  );
};

/**
 * Flannel host-gw: routes of the same size as the local pod subnet (the kernel route of cni0), installed with the
 * default protocol, via a gateway that sits in a directly connected underlay subnet (host-gw needs one L2 segment).
 * IPv4 only: Flannel's host-gw backend programs IPv6 the same way, but a v4 route is always there too.
 */
const hasHostGwRoutes = (routes: Route[]): boolean => {
  const podSubnet = routes.find(
    (r) => isMainUnicast(r) && r.dev === 'cni0' && r.protocol === 'kernel',
  );
  if (!podSubnet) return false;
  const connected = routes.filter(
    (r) =>
      isMainUnicast(r) &&
      r.protocol === 'kernel' &&
      r.scope === 'link' &&
      r.dev &&
      !NOT_UNDERLAY.test(r.dev),
  );
  return routes.some((r) => {
    const { gateway, dev } = r;
    return (
      isMainUnicast(r) &&
      r.protocol === 'boot' &&
      gateway !== undefined &&
      dev !== undefined &&
      !NOT_UNDERLAY.test(dev) &&
      r.dst !== podSubnet.dst &&
      prefixLen(r.dst) === prefixLen(podSubnet.dst) &&
      prefixLen(r.dst) > 0 &&
      connected.some((c) => c.dev === dev && inIpv4Subnet(gateway, c.dst))
    );
  });
};

/**
 * Which Flannel/Calico data planes this node runs, from what each one programs (DESIGN.md, "What each mode
 * programs"). Devices decide where they are unambiguous (flannel.N, flannel0, vxlan.calico); Calico's BGP modes
 * need BIRD's routes because tunl0 exists wherever the ipip module is loaded. A CNI file only confirms host-gw on
 * a node that has no peers yet. Result in NETWORK_MODES order.
 */
export const inferNetworkModes = (input: NetworkModeInput): NetworkMode[] => {
  const links = Array.isArray(input?.links) ? input.links : [];
  const routes = Array.isArray(input?.routes) ? input.routes : [];
  const cniConfigs = Array.isArray(input?.cniConfigs) ? input.cniConfigs : [];
  const names = new Set(links.map((l) => l.ifname));
  const found = new Set<NetworkMode>();

  const flannelVxlan = links.some(
    (l) => l.kind === 'vxlan' && FLANNEL_VXLAN_DEV.test(l.ifname),
  );
  const flannelUdp = links.some(
    (l) => l.kind === 'tun' && l.ifname === 'flannel0',
  );
  if (flannelVxlan) found.add('flannel-vxlan');
  if (flannelUdp) found.add('flannel-udp');
  if (!flannelVxlan && !flannelUdp && names.has('cni0')) {
    const flannelCni = cniConfigs.some((c) => c.plugins.includes('flannel'));
    if (hasHostGwRoutes(routes) || flannelCni) found.add('flannel-host-gw');
  }

  const birdVia = routes.filter(
    (r) =>
      isMainUnicast(r) && r.protocol === 'bird' && (r.gateway || r.nexthops),
  );
  if (
    birdVia.some((r) =>
      devsOf(r).some((d) => d !== '' && !NOT_UNDERLAY.test(d)),
    )
  )
    found.add('calico-bgp');
  if (names.has('tunl0') && birdVia.some((r) => devsOf(r).includes('tunl0')))
    found.add('calico-ipip');
  if (links.some((l) => CALICO_VXLAN_DEV.test(l.ifname)))
    found.add('calico-vxlan');

  return NETWORK_MODES.filter((m) => found.has(m));
};
