import type { NodeSummary } from '@meshlens/model';
import Link from 'next/link';
import { withAt } from '../lib/at-param';
import { nodePageHref } from '../lib/node-page-state';
import { NODE_TAB_SPECS, NODE_TABS, type NodeTab } from '../lib/node-tabs';

const COUNT_OF: Partial<Record<NodeTab, keyof NodeSummary['counts']>> = {
  links: 'links',
  addresses: 'addresses',
  routes: 'routes',
  neighbors: 'neighbors',
  fdb: 'fdb',
  bgp: 'bgpSessions',
};

export const NodeTabsNav = ({ node, current, at }: { node: NodeSummary; current: NodeTab; at?: string }) => (
  <nav className="tabs" aria-label="Node tables">
    {NODE_TABS.map((tab) => {
      const countKey = COUNT_OF[tab];
      return (
        <Link
          key={tab}
          href={withAt(nodePageHref(node.name, { tab }), at)}
          className={tab === current ? 'tab active' : 'tab'}
          aria-current={tab === current ? 'page' : undefined}
        >
          {NODE_TAB_SPECS[tab].label}
          {countKey && <span className="tab-count">{node.counts[countKey]}</span>}
        </Link>
      );
    })}
  </nav>
);
