import type { BgpSession } from '@meshlens/model';
import { Badge } from '../badge';
import { joinDefined, type Column } from './column';
import { bgpStateTone } from './tone';

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

export const bgpSessionColumns = (): Column<BgpSession>[] => [
  { id: 'name', label: 'Protocol', sortType: 'text', mono: true, text: (s) => s.name },
  {
    id: 'bgpState',
    label: 'BGP state',
    sortType: 'text',
    text: (s) => s.bgpState,
    render: (s) => <Badge tone={bgpStateTone(s.bgpState)}>{s.bgpState}</Badge>,
  },
  { id: 'state', label: 'BIRD state', sortType: 'text', text: (s) => s.state },
  { id: 'neighbor', label: 'Neighbour', sortType: 'ip', mono: true, text: (s) => s.neighborAddress ?? '' },
  {
    id: 'as',
    label: 'AS (local → peer)',
    sortType: 'text',
    text: (s) => joinDefined([num(s.localAs), s.neighborAs !== undefined && `→ ${s.neighborAs}`]),
  },
  { id: 'since', label: 'Since', sortType: 'text', mono: true, text: (s) => s.since ?? '' },
  {
    id: 'imported',
    label: 'Imp',
    title: 'routes imported',
    sortType: 'number',
    numeric: true,
    text: (s) => num(s.routesImported),
  },
  {
    id: 'exported',
    label: 'Exp',
    title: 'routes exported',
    sortType: 'number',
    numeric: true,
    text: (s) => num(s.routesExported),
  },
  {
    id: 'hold',
    label: 'Hold',
    title: 'hold timer (left/configured)',
    sortType: 'text',
    mono: true,
    text: (s) => s.holdTimer ?? '',
  },
  {
    id: 'info',
    label: 'Info / last error',
    sortType: 'text',
    // BIRD's info column usually repeats the last error ("Active  Socket: Connection refused"): show it once.
    text: (s) =>
      joinDefined([s.info, s.lastError && !s.info?.includes(s.lastError) && `last error: ${s.lastError}`], ' · '),
  },
];
