import type { Address, BgpSession, Citation, FdbEntry, Link, Neighbor, NodeIdentity, Route } from '@meshlens/model';

export type { Citation };

/** Everything the analysis knows of one node: its tables as the agent reported them (current or at some instant). */
export interface NodeState {
  name: string;
  identity: NodeIdentity;
  links: Link[];
  addresses: Address[];
  routes: Route[];
  neighbors: Neighbor[];
  fdb: FdbEntry[];
  bgpSessions: BgpSession[];
}

export interface ClusterState {
  nodes: NodeState[];
}
