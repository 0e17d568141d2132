import type { EtcdRecord } from './etcd-records';

/** Writes the records; each key with a TTL gets an etcd lease of its own, as each flanneld holds one for its subnet. */
export async function seedEtcd(endpoint: string, records: EtcdRecord[]): Promise<Record<string, string>> {
  // Loaded here so `status` and `down` do not pay for gRPC start-up.
  const { Etcd3 } = await import('etcd3');
  const client = new Etcd3({ hosts: endpoint });
  const leases: Record<string, string> = {};
  try {
    for (const record of records) {
      const value = JSON.stringify(record.value);
      if (record.leaseTtlSeconds) {
        const lease = client.lease(record.leaseTtlSeconds, { autoKeepAlive: false });
        leases[record.key] = await lease.grant();
        await lease.put(record.key).value(value);
        // release() stops local keep-alives without revoking: the lease lives on in etcd for its TTL.
        lease.release();
      } else {
        await client.put(record.key).value(value);
      }
    }
  } finally {
    client.close();
  }
  return leases;
}
