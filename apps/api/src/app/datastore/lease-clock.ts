import type { Etcd3 } from 'etcd3';

/**
 * When each etcd lease runs out. etcd gives a TTL, not a deadline, and a renewal by keep-alive changes no key, so
 * leases are asked again periodically; between asks the last answer stands (also while etcd is unreachable).
 */
export class LeaseClock {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly client: Etcd3,
    private readonly now: () => number = Date.now,
  ) {}

  /** Epoch ms at which the lease expires, or undefined while unknown. */
  expiryOf(leaseId: string): number | undefined {
    return this.expiries.get(leaseId);
  }

  async refresh(leaseIds: Iterable<string>): Promise<void> {
    const ids = new Set(leaseIds);
    for (const id of [...this.expiries.keys()]) if (!ids.has(id)) this.expiries.delete(id);
    await Promise.all(
      [...ids].map(async (id) => {
        const asked = this.now();
        const res = await this.client.leaseClient.leaseTimeToLive({ ID: id });
        // TTL -1: the lease is gone (expired or revoked); its keys are deleted by etcd right after.
        const ttl = Number(res.TTL);
        this.expiries.set(id, ttl < 0 ? asked : asked + ttl * 1000);
      }),
    );
  }
}
