import type { FlannelLease, Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { citeAddress, citeFdb, citeLink, citeNeighbor } from '../cluster/cite.util';
import { networkOf } from '../net/ip-address.util';
import { citeLease } from './cite-datastore.util';
import { leaseOwner } from './lease-owner.util';

const vxlanLeases = (leases: FlannelLease[]): FlannelLease[] => leases.filter((l) => l.vtepMac !== null && l.backendType === 'vxlan');
const subnetAddress = (subnet: string): string => (networkOf(subnet) ?? subnet).split('/')[0];

/**
 * The VtepMAC a lease announces must be what the other nodes program: the FDB entry towards the lease's PublicIP
 * and the neighbour entry for the subnet's .0 address on the vxlan device (DESIGN.md, Flannel VXLAN row).
 */
export function checkLeaseVtepMacs(cluster: ClusterState, leases: FlannelLease[]): Finding[] {
  const findings: Finding[] = [];
  for (const lease of vxlanLeases(leases)) {
    const owner = leaseOwner(cluster, lease);
    const gateway = subnetAddress(lease.subnet);
    for (const node of cluster.nodes) {
      if (node === owner) continue;
      const vxlanDevs = new Set(node.links.filter((l) => l.kind === 'vxlan').map((l) => l.ifname));
      for (const f of node.fdb) {
        if (!vxlanDevs.has(f.dev) || f.dst !== lease.publicIp || f.mac === '00:00:00:00:00:00' || f.mac === lease.vtepMac) continue;
        findings.push({
          code: 'lease-vtep-mac-mismatch',
          severity: 'critical',
          node: node.name,
          subject: `${node.name}:${f.dev}:fdb:${lease.subnet}`,
          message: `${node.name}'s FDB sends ${f.mac} to ${lease.publicIp}, but the lease of ${lease.subnet} announces VtepMAC ${lease.vtepMac}`,
          evidence: [citeLease(lease), citeFdb(node.name, f)],
        });
      }
      for (const n of node.neighbors) {
        if (!vxlanDevs.has(n.dev) || n.dst !== gateway || !n.lladdr || n.lladdr === lease.vtepMac) continue;
        findings.push({
          code: 'lease-vtep-mac-mismatch',
          severity: 'critical',
          node: node.name,
          subject: `${node.name}:${n.dev}:neigh:${lease.subnet}`,
          message: `${node.name} resolves ${gateway} to ${n.lladdr} on ${n.dev}, but the lease of ${lease.subnet} announces VtepMAC ${lease.vtepMac}`,
          evidence: [citeLease(lease), citeNeighbor(node.name, n)],
        });
      }
    }
    const vtep = owner?.links.find((l) => l.kind === 'vxlan' && (lease.vni === null || l.vxlan?.vni === lease.vni) && l.ifname.startsWith('flannel.'));
    if (owner && vtep?.mac && vtep.mac !== lease.vtepMac) {
      findings.push({
        code: 'lease-vtep-mac-mismatch',
        severity: 'critical',
        node: owner.name,
        subject: `${owner.name}:${vtep.ifname}:lease:${lease.subnet}`,
        message: `${owner.name}'s ${vtep.ifname} has MAC ${vtep.mac}, but its lease of ${lease.subnet} announces ${lease.vtepMac}`,
        evidence: [citeLease(lease), citeLink(owner.name, vtep)],
      });
    }
  }
  return findings;
}

/** flanneld puts the subnet's network address as a /32 on flannel.<VNI>: another address means another lease. */
export function checkLeaseVtepAddresses(cluster: ClusterState, leases: FlannelLease[]): Finding[] {
  const findings: Finding[] = [];
  for (const lease of vxlanLeases(leases)) {
    const owner = leaseOwner(cluster, lease);
    if (!owner) continue;
    const dev = `flannel.${lease.vni ?? 1}`;
    const link = owner.links.find((l) => l.ifname === dev);
    if (!link) continue;
    const v4 = owner.addresses.filter((a) => a.ifname === dev && a.family === 'inet');
    const expected = subnetAddress(lease.subnet);
    if (v4.some((a) => a.local === expected)) continue;
    findings.push({
      code: 'lease-vtep-address-mismatch',
      severity: 'critical',
      node: owner.name,
      subject: `${owner.name}:${dev}:${lease.subnet}`,
      message:
        v4.length === 0
          ? `${owner.name}'s ${dev} has no IPv4 address, its lease is ${lease.subnet} (expected ${expected}/32)`
          : `${owner.name}'s ${dev} holds ${v4.map((a) => `${a.local}/${a.prefixlen}`).join(', ')}, but its lease is ${lease.subnet} (expected ${expected}/32)`,
      evidence: [citeLease(lease), ...(v4.length ? v4.map((a) => citeAddress(owner.name, a)) : [citeLink(owner.name, link)])],
    });
  }
  return findings;
}
