import type { Neighbor } from '@meshlens/model';
import { Badge } from '../badge';
import { joinDefined, type Column } from './column';
import { neighborStateTone } from './tone';

export const neighborColumns = (): Column<Neighbor>[] => [
  { id: 'dst', label: 'Address', sortType: 'ip', mono: true, text: (n) => n.dst },
  { id: 'lladdr', label: 'Link-layer address', sortType: 'text', mono: true, text: (n) => n.lladdr ?? '' },
  { id: 'dev', label: 'Dev', sortType: 'text', mono: true, text: (n) => n.dev },
  {
    id: 'state',
    label: 'State',
    sortType: 'text',
    text: (n) => n.state.join(','),
    render: (n) => <Badge tone={neighborStateTone(n.state)}>{n.state.join(', ') || 'none'}</Badge>,
  },
  { id: 'family', label: 'Family', sortType: 'text', text: (n) => n.family },
  {
    id: 'flags',
    label: 'Flags',
    sortType: 'text',
    text: (n) => joinDefined([n.router && 'router', n.proxy && 'proxy'], ','),
  },
];
