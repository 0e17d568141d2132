import type { Encapsulation, PathExplanation, PathHop } from '@meshlens/model';
import { groupHopsByNode } from '../../lib/path-groups';
import { Badge, type BadgeTone } from '../badge';
import { CitationList } from '../citation-list';
import { NodeLink } from '../node-link';

const KIND_TONE: Record<PathHop['kind'], BadgeTone> = {
  source: 'neutral',
  route: 'info',
  bridge: 'info',
  neighbor: 'info',
  fdb: 'info',
  encapsulate: 'accent',
  underlay: 'neutral',
  decapsulate: 'accent',
  deliver: 'good',
};

const EncapsulationDetails = ({ e }: { e: Encapsulation }) => (
  <dl className="encap" aria-label="Encapsulation">
    {(
      [
        ['type', e.type],
        ['outer src', e.outerSrc ?? '—'],
        ['outer dst', e.outerDst],
        ['port', e.port ?? '—'],
        ['VNI', e.vni ?? '—'],
        ['overhead', `${e.overhead} B`],
        ['MTU', `${e.mtu}`],
      ] as const
    ).map(([label, value]) => (
      <div key={label}>
        <dt>{label}</dt>
        <dd className="mono">{value}</dd>
      </div>
    ))}
  </dl>
);

const Hop = ({ hop }: { hop: PathHop }) => (
  <li className={`hop hop-${hop.kind}`} data-testid="path-hop" data-kind={hop.kind}>
    <span className="hop-marker" aria-hidden="true" />
    <div className="hop-body">
      <div className="hop-head">
        <Badge tone={KIND_TONE[hop.kind]}>{hop.kind}</Badge>
        <span className="hop-description">{hop.description}</span>
      </div>
      {(hop.dev || hop.nextHop) && (
        <div className="hop-meta mono">
          {hop.dev && <span>dev {hop.dev}</span>}
          {hop.nextHop && <span>via {hop.nextHop}</span>}
        </div>
      )}
      {hop.encapsulation && <EncapsulationDetails e={hop.encapsulation} />}
      {hop.cites.length > 0 && <CitationList cites={hop.cites} />}
    </div>
  </li>
);

const STATUS_TONE: Record<PathExplanation['status'], BadgeTone> = {
  delivered: 'good',
  'leaves-cluster': 'info',
  broken: 'bad',
};

export const PathTimeline = ({ path }: { path: PathExplanation }) => (
  <section className="path-result" aria-label="Path">
    <p className="summary path-summary">
      <Badge tone={STATUS_TONE[path.status]}>{path.status}</Badge>
      <span className="mono">
        {path.src} {path.srcNode ? `(${path.srcNode})` : ''} → {path.dst} {path.dstNode ? `(${path.dstNode})` : ''}
      </span>
      <span>
        {path.hops.length} hop{path.hops.length === 1 ? '' : 's'}
      </span>
    </p>
    {path.warnings.length > 0 && (
      <ul className="path-warnings">
        {path.warnings.map((w) => (
          <li key={w}>
            <Badge tone="warn">warning</Badge> {w}
          </li>
        ))}
      </ul>
    )}
    <ol className="timeline">
      {groupHopsByNode(path.hops).map((group, i) => (
        <li key={`${group.node}|${i}`} className="timeline-node">
          <div className="timeline-node-name">
            <NodeLink name={group.node} />
          </div>
          <ol className="hops">
            {group.hops.map((hop, j) => (
              <Hop key={j} hop={hop} />
            ))}
          </ol>
        </li>
      ))}
    </ol>
    {path.failure && (
      <div className="path-failure" role="alert" data-testid="path-failure">
        <strong>
          Packet dropped on <span className="mono">{path.failure.node}</span>:{' '}
          <span className="mono">{path.failure.code}</span>
        </strong>
        <span>{path.failure.message}</span>
      </div>
    )}
    {path.status === 'delivered' && !path.failure && <div className="path-delivered">Delivered to {path.dst}</div>}
  </section>
);
