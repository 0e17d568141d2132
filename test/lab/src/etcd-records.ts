import { createHash } from 'node:crypto';
import {
  CALICO_AS,
  CALICO_BLOCK_SIZE,
  CALICO_POOL_CIDR,
  FLANNEL_HOSTGW_NETWORK,
  FLANNEL_HOSTGW_PREFIX,
  FLANNEL_PORT,
  FLANNEL_VNI,
  FLANNEL_VXLAN_NETWORK,
  FLANNEL_VXLAN_PREFIX,
  UNDERLAY_CIDR,
} from './lab-plan';
import type { LabNode, LabState } from './lab-state';

export interface EtcdRecord {
  key: string;
  value: unknown;
  /** Flannel leases are attached to an etcd lease (24 h TTL that flanneld renews). */
  leaseTtlSeconds?: number;
}

export const FLANNEL_LEASE_TTL_SECONDS = 24 * 60 * 60;
const RR_CLUSTER_ID = '244.0.0.1';
const POOL_NAME = 'default-ipv4-ippool';

const subnetKey = (subnet: string) => subnet.replace('/', '-');
const uid = (seed: string) => {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
// Calico's endpoint resource names double each dash inside every part: node-1 -> node--1.
const wepPart = (part: string) => part.replace(/-/g, '--');

export function flannelRecords(state: LabState): EtcdRecord[] {
  const records: EtcdRecord[] = [
    {
      key: `${FLANNEL_VXLAN_PREFIX}/config`,
      value: { Network: FLANNEL_VXLAN_NETWORK, SubnetLen: 24, Backend: { Type: 'vxlan', VNI: FLANNEL_VNI, Port: FLANNEL_PORT } },
    },
    {
      key: `${FLANNEL_HOSTGW_PREFIX}/config`,
      value: { Network: FLANNEL_HOSTGW_NETWORK, SubnetLen: 24, Backend: { Type: 'host-gw' } },
    },
  ];
  for (const node of state.nodes) {
    records.push(
      {
        key: `${FLANNEL_VXLAN_PREFIX}/subnets/${subnetKey(node.vxlanSubnet)}`,
        value: {
          PublicIP: node.underlayIp,
          PublicIPv6: null,
          BackendType: 'vxlan',
          BackendData: { VNI: FLANNEL_VNI, VtepMAC: node.vtepMac },
        },
        leaseTtlSeconds: FLANNEL_LEASE_TTL_SECONDS,
      },
      {
        key: `${FLANNEL_HOSTGW_PREFIX}/subnets/${subnetKey(node.hostGwSubnet)}`,
        value: { PublicIP: node.underlayIp, PublicIPv6: null, BackendType: 'host-gw' },
        leaseTtlSeconds: FLANNEL_LEASE_TTL_SECONDS,
      },
    );
  }
  return records;
}

function resource(plural: string, kind: string, name: string, spec: unknown, extra: Record<string, unknown> = {}, namespace?: string): EtcdRecord {
  const path = namespace ? `${namespace}/${name}` : name;
  return {
    key: `/calico/resources/v3/projectcalico.org/${plural}/${path}`,
    value: {
      kind,
      apiVersion: 'projectcalico.org/v3',
      metadata: {
        name,
        ...(namespace ? { namespace } : {}),
        uid: uid(`${plural}/${path}`),
        creationTimestamp: '2026-01-01T00:00:00Z',
        ...extra,
      },
      spec,
    },
  };
}

function ipamBlock(node: LabNode, createdAt: string): EtcdRecord[] {
  const size = 2 ** (32 - CALICO_BLOCK_SIZE);
  const pods = node.pods.filter((pod) => pod.kind === 'calico');
  const allocations: Array<number | null> = Array.from({ length: size }, (_, i) => (i < pods.length ? i : null));
  const handles = pods.map((pod) => `k8s-pod-network.${createHash('sha1').update(pod.name).digest('hex')}`);
  const attributes = pods.map((pod, i) => ({
    handle_id: handles[i],
    secondary: { namespace: 'default', node: node.name, pod: pod.name, timestamp: createdAt },
  }));
  const records: EtcdRecord[] = [
    {
      key: `/calico/ipam/v2/assignment/ipv4/block/${subnetKey(node.calicoBlock)}`,
      value: {
        cidr: node.calicoBlock,
        affinity: `host:${node.name}`,
        allocations,
        unallocated: Array.from({ length: size - pods.length }, (_, i) => i + pods.length),
        attributes,
        sequenceNumber: pods.length,
        sequenceNumberForAllocation: Object.fromEntries(pods.map((_, i) => [String(i), i])),
        deleted: false,
      },
    },
    {
      key: `/calico/ipam/v2/host/${node.name}/ipv4/block/${subnetKey(node.calicoBlock)}`,
      value: { state: 'confirmed', deleted: false },
    },
  ];
  handles.forEach((handle) => {
    records.push({ key: `/calico/ipam/v2/handle/${handle}`, value: { block: { [node.calicoBlock]: 1 }, deleted: false } });
  });
  return records;
}

export function calicoRecords(state: LabState): EtcdRecord[] {
  const prefixLen = UNDERLAY_CIDR.split('/')[1];
  const records: EtcdRecord[] = [
    resource('ippools', 'IPPool', POOL_NAME, {
      cidr: CALICO_POOL_CIDR,
      vxlanMode: 'Never',
      ipipMode: 'Never',
      natOutgoing: true,
      blockSize: CALICO_BLOCK_SIZE,
      nodeSelector: 'all()',
      allowedUses: ['Workload', 'Tunnel'],
    }),
    resource('bgpconfigurations', 'BGPConfiguration', 'default', {
      logSeverityScreen: 'Info',
      nodeToNodeMeshEnabled: !state.routeReflector,
      asNumber: CALICO_AS,
    }),
  ];
  if (state.routeReflector) {
    records.push(
      resource('bgppeers', 'BGPPeer', 'peer-with-route-reflectors', {
        nodeSelector: 'all()',
        peerSelector: "route-reflector == 'true'",
      }),
    );
  }
  for (const node of state.nodes) {
    const isReflector = state.routeReflector && node.index === 1;
    records.push(
      resource(
        'nodes',
        'Node',
        node.name,
        {
          bgp: { ipv4Address: `${node.underlayIp}/${prefixLen}`, ...(isReflector ? { routeReflectorClusterID: RR_CLUSTER_ID } : {}) },
          orchRefs: [{ nodeName: node.name, orchestrator: 'k8s' }],
        },
        { labels: { 'kubernetes.io/hostname': node.name, ...(isReflector ? { 'route-reflector': 'true' } : {}) } },
      ),
      ...ipamBlock(node, state.createdAt),
    );
    for (const pod of node.pods.filter((p) => p.kind === 'calico')) {
      const name = `${wepPart(node.name)}-k8s-${wepPart(pod.name)}-eth0`;
      records.push(
        resource(
          'workloadendpoints',
          'WorkloadEndpoint',
          name,
          {
            orchestrator: 'k8s',
            node: node.name,
            containerID: createHash('sha1').update(pod.name).digest('hex'),
            pod: pod.name,
            endpoint: 'eth0',
            ipNetworks: [`${pod.ip}/32`],
            profiles: ['kns.default'],
            interfaceName: pod.hostIface,
            mac: pod.mac,
          },
          { labels: { 'projectcalico.org/namespace': 'default', 'projectcalico.org/orchestrator': 'k8s' } },
          'default',
        ),
      );
    }
  }
  return records;
}

export { RR_CLUSTER_ID };
