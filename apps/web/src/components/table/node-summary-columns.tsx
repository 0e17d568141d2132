import type { NodeSummary } from '@meshlens/model';
import type { NodeRow } from '../../lib/node-health';
import { Badge } from '../badge';
import { NodeLink } from '../node-link';
import { LastSeen } from '../now-context';
import type { Column } from './column';

const count = (id: keyof NodeSummary['counts'], label: string): Column<NodeRow> => ({
  id,
  label,
  sortType: 'number',
  numeric: true,
  text: (n) => String(n.counts[id]),
});

const bgpText = (n: NodeSummary): string =>
  !n.bgp ? '' : n.bgp.status === 'ok' ? `${n.counts.bgpSessions} sessions` : n.bgp.status;

const peersText = (n: NodeRow): string => (n.peers ? `${n.peers.up}/${n.peers.expected}` : '');

/** Health and peer columns appear only when the page could compute them (topology and checks answered). */
const healthColumns = (rows: readonly NodeRow[]): Column<NodeRow>[] => [
  ...(rows.some((n) => n.health)
    ? [
        {
          id: 'health',
          label: 'Health',
          sortType: 'text' as const,
          text: (n: NodeRow) => n.health?.label ?? '',
          sortValue: (n: NodeRow) => ({ bad: 0, warn: 1, good: 2 })[n.health?.tone ?? 'good'],
          render: (n: NodeRow) =>
            n.health && (
              <Badge tone={n.health.tone} title={n.health.reasons.join('\n') || 'no problem seen'}>
                {n.health.label}
              </Badge>
            ),
        },
      ]
    : []),
  ...(rows.some((n) => n.peers)
    ? [
        {
          id: 'peers',
          label: 'BGP peers',
          title: 'BGP sessions up out of the sessions the topology expects for this node',
          sortType: 'number' as const,
          numeric: true,
          text: peersText,
          sortValue: (n: NodeRow) => (n.peers ? n.peers.up - n.peers.expected : 1),
          render: (n: NodeRow) =>
            n.peers ? (
              <Badge tone={n.peers.up === n.peers.expected ? 'good' : 'bad'}>{peersText(n)}</Badge>
            ) : (
              <span className="muted">—</span>
            ),
        },
      ]
    : []),
  ...(rows.some((n) => n.findings)
    ? [
        {
          id: 'findings',
          label: 'Findings',
          sortType: 'number' as const,
          numeric: true,
          text: (n: NodeRow) =>
            String((n.findings?.critical ?? 0) + (n.findings?.warning ?? 0) + (n.findings?.info ?? 0)),
          render: (n: NodeRow) => {
            const f = n.findings;
            const total = (f?.critical ?? 0) + (f?.warning ?? 0) + (f?.info ?? 0);
            if (!f || total === 0) return <span className="muted">0</span>;
            return (
              <Badge
                tone={f.critical ? 'bad' : f.warning ? 'warn' : 'info'}
                title={`${f.critical} critical, ${f.warning} warnings, ${f.info} info`}
              >
                {total}
              </Badge>
            );
          },
        },
      ]
    : []),
];

export const nodeSummaryColumns = (rows: readonly NodeRow[] = []): Column<NodeRow>[] => [
  {
    id: 'name',
    label: 'Node',
    sortType: 'text',
    mono: true,
    text: (n) => n.name,
    render: (n) => <NodeLink name={n.name} />,
  },
  ...healthColumns(rows),
  { id: 'hostname', label: 'Hostname', sortType: 'text', text: (n) => n.hostname },
  {
    id: 'modes',
    label: 'Modes',
    sortType: 'text',
    text: (n) => n.modes.join(' '),
    render: (n) =>
      n.modes.length ? (
        <span className="badges">
          {n.modes.map((m) => (
            <Badge key={m} tone={m.startsWith('calico') ? 'warn' : 'accent'}>
              {m}
            </Badge>
          ))}
        </span>
      ) : (
        <span className="muted">none detected</span>
      ),
  },
  { id: 'underlay', label: 'Underlay', sortType: 'ip', mono: true, text: (n) => n.underlayAddresses.join(', ') },
  count('routes', 'Routes'),
  count('links', 'Links'),
  count('neighbors', 'Neigh'),
  count('fdb', 'FDB'),
  {
    id: 'bgp',
    label: 'BGP',
    sortType: 'text',
    text: bgpText,
    render: (n) =>
      !n.bgp ? (
        <span className="muted">—</span>
      ) : (
        <Badge
          tone={n.bgp.status === 'ok' ? 'good' : n.bgp.status === 'missing' ? 'neutral' : 'bad'}
          title={n.bgp.error ?? n.bgp.socket}
        >
          {bgpText(n)}
        </Badge>
      ),
  },
  {
    id: 'lastSeen',
    label: 'Last seen',
    sortType: 'number',
    text: (n) => n.lastSeen,
    sortValue: (n) => Date.parse(n.lastSeen),
    render: (n) => <LastSeen iso={n.lastSeen} />,
  },
];
