import type { Route } from '@meshlens/model';
import { Badge } from '../badge';
import { joinDefined, type Column } from './column';

const gateways = (r: Route): string =>
  r.nexthops?.length
    ? r.nexthops.map((h) => joinDefined([h.gateway, h.weight !== undefined && `w${h.weight}`])).join(', ')
    : (r.gateway ?? '');

const devices = (r: Route): string =>
  r.nexthops?.length ? [...new Set(r.nexthops.map((h) => h.dev).filter(Boolean))].join(', ') : (r.dev ?? '');

export const routeColumns = (): Column<Route>[] => [
  { id: 'dst', label: 'Destination', sortType: 'ip', mono: true, text: (r) => r.dst },
  {
    id: 'type',
    label: 'Type',
    sortType: 'text',
    text: (r) => r.type,
    render: (r) =>
      r.type === 'unicast' ? (
        'unicast'
      ) : (
        <Badge tone={r.type === 'blackhole' || r.type === 'unreachable' || r.type === 'prohibit' ? 'bad' : 'neutral'}>
          {r.type}
        </Badge>
      ),
  },
  {
    id: 'via',
    label: 'Via',
    title: 'gateway (or next hops of a multipath route)',
    sortType: 'ip',
    mono: true,
    text: gateways,
  },
  { id: 'dev', label: 'Dev', sortType: 'text', mono: true, text: devices },
  { id: 'protocol', label: 'Proto', sortType: 'text', text: (r) => r.protocol },
  { id: 'scope', label: 'Scope', sortType: 'text', text: (r) => r.scope },
  { id: 'metric', label: 'Metric', sortType: 'number', numeric: true, text: (r) => String(r.metric) },
  { id: 'table', label: 'Table', sortType: 'text', text: (r) => r.table },
  { id: 'family', label: 'Family', sortType: 'text', text: (r) => r.family },
  {
    id: 'prefsrc',
    label: 'Src',
    title: 'preferred source address',
    sortType: 'ip',
    mono: true,
    text: (r) => r.prefsrc ?? '',
  },
  {
    id: 'flags',
    label: 'Flags',
    sortType: 'text',
    text: (r) =>
      joinDefined(
        [...r.flags, ...(r.nexthops ?? []).flatMap((h) => h.flags), r.mtu !== undefined && `mtu ${r.mtu}`],
        ',',
      ),
  },
];
