import {
  CALICO_HOST_MAC,
  CALICO_POD_GATEWAY,
  FLANNEL_PORT,
  FLANNEL_VNI,
  UNDERLAY_CIDR,
  UNDERLAY_MTU,
  VXLAN_MTU,
  type LabNodePlan,
  type LabPodPlan,
} from './lab-plan';
import { inNetns, ipBatch, mapLimit, run } from './run-command';

const UNDERLAY_BRIDGE = 'br-underlay';
const prefixLen = UNDERLAY_CIDR.split('/')[1];
const gatewayOf = (subnet: string) => subnet.replace(/\.0\/24$/, '.1');
const networkOf = (subnet: string) => subnet.split('/')[0];

export async function createNamespaces(names: string[]): Promise<void> {
  await ipBatch(null, names.map((name) => `netns add ${name}`));
}

/** One bridge in its own namespace stands for the L2 underlay; each node's eth0 is a veth plugged into it. */
export async function buildUnderlay(underlayNetns: string, nodes: LabNodePlan[]): Promise<void> {
  const lines = [`link set lo up`, `link add ${UNDERLAY_BRIDGE} type bridge`, `link set ${UNDERLAY_BRIDGE} up`];
  for (const node of nodes) {
    lines.push(
      `link add ${node.underlayPort} mtu ${UNDERLAY_MTU} type veth peer name eth0 netns ${node.netns}`,
      `link set ${node.underlayPort} master ${UNDERLAY_BRIDGE} up`,
    );
  }
  await ipBatch(underlayNetns, lines);
}

function calicoPodLines(pod: LabPodPlan): { node: string[]; pod: string[] } {
  return {
    node: [
      `link add ${pod.hostIface} address ${CALICO_HOST_MAC} type veth peer name eth0 address ${pod.mac} netns ${pod.netns}`,
      `link set ${pod.hostIface} up`,
      `route add ${pod.ip}/32 dev ${pod.hostIface} scope link`,
      // Felix programs a static ARP entry for each local workload.
      `neigh add ${pod.ip} lladdr ${pod.mac} dev ${pod.hostIface} nud permanent`,
    ],
    pod: [
      `link set lo up`,
      `addr add ${pod.ip}/32 dev eth0`,
      `link set eth0 up`,
      `route add ${CALICO_POD_GATEWAY} dev eth0 scope link`,
      `route add default via ${CALICO_POD_GATEWAY} dev eth0`,
      // Calico's CNI plugin pins the fake gateway to the host veth's MAC.
      `neigh add ${CALICO_POD_GATEWAY} lladdr ${CALICO_HOST_MAC} dev eth0 nud permanent`,
    ],
  };
}

/** `mtu`: Flannel's CNI gives VXLAN pods the tunnel's MTU (FLANNEL_MTU in subnet.env) on both veth ends. */
function bridgePodLines(pod: LabPodPlan, bridge: string, subnet: string, mtu?: number): { node: string[]; pod: string[] } {
  const mtuArg = mtu ? ` mtu ${mtu}` : '';
  return {
    node: [
      `link add ${pod.hostIface}${mtuArg} type veth peer name eth0${mtuArg} address ${pod.mac} netns ${pod.netns}`,
      `link set ${pod.hostIface} master ${bridge} up`,
    ],
    pod: [
      `link set lo up`,
      `addr add ${pod.ip}/24 dev eth0`,
      `link set eth0 up`,
      `route add default via ${gatewayOf(subnet)} dev eth0`,
    ],
  };
}

/** Everything local to one node: eth0, flannel.1, cni0 (vxlan range), cni1 (host-gw range), pods and sysctls. */
export async function buildNode(node: LabNodePlan): Promise<void> {
  const nodeLines = [
    `link set lo up`,
    `addr add ${node.underlayIp}/${prefixLen} dev eth0`,
    `link set eth0 up`,
    `link add flannel.${FLANNEL_VNI} type vxlan id ${FLANNEL_VNI} local ${node.underlayIp} dev eth0 dstport ${FLANNEL_PORT} nolearning`,
    `link set flannel.${FLANNEL_VNI} mtu ${VXLAN_MTU} up`,
    `addr add ${networkOf(node.vxlanSubnet)}/32 dev flannel.${FLANNEL_VNI}`,
    `link add cni0 type bridge`,
    `addr add ${gatewayOf(node.vxlanSubnet)}/24 dev cni0`,
    `link set cni0 mtu ${VXLAN_MTU} up`,
    `link add cni1 type bridge`,
    `addr add ${gatewayOf(node.hostGwSubnet)}/24 dev cni1`,
    `link set cni1 up`,
  ];
  const podBatches: Array<[string, string[]]> = [];
  for (const pod of node.pods) {
    const lines =
      pod.kind === 'calico'
        ? calicoPodLines(pod)
        : pod.kind === 'flannel-vxlan'
          ? bridgePodLines(pod, 'cni0', node.vxlanSubnet, VXLAN_MTU)
          : bridgePodLines(pod, 'cni1', node.hostGwSubnet);
    nodeLines.push(...lines.node);
    podBatches.push([pod.netns, lines.pod]);
  }
  await ipBatch(node.netns, nodeLines);
  const calicoIfaces = node.pods.filter((pod) => pod.kind === 'calico').map((pod) => pod.hostIface);
  await inNetns(node.netns, 'sysctl', [
    '-q',
    '-w',
    'net.ipv4.ip_forward=1',
    ...calicoIfaces.map((iface) => `net.ipv4.conf.${iface}.proxy_arp=1`),
  ]);
  await mapLimit(podBatches, 4, ([netns, lines]) => ipBatch(netns, lines));
}

export async function readVtepMac(node: LabNodePlan): Promise<string> {
  const out = await run('ip', ['-n', node.netns, '-j', 'link', 'show', `flannel.${FLANNEL_VNI}`]);
  const [link] = JSON.parse(out) as Array<{ address: string }>;
  return link.address;
}

export interface RemoteNode {
  underlayIp: string;
  vxlanSubnet: string;
  hostGwSubnet: string;
  vtepMac: string;
}

/** What flanneld programs per remote lease: vxlan route + permanent neighbour + FDB entry, and host-gw routes. */
export async function programRemotes(node: LabNodePlan, remotes: RemoteNode[]): Promise<void> {
  const dev = `flannel.${FLANNEL_VNI}`;
  const ipLines: string[] = [];
  const fdbLines: string[] = [];
  for (const remote of remotes) {
    const vtepIp = networkOf(remote.vxlanSubnet);
    ipLines.push(
      `route add ${remote.vxlanSubnet} via ${vtepIp} dev ${dev} onlink`,
      `neigh add ${vtepIp} lladdr ${remote.vtepMac} dev ${dev} nud permanent`,
      `route add ${remote.hostGwSubnet} via ${remote.underlayIp} dev eth0`,
    );
    fdbLines.push(`fdb add ${remote.vtepMac} dev ${dev} dst ${remote.underlayIp} self permanent`);
  }
  await ipBatch(node.netns, ipLines);
  await ipBatch(node.netns, fdbLines, 'bridge');
}
