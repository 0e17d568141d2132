import type { BlockAffinity, CalicoIpPool, Citation, DatastoreProblem, FlannelLease, IpamBlock } from '@meshlens/model';

/** Citation node for a datastore row that belongs to no reporting node. */
export const ETCD_NODE = 'etcd';

export const citeLease = (lease: FlannelLease): Citation => ({ node: lease.node ?? ETCD_NODE, table: 'leases', key: lease.key, row: lease });
export const citeBlock = (block: IpamBlock, calicoPrefix = '/calico'): Citation => ({
  node: block.node ?? ETCD_NODE,
  table: 'ipamBlocks',
  key: `${calicoPrefix}/ipam/v2/assignment/ipv${block.cidr.includes(':') ? 6 : 4}/block/${block.cidr.replace('/', '-')}`,
  row: block,
});
export const citeAffinity = (a: BlockAffinity, calicoPrefix = '/calico'): Citation => ({
  node: a.node,
  table: 'blockAffinities',
  key: `${calicoPrefix}/ipam/v2/host/${a.node}/ipv${a.cidr.includes(':') ? 6 : 4}/block/${a.cidr.replace('/', '-')}`,
  row: a,
});
export const citePool = (pool: CalicoIpPool, calicoPrefix = '/calico'): Citation => ({
  node: ETCD_NODE,
  table: 'ipPools',
  key: `${calicoPrefix}/resources/v3/projectcalico.org/ippools/${pool.name}`,
  row: pool,
});
export const citeProblem = (p: DatastoreProblem): Citation => ({ node: ETCD_NODE, table: 'datastoreKeys', key: p.key, row: p });
