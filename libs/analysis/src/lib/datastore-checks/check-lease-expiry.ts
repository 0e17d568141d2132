import type { FlannelLease, Finding } from '@meshlens/model';
import { citeLease } from './cite-datastore.util';

/**
 * flanneld renews its lease one hour before it expires (subnetRenewMargin); a lease with less time left than that,
 * minus some slack, was not renewed: flanneld is down or cannot reach etcd, and etcd deletes the key at expiry.
 */
export const LEASE_EXPIRING_WITHIN_MS = 50 * 60 * 1000;

export function checkLeaseExpiry(leases: FlannelLease[], now: Date, expiringWithinMs = LEASE_EXPIRING_WITHIN_MS): Finding[] {
  const findings: Finding[] = [];
  for (const lease of leases) {
    if (!lease.expiresAt) continue;
    const left = Date.parse(lease.expiresAt) - now.getTime();
    const who = lease.node ?? lease.publicIp;
    if (left <= 0) {
      findings.push({
        code: 'lease-expired',
        severity: 'critical',
        node: lease.node ?? undefined,
        subject: `lease:${lease.prefix}:${lease.subnet}`,
        message: `lease of ${lease.subnet} (${who}) expired at ${lease.expiresAt}`,
        evidence: [citeLease(lease)],
      });
    } else if (left < expiringWithinMs) {
      findings.push({
        code: 'lease-expiring',
        severity: 'warning',
        node: lease.node ?? undefined,
        subject: `lease:${lease.prefix}:${lease.subnet}`,
        message: `lease of ${lease.subnet} (${who}) expires in ${Math.round(left / 60000)} min and was not renewed`,
        evidence: [citeLease(lease)],
      });
    }
  }
  return findings;
}
