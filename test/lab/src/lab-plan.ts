import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Address plan of the lab. Every range is private and lives only inside the lab's namespaces. */
export const UNDERLAY_CIDR = '172.31.250.0/24';
export const UNDERLAY_HOST_OFFSET = 10;
export const CALICO_POOL_CIDR = '10.201.0.0/16';
export const CALICO_BLOCK_SIZE = 26;
export const CALICO_AS = 64512;
export const FLANNEL_VXLAN_NETWORK = '10.244.0.0/16';
export const FLANNEL_HOSTGW_NETWORK = '10.245.0.0/16';
export const FLANNEL_VXLAN_PREFIX = '/coreos.com/network';
// One flanneld serves one network, so the host-gw network has a prefix of its own (flanneld -etcd-prefix).
export const FLANNEL_HOSTGW_PREFIX = '/coreos.com/network-hostgw';
export const FLANNEL_VNI = 1;
export const FLANNEL_PORT = 8472;
export const UNDERLAY_MTU = 1500;
// VXLAN over IPv4 adds 50 bytes: outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8.
export const VXLAN_MTU = UNDERLAY_MTU - 50;
export const CALICO_HOST_MAC = 'ee:ee:ee:ee:ee:ee';
export const CALICO_POD_GATEWAY = '169.254.1.1';
export const MAX_NODES = 50;

export type PodKind = 'calico' | 'flannel-vxlan' | 'flannel-host-gw';

export interface LabPodPlan {
  kind: PodKind;
  /** Kubernetes-style pod name; its namespace is always `default`. */
  name: string;
  netns: string;
  ip: string;
  /** Host-side veth in the node's namespace (caliXXXXXXXXXXX or vethXXXXXXXX). */
  hostIface: string;
  mac: string;
}

export interface LabNodePlan {
  index: number;
  name: string;
  netns: string;
  underlayIp: string;
  /** Bridge port of this node in the underlay namespace. */
  underlayPort: string;
  calicoBlock: string;
  vxlanSubnet: string;
  hostGwSubnet: string;
  dir: string;
  birdConfig: string;
  birdSocket: string;
  birdPidFile: string;
  birdLog: string;
  pods: LabPodPlan[];
}

export interface LabPlan {
  prefix: string;
  stateDir: string;
  stateFile: string;
  routeReflector: boolean;
  underlayNetns: string;
  nodes: LabNodePlan[];
}

export interface PlanOptions {
  nodes: number;
  podsPerNode: number;
  routeReflector: boolean;
  prefix: string;
  stateDir: string;
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function hex(input: string, length: number): string {
  return createHash('sha1').update(input).digest('hex').slice(0, length);
}

/** Locally administered unicast MAC derived from a name, so reruns give the same addresses. */
function macFor(input: string): string {
  const bytes = hex(input, 10).match(/../g) ?? [];
  return ['0a', ...bytes].join(':');
}

function subnetBase(cidr: string): number {
  return ipToInt(cidr.split('/')[0]);
}

function buildPods(node: Omit<LabNodePlan, 'pods'>, prefix: string, podsPerNode: number): LabPodPlan[] {
  const pods: LabPodPlan[] = [];
  const blockBase = subnetBase(node.calicoBlock);
  for (let k = 0; k < podsPerNode; k++) {
    const name = `cal-${node.index}-${k}`;
    pods.push({
      kind: 'calico',
      name,
      netns: `${node.netns}-cal${k}`,
      // Calico hands out a block from ordinal 0, so the first pod really gets the block's .0 address.
      ip: intToIp(blockBase + k),
      // Calico's host-side name: "cali" + the first 11 hex digits of sha1("<k8s namespace>.<pod>").
      hostIface: `cali${hex(`default.${name}`, 11)}`,
      mac: macFor(`${prefix}/${name}`),
    });
  }
  const flannel: Array<[PodKind, string, string]> = [
    ['flannel-vxlan', 'vx', node.vxlanSubnet],
    ['flannel-host-gw', 'hg', node.hostGwSubnet],
  ];
  for (const [kind, short, subnet] of flannel) {
    for (let k = 0; k < podsPerNode; k++) {
      const name = `${short}-${node.index}-${k}`;
      pods.push({
        kind,
        name,
        netns: `${node.netns}-${short}${k}`,
        // .1 is the bridge (cni0/cni1), pods start at .2 like flannel's host-local IPAM.
        ip: intToIp(subnetBase(subnet) + 2 + k),
        hostIface: `veth${hex(`${prefix}/${name}`, 8)}`,
        mac: macFor(`${prefix}/${name}`),
      });
    }
  }
  return pods;
}

export function planLab(options: PlanOptions): LabPlan {
  const { prefix, stateDir } = options;
  const nodes: LabNodePlan[] = [];
  const underlayBase = subnetBase(UNDERLAY_CIDR);
  const calicoBase = subnetBase(CALICO_POOL_CIDR);
  const blockLen = 2 ** (32 - CALICO_BLOCK_SIZE);
  for (let index = 1; index <= options.nodes; index++) {
    const name = `node-${index}`;
    const dir = join(stateDir, name);
    const node = {
      index,
      name,
      netns: `${prefix}-${name}`,
      underlayIp: intToIp(underlayBase + UNDERLAY_HOST_OFFSET + index),
      underlayPort: `ul-n${index}`,
      calicoBlock: `${intToIp(calicoBase + (index - 1) * blockLen)}/${CALICO_BLOCK_SIZE}`,
      vxlanSubnet: `${intToIp(subnetBase(FLANNEL_VXLAN_NETWORK) + index * 256)}/24`,
      hostGwSubnet: `${intToIp(subnetBase(FLANNEL_HOSTGW_NETWORK) + index * 256)}/24`,
      dir,
      birdConfig: join(dir, 'bird.cfg'),
      birdSocket: join(dir, 'bird.ctl'),
      birdPidFile: join(dir, 'bird.pid'),
      birdLog: join(dir, 'bird.log'),
    };
    nodes.push({ ...node, pods: buildPods(node, prefix, options.podsPerNode) });
  }
  return {
    prefix,
    stateDir,
    stateFile: join(stateDir, 'lab-state.json'),
    routeReflector: options.routeReflector,
    underlayNetns: `${prefix}-underlay`,
    nodes,
  };
}

/** Network address of a subnet with "." replaced for BIRD protocol names: 172.31.250.12 -> 172_31_250_12. */
export function birdPeerName(kind: 'Mesh' | 'Node', ip: string): string {
  return `${kind}_${ip.replace(/\./g, '_')}`;
}

/** Names of the BGP protocols a node's BIRD runs: full mesh, or clients to the RR (node 1) and the RR to all. */
export function bgpPeersOf(
  plan: { routeReflector: boolean; nodes: LabNodePlan[] },
  node: { underlayIp: string },
): Array<{ name: string; ip: string; rrClient: boolean }> {
  if (!plan.routeReflector) {
    return plan.nodes
      .filter((other) => other.underlayIp !== node.underlayIp)
      .map((other) => ({ name: birdPeerName('Mesh', other.underlayIp), ip: other.underlayIp, rrClient: false }));
  }
  const reflector = plan.nodes[0];
  if (node.underlayIp === reflector.underlayIp) {
    return plan.nodes
      .slice(1)
      .map((other) => ({ name: birdPeerName('Node', other.underlayIp), ip: other.underlayIp, rrClient: true }));
  }
  return [{ name: birdPeerName('Node', reflector.underlayIp), ip: reflector.underlayIp, rrClient: false }];
}
