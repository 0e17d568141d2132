import { Etcd3 } from 'etcd3';
import type { BlockAffinity, FlannelLease, IpamBlock } from '@meshlens/model';
// test/lab and test/e2e are test projects without an import path; their helpers are imported, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { LabState } from '../../lab';

// What the lab wrote into etcd, read back with the etcd3 client and put into the API's shape by hand:
// the test's own reading of Flannel's and Calico's records, not the product's.

export type LeaseView = Pick<
  FlannelLease,
  | 'prefix'
  | 'subnet'
  | 'publicIp'
  | 'publicIpv6'
  | 'backendType'
  | 'vni'
  | 'vtepMac'
  | 'etcdLeaseId'
  | 'node'
>;
export type BlockView = Pick<
  IpamBlock,
  | 'cidr'
  | 'affinity'
  | 'node'
  | 'size'
  | 'allocated'
  | 'borrowed'
  | 'strictAffinity'
  | 'deleted'
  | 'sequenceNumber'
>;
export type AffinityView = Pick<
  BlockAffinity,
  'node' | 'cidr' | 'state' | 'deleted'
>;

/** "10.244.1.0-24" is how Flannel and Calico spell a CIDR inside a key. */
const cidrOfKey = (key: string) =>
  key.slice(key.lastIndexOf('/') + 1).replace('-', '/');

export const leaseView = (l: LeaseView): LeaseView => ({
  prefix: l.prefix,
  subnet: l.subnet,
  publicIp: l.publicIp,
  publicIpv6: l.publicIpv6,
  backendType: l.backendType,
  vni: l.vni,
  vtepMac: l.vtepMac,
  etcdLeaseId: l.etcdLeaseId,
  node: l.node,
});
export const blockView = (b: BlockView): BlockView => ({
  cidr: b.cidr,
  affinity: b.affinity,
  node: b.node,
  size: b.size,
  allocated: b.allocated,
  borrowed: b.borrowed,
  strictAffinity: b.strictAffinity,
  deleted: b.deleted,
  sequenceNumber: b.sequenceNumber,
});
export const affinityView = ({
  node,
  cidr,
  state,
  deleted,
}: AffinityView): AffinityView => ({ node, cidr, state, deleted });

async function range(
  client: Etcd3,
  prefix: string,
): Promise<
  Array<{ key: string; value: Record<string, unknown>; lease: string }>
> {
  const res = await client.getAll().prefix(prefix).exec();
  return res.kvs.map((kv) => ({
    key: kv.key.toString(),
    value: JSON.parse(kv.value.toString()),
    lease: String(kv.lease),
  }));
}

export async function etcdLeases(
  lab: LabState,
  prefixes: string[],
): Promise<LeaseView[]> {
  const endpoint = lab.etcd?.endpoint;
  if (!endpoint) throw new Error('the lab has no etcd');
  const client = new Etcd3({ hosts: endpoint });
  try {
    const rows: LeaseView[] = [];
    for (const prefix of prefixes) {
      for (const { key, value, lease } of await range(
        client,
        `${prefix}/subnets/`,
      )) {
        const backend = value['BackendData'] as
          | { VNI?: number; VtepMAC?: string }
          | undefined;
        const publicIp = String(value['PublicIP']);
        rows.push(
          leaseView({
            prefix,
            subnet: cidrOfKey(key),
            publicIp,
            publicIpv6:
              (value['PublicIPv6'] as string | null | undefined) ?? null,
            backendType: (value['BackendType'] as string | undefined) ?? null,
            vni: backend?.VNI ?? null,
            vtepMac: backend?.VtepMAC ?? null,
            // etcd's int64 lease IDs arrive as decimal strings; "0" means no lease.
            etcdLeaseId: lease === '0' ? null : lease,
            node:
              lab.nodes.find((n) => n.underlayIp === publicIp)?.name ?? null,
          }),
        );
      }
    }
    return rows.sort((a, b) =>
      `${a.prefix}|${a.subnet}`.localeCompare(`${b.prefix}|${b.subnet}`),
    );
  } finally {
    client.close();
  }
}

export async function etcdIpam(
  lab: LabState,
): Promise<{ blocks: BlockView[]; affinities: AffinityView[] }> {
  const endpoint = lab.etcd?.endpoint;
  if (!endpoint) throw new Error('the lab has no etcd');
  const client = new Etcd3({ hosts: endpoint });
  try {
    const blocks = (
      await range(client, '/calico/ipam/v2/assignment/ipv4/block/')
    ).map(({ value }) => {
      const cidr = String(value['cidr']);
      const affinity = (value['affinity'] as string | null | undefined) ?? null;
      const node = affinity?.startsWith('host:')
        ? affinity.slice('host:'.length)
        : null;
      const allocations = value['allocations'] as Array<number | null>;
      const attributes = (value['attributes'] ?? []) as Array<{
        secondary?: { node?: string };
      }>;
      const used = allocations.filter((a): a is number => a !== null);
      return blockView({
        cidr,
        affinity,
        node,
        size: allocations.length,
        allocated: used.length,
        borrowed: used.filter(
          (a) =>
            attributes[a]?.secondary?.node !== undefined &&
            attributes[a]?.secondary?.node !== node,
        ).length,
        strictAffinity: value['strictAffinity'] === true,
        deleted: value['deleted'] === true,
        sequenceNumber: (value['sequenceNumber'] as number | undefined) ?? null,
      });
    });
    // /calico/ipam/v2/host/<node>/ipv4/block/<cidr>
    const affinities = (await range(client, '/calico/ipam/v2/host/')).map(
      ({ key, value }) =>
        affinityView({
          node: key.split('/')[5],
          cidr: cidrOfKey(key),
          state: String(value['state']),
          deleted: value['deleted'] === true,
        }),
    );
    return {
      blocks: blocks.sort((a, b) => a.cidr.localeCompare(b.cidr)),
      affinities: affinities.sort((a, b) =>
        `${a.node}|${a.cidr}`.localeCompare(`${b.node}|${b.cidr}`),
      ),
    };
  } finally {
    client.close();
  }
}
