import type { Link } from '@meshlens/model';
import { buildLinkRelations, describeLinkRelation } from './link-relations';

// One Flannel VXLAN node: eth0 underlay, cni0 bridge with two pod veths (peers in pod namespaces), flannel.1.
const base: Link = {
  ifindex: 1,
  ifname: 'lo',
  kind: 'loopback',
  mtu: 65536,
  operstate: 'UNKNOWN',
  flags: ['LOOPBACK', 'UP'],
};
const eth0: Link = {
  ...base,
  ifindex: 2,
  ifname: 'eth0',
  kind: 'veth',
  operstate: 'UP',
  mtu: 1500,
  peerIfindex: 3,
  peerNetnsId: 0,
};
const cni0: Link = { ...base, ifindex: 4, ifname: 'cni0', kind: 'bridge', operstate: 'UP', mtu: 1450 };
const vethB: Link = {
  ...base,
  ifindex: 6,
  ifname: 'veth10b',
  kind: 'veth',
  master: 'cni0',
  peerIfindex: 2,
  peerNetnsId: 2,
};
const vethA: Link = {
  ...base,
  ifindex: 5,
  ifname: 'veth9a',
  kind: 'veth',
  master: 'cni0',
  peerIfindex: 2,
  peerNetnsId: 1,
};
const flannel: Link = {
  ...base,
  ifindex: 7,
  ifname: 'flannel.1',
  kind: 'vxlan',
  mtu: 1450,
  vxlan: { vni: 1, port: 8472, local: '192.168.56.11', underlayDev: 'eth0', learning: false },
};
const localPairA: Link = { ...base, ifindex: 8, ifname: 'vA', kind: 'veth', peerIfindex: 9 };
const localPairB: Link = { ...base, ifindex: 9, ifname: 'vB', kind: 'veth', peerIfindex: 8 };
const links = [base, eth0, cni0, vethB, vethA, flannel, localPairA, localPairB];
const relations = buildLinkRelations(links);

describe('describeLinkRelation', () => {
  it('should list a bridge ports in natural order when links name it as master', () => {
    expect(describeLinkRelation(cni0, relations)).toBe('ports veth9a, veth10b');
  });

  it('should name the peer index and namespace when a veth peer lives in another namespace', () => {
    expect(describeLinkRelation(vethA, relations)).toBe('peer if2 in netns 1');
  });

  it('should resolve the peer name when both veth ends are in the same namespace', () => {
    expect(describeLinkRelation(localPairA, relations)).toBe('peer vB');
    expect(describeLinkRelation(localPairB, relations)).toBe('peer vA');
  });

  it('should show VNI, port, local address and underlay when the link is vxlan', () => {
    expect(describeLinkRelation(flannel, relations)).toBe(
      'VNI 1 · port 8472 · local 192.168.56.11 · underlay eth0 · nolearning',
    );
  });

  it('should say a bridge has no ports when nothing is enslaved to it', () => {
    expect(describeLinkRelation(cni0, buildLinkRelations([cni0]))).toBe('no ports');
  });

  it('should say nothing when a plain link has no relation', () => {
    expect(describeLinkRelation(base, relations)).toBe('');
  });
});
