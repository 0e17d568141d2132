import type { Link } from '@meshlens/model';
import { buildLinkRelations, describeLinkRelation } from '../../lib/link-relations';
import { Badge } from '../badge';
import type { Column } from './column';
import { linkKindTone, operstateTone } from './tone';

/** Built per fetch: the relation column (veth peer, bridge ports) looks at the other links of the node. */
export const linkColumns = (links: readonly Link[]): Column<Link>[] => {
  const relations = buildLinkRelations(links);
  return [
    { id: 'ifindex', label: '#', title: 'ifindex', sortType: 'number', numeric: true, text: (l) => String(l.ifindex) },
    { id: 'ifname', label: 'Name', sortType: 'text', mono: true, text: (l) => l.ifname },
    {
      id: 'kind',
      label: 'Kind',
      sortType: 'text',
      text: (l) => l.kind,
      render: (l) => <Badge tone={linkKindTone(l.kind)}>{l.kind}</Badge>,
    },
    {
      id: 'state',
      label: 'State',
      sortType: 'text',
      text: (l) => l.operstate,
      render: (l) => <Badge tone={operstateTone(l.operstate)}>{l.operstate}</Badge>,
    },
    { id: 'mtu', label: 'MTU', sortType: 'number', numeric: true, text: (l) => String(l.mtu) },
    { id: 'mac', label: 'MAC', sortType: 'text', mono: true, text: (l) => l.mac ?? '' },
    { id: 'master', label: 'Master', sortType: 'text', mono: true, text: (l) => l.master ?? '' },
    {
      id: 'relation',
      label: 'Peer / ports / tunnel',
      title: 'veth peer, bridge ports (links whose master is this bridge), vxlan VNI/port/local/underlay',
      sortType: 'text',
      mono: true,
      text: (l) => describeLinkRelation(l, relations),
    },
    { id: 'flags', label: 'Flags', sortType: 'text', text: (l) => l.flags.join(',') },
  ];
};
