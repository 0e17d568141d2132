import type { CniConfig } from '@meshlens/model';
import { Badge } from '../badge';
import type { Column } from './column';

export const cniConfigColumns = (): Column<CniConfig>[] => [
  { id: 'file', label: 'File', sortType: 'text', mono: true, text: (c) => c.file },
  { id: 'name', label: 'Network', sortType: 'text', text: (c) => c.name ?? '' },
  { id: 'plugin', label: 'Plugin', sortType: 'text', text: (c) => c.plugin ?? '' },
  { id: 'mode', label: 'Mode', sortType: 'text', text: (c) => c.mode ?? '' },
  { id: 'plugins', label: 'Chain', sortType: 'text', mono: true, text: (c) => c.plugins.join(' → ') },
  { id: 'cniVersion', label: 'CNI version', sortType: 'text', text: (c) => c.cniVersion ?? '' },
  {
    id: 'error',
    label: 'Error',
    sortType: 'text',
    text: (c) => c.error ?? '',
    render: (c) => (c.error ? <Badge tone="bad">{c.error}</Badge> : ''),
  },
];
