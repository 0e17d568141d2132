import type { NodeSummary } from '@meshlens/model';
import { render, screen, within } from '@testing-library/react';
import { NowProvider } from '../now-context';
import { DataTable } from './data-table';

const now = Date.parse('2026-01-01T12:00:00.000Z');
const node: NodeSummary = {
  name: 'node-a',
  hostname: 'node-a',
  kernel: '6.1.0',
  underlayAddresses: ['192.168.50.1'],
  modes: ['flannel-vxlan'],
  agentVersion: '0.1.0',
  firstSeen: '2026-01-01T11:00:00.000Z',
  lastSeen: new Date(now - 5_000).toISOString(),
  lastSeq: 12,
  counts: { links: 7, addresses: 14, routes: 48, neighbors: 10, fdb: 31, bgpSessions: 0 },
  bgp: null,
};
const silent: NodeSummary = {
  ...node,
  name: 'node-b',
  modes: ['calico-bgp'],
  lastSeen: new Date(now - 120_000).toISOString(),
  bgp: { socket: '/var/run/calico/bird.ctl', status: 'unreachable', error: 'connect ENOENT' },
};

const rowOf = (name: string) => screen.getByRole('link', { name }).closest('tr') as HTMLElement;

describe('nodes table', () => {
  it('should mark a node stale when its last report is older than 30 s', () => {
    render(
      <NowProvider serverNow={now}>
        <DataTable kind="nodes" rows={[node, silent]} noun="nodes" />
      </NowProvider>,
    );
    expect(within(rowOf('node-a')).queryByText('stale')).toBeNull();
    expect(within(rowOf('node-a')).getByText('5 s ago')).toBeTruthy();
    expect(within(rowOf('node-b')).getByText('stale')).toBeTruthy();
    expect(within(rowOf('node-b')).getByText('2 min ago')).toBeTruthy();
  });

  it('should link each node to its page and show modes and BGP status when rendered', () => {
    render(
      <NowProvider serverNow={now}>
        <DataTable kind="nodes" rows={[node, silent]} noun="nodes" />
      </NowProvider>,
    );
    expect(screen.getByRole('link', { name: 'node-a' }).getAttribute('href')).toBe('/nodes/node-a');
    expect(within(rowOf('node-a')).getByText('flannel-vxlan')).toBeTruthy();
    expect(within(rowOf('node-b')).getByText('unreachable').getAttribute('title')).toBe('connect ENOENT');
  });
});
