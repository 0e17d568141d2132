import type { FdbEntry } from '@meshlens/model';
import type { Column } from './column';

export const fdbColumns = (): Column<FdbEntry>[] => [
  { id: 'mac', label: 'MAC', sortType: 'text', mono: true, text: (f) => f.mac },
  { id: 'dev', label: 'Dev', sortType: 'text', mono: true, text: (f) => f.dev },
  {
    id: 'dst',
    label: 'Dst (VTEP)',
    title: 'remote VTEP underlay address',
    sortType: 'ip',
    mono: true,
    text: (f) => f.dst ?? '',
  },
  {
    id: 'vni',
    label: 'VNI',
    sortType: 'number',
    numeric: true,
    text: (f) => (f.vni === undefined ? '' : String(f.vni)),
  },
  {
    id: 'vlan',
    label: 'VLAN',
    sortType: 'number',
    numeric: true,
    text: (f) => (f.vlan === undefined ? '' : String(f.vlan)),
  },
  { id: 'master', label: 'Master', sortType: 'text', mono: true, text: (f) => f.master ?? '' },
  { id: 'flags', label: 'Flags', sortType: 'text', text: (f) => f.flags.join(',') },
  { id: 'state', label: 'State', sortType: 'text', text: (f) => f.state || 'learned' },
];
