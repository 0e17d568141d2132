/**
 * Kind of a link when iproute2 printed no `linkinfo` (a dump without -d, or an old kernel). The names are the
 * ones the CNI plugins and agents create; `link_type` settles the tunnel devices that have no MAC.
 */
const BY_NAME: ReadonlyArray<[RegExp, string]> = [
  [/^lo$/, 'loopback'],
  [/^flannel\.\d+$/, 'vxlan'],
  [/^flannel-v6\.\d+$/, 'vxlan'],
  [/^vxlan(-v6)?\.calico$/, 'vxlan'],
  [/^cilium_vxlan$/, 'vxlan'],
  [/^cilium_geneve$/, 'geneve'],
  [/^flannel0$/, 'tun'],
  [/^tunl0$/, 'ipip'],
  [/^(cali|veth|cilium_host$|cilium_net$|lxc)/, 'veth'],
  [/^(cni0|docker0|weave|kube-bridge|cbr0)$/, 'bridge'],
  [/^ovs-system$/, 'openvswitch'],
  [/^(wg\d+|wireguard\.cali|wg-v6\.cali|flannel-wg(-v6)?)$/, 'wireguard'],
];

const BY_LINK_TYPE: Readonly<Record<string, string>> = {
  loopback: 'loopback',
  ipip: 'ipip',
  gre: 'gre',
  sit: 'sit',
  tunnel6: 'ip6tnl',
  gre6: 'ip6gre',
};

export const kindFromLinkInfoless = (
  ifname: string,
  linkType: string | undefined,
): string => {
  if (linkType && BY_LINK_TYPE[linkType]) return BY_LINK_TYPE[linkType];
  for (const [re, kind] of BY_NAME) if (re.test(ifname)) return kind;
  return 'device';
};

/** Kinds whose info_data is ip/link_iptnl.c's or link_gre.c's: local, remote, ttl, link. */
export const IP_TUNNEL_KINDS: ReadonlySet<string> = new Set([
  'ipip',
  'sit',
  'gre',
  'gretap',
  'erspan',
  'ip6tnl',
  'ip6gre',
  'ip6gretap',
  'ip6erspan',
  'vti',
  'vti6',
]);
