import { bgpPeersOf, planLab } from './lab-plan';

describe('planLab', () => {
  const plan = planLab({ nodes: 10, podsPerNode: 2, routeReflector: false, prefix: 'mlab', stateDir: '/tmp/lab' });

  it('should give every node its own underlay address, /26 block and /24 subnets when ten nodes are planned', () => {
    const node10 = plan.nodes[9];
    expect(node10).toMatchObject({
      name: 'node-10',
      netns: 'mlab-node-10',
      underlayIp: '172.31.250.20',
      calicoBlock: '10.201.2.64/26',
      vxlanSubnet: '10.244.10.0/24',
      hostGwSubnet: '10.245.10.0/24',
    });
    expect(new Set(plan.nodes.map((n) => n.calicoBlock)).size).toBe(10);
  });

  it('should name host-side veths like Calico and Flannel within the 15-character limit', () => {
    const ifaces = plan.nodes.flatMap((n) => n.pods.map((p) => p.hostIface));
    expect(ifaces.filter((i) => i.startsWith('cali')).every((i) => /^cali[0-9a-f]{11}$/.test(i))).toBe(true);
    expect(ifaces.filter((i) => i.startsWith('veth')).every((i) => /^veth[0-9a-f]{8}$/.test(i))).toBe(true);
    expect(new Set(ifaces).size).toBe(ifaces.length);
  });

  it('should start Calico pods at ordinal 0 of the block when pods are planned', () => {
    expect(plan.nodes[1].pods.filter((p) => p.kind === 'calico').map((p) => p.ip)).toEqual(['10.201.0.64', '10.201.0.65']);
  });

  it('should peer clients only with node-1 when a route reflector is used', () => {
    const rr = { ...plan, routeReflector: true };
    expect(bgpPeersOf(rr, plan.nodes[0])).toHaveLength(9);
    expect(bgpPeersOf(rr, plan.nodes[0]).every((p) => p.rrClient && p.name.startsWith('Node_'))).toBe(true);
    expect(bgpPeersOf(rr, plan.nodes[4])).toEqual([{ name: 'Node_172_31_250_11', ip: '172.31.250.11', rrClient: false }]);
    expect(bgpPeersOf(plan, plan.nodes[4])).toHaveLength(9);
  });
});
