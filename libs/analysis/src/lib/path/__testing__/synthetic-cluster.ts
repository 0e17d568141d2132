import type { ClusterState, NodeState } from '../../cluster/cluster-state';

/**
 * A Flannel VXLAN cluster of any size, grown from the real two-node capture: node k is node-1 of the capture with its
 * underlay address, pod subnet and VTEP MAC renamed, plus, per peer, the onlink route, permanent neighbour, FDB
 * entry and ARP entry that flanneld and the kernel hold for node-2 in the capture.
 */
const underlay = (k: number) => `172.16.${k >> 8}.${(k & 255) + 1}`;
const podPrefix = (k: number) => `10.${100 + (k >> 8)}.${k & 255}.`;
const vtepMac = (k: number) => `0a:58:00:00:${((k >> 8) & 255).toString(16).padStart(2, '0')}:${(k & 255).toString(16).padStart(2, '0')}`;
const ethMac = (k: number) => `0a:59:00:00:${((k >> 8) & 255).toString(16).padStart(2, '0')}:${(k & 255).toString(16).padStart(2, '0')}`;

/** Rewrites every string in a row (JSON round trip: the rows are plain data; no replaced value is part of another). */
function rename<T>(row: T, pairs: Array<[string, string]>): T {
  let text = JSON.stringify(row);
  for (const [from, to] of pairs) text = text.split(from).join(to);
  return JSON.parse(text) as T;
}

export function syntheticFlannelVxlanCluster(capture: ClusterState, size: number): ClusterState {
  const self = capture.nodes.find((n) => n.name === 'node-1');
  const peer = capture.nodes.find((n) => n.name === 'node-2');
  if (!self || !peer) throw new Error('the capture must hold node-1 and node-2');
  const mac = (n: NodeState, ifname: string) => n.links.find((l) => l.ifname === ifname)?.mac ?? '';
  const selfUnderlay = self.identity.underlayAddresses[0];
  const peerUnderlay = peer.identity.underlayAddresses[0];
  const subnetLen = selfUnderlay.split('.').slice(0, 3).join('.');
  const ownOf = (k: number): Array<[string, string]> => [
    [`${subnetLen}.0/24`, '172.16.0.0/16'],
    [`${subnetLen}.255`, '172.16.255.255'],
    [selfUnderlay, underlay(k)],
    ['10.244.1.', podPrefix(k)],
    [mac(self, 'flannel.1'), vtepMac(k)],
  ];
  const peerOf = (j: number): Array<[string, string]> => [
    [peerUnderlay, underlay(j)],
    ['10.244.2.', podPrefix(j)],
    [mac(peer, 'flannel.1'), vtepMac(j)],
    [mac(peer, 'eth0'), ethMac(j)],
  ];
  const aboutPeer = (text: string) => text.includes(peerUnderlay) || text.includes('10.244.2.');
  const isPeerRow = (row: unknown) => aboutPeer(JSON.stringify(row));
  const peerRows = {
    routes: self.routes.filter(isPeerRow),
    neighbors: self.neighbors.filter(isPeerRow),
    fdb: self.fdb.filter(isPeerRow),
  };
  const nodes = Array.from({ length: size }, (_, k): NodeState => {
    const own = ownOf(k);
    const base = rename({ ...self, routes: self.routes.filter((r) => !isPeerRow(r)), neighbors: self.neighbors.filter((r) => !isPeerRow(r)), fdb: self.fdb.filter((r) => !isPeerRow(r)) }, own);
    const peers = Array.from({ length: size }, (_, j) => j).filter((j) => j !== k);
    const each = <T>(rows: T[]) => peers.flatMap((j) => rows.map((r) => rename(r, peerOf(j))));
    return {
      ...base,
      name: `node-${k + 1}`,
      identity: { ...base.identity, hostname: `node-${k + 1}` },
      links: base.links.map((l) => (l.ifname === 'eth0' ? { ...l, mac: ethMac(k) } : l)),
      routes: [...base.routes, ...each(peerRows.routes)],
      neighbors: [...base.neighbors, ...each(peerRows.neighbors)],
      fdb: [...base.fdb, ...each(peerRows.fdb)],
    };
  });
  return { nodes };
}
