import type { NodeSummary } from '@meshlens/model';
import Link from 'next/link';
import { Badge } from '../badge';
import { LastSeen } from '../now-context';
import type { Column } from './column';

const count = (id: keyof NodeSummary['counts'], label: string): Column<NodeSummary> => ({
  id,
  label,
  sortType: 'number',
  numeric: true,
  text: (n) => String(n.counts[id]),
});

const bgpText = (n: NodeSummary): string =>
  !n.bgp ? '' : n.bgp.status === 'ok' ? `${n.counts.bgpSessions} sessions` : n.bgp.status;

export const nodeSummaryColumns = (): Column<NodeSummary>[] => [
  {
    id: 'name',
    label: 'Node',
    sortType: 'text',
    mono: true,
    text: (n) => n.name,
    render: (n) => (
      <Link className="node-link" href={`/nodes/${encodeURIComponent(n.name)}`}>
        {n.name}
      </Link>
    ),
  },
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
