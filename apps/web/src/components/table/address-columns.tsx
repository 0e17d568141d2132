import type { Address } from '@meshlens/model';
import { joinDefined, type Column } from './column';

export const addressColumns = (): Column<Address>[] => [
  { id: 'ifname', label: 'Dev', sortType: 'text', mono: true, text: (a) => a.ifname },
  { id: 'address', label: 'Address', sortType: 'ip', mono: true, text: (a) => `${a.local}/${a.prefixlen}` },
  { id: 'family', label: 'Family', sortType: 'text', text: (a) => a.family },
  { id: 'scope', label: 'Scope', sortType: 'text', text: (a) => a.scope },
  { id: 'peer', label: 'Peer', sortType: 'ip', mono: true, text: (a) => a.peer ?? '' },
  { id: 'broadcast', label: 'Broadcast', sortType: 'ip', mono: true, text: (a) => a.broadcast ?? '' },
  { id: 'label', label: 'Label', sortType: 'text', mono: true, text: (a) => a.label ?? '' },
  { id: 'flags', label: 'Flags', sortType: 'text', text: (a) => joinDefined([a.dynamic && 'dynamic']) },
];
