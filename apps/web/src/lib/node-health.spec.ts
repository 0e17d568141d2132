import type { Finding, NodeSummary } from '@meshlens/model';
import { nodeHealth, tallyFindings } from './node-health';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const base: NodeSummary = {
  name: 'node-1',
  hostname: 'node-1',
  kernel: '6.1.0',
  underlayAddresses: ['192.168.250.11'],
  modes: ['calico-bgp'],
  agentVersion: '0.1.0',
  firstSeen: '2026-11-24T11:00:00Z',
  lastSeen: '2026-11-24T11:59:58Z',
  lastSeq: 4,
  counts: { links: 1, addresses: 1, routes: 1, neighbors: 0, fdb: 0, bgpSessions: 2 },
  bgp: { socket: '/var/run/calico/bird.ctl', status: 'ok' },
};

describe('node health', () => {
  it('should be healthy when the node reports, BIRD answers and every peer is up', () => {
    expect(nodeHealth(base, NOW, { up: 2, expected: 2 })).toEqual({ tone: 'good', label: 'healthy', reasons: [] });
  });

  it('should be failing and say how many peers are down when a BGP edge is not up', () => {
    expect(nodeHealth(base, NOW, { up: 1, expected: 3 })).toMatchObject({
      tone: 'bad',
      reasons: ['2 of 3 BGP peers not up'],
    });
  });

  it('should be stale when the last report is older than three intervals', () => {
    expect(nodeHealth({ ...base, lastSeen: '2026-11-24T11:58:00Z' }, NOW)).toMatchObject({
      tone: 'warn',
      label: 'stale',
    });
  });

  it('should be degraded and name the collector when one failed', () => {
    const health = nodeHealth({ ...base, collectorErrors: [{ source: 'bird', message: 'connect ENOENT' }] }, NOW);
    expect(health).toMatchObject({
      tone: 'warn',
      label: 'degraded',
      reasons: ['collector bird failed: connect ENOENT'],
    });
  });

  it('should be failing when BIRD is unreachable even with no peer data', () => {
    const health = nodeHealth({ ...base, bgp: { socket: 's', status: 'unreachable', error: 'ECONNREFUSED' } }, NOW);
    expect(health.tone).toBe('bad');
    expect(health.reasons[0]).toBe('BIRD unreachable: ECONNREFUSED');
  });

  it('should count findings per node and severity, skipping cluster-wide ones', () => {
    const f = (node: string | undefined, severity: Finding['severity']): Finding => ({
      code: 'vxlan-fdb-missing',
      severity,
      node,
      subject: 's',
      message: 'm',
      evidence: [],
    });
    const tally = tallyFindings([f('a', 'critical'), f('a', 'warning'), f('a', 'critical'), f(undefined, 'critical')]);
    expect(Object.fromEntries(tally)).toEqual({ a: { critical: 2, warning: 1, info: 0 } });
  });
});
