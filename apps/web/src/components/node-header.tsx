import type { NodeSummary } from '@meshlens/model';
import { Badge } from './badge';
import { LastSeen } from './now-context';

const Field = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="field">
    <dt>{label}</dt>
    <dd>{children}</dd>
  </div>
);

export const NodeHeader = ({ node }: { node: NodeSummary }) => (
  <div className="node-header">
    <div className="node-title">
      <h1 className="mono">{node.name}</h1>
      <span className="badges">
        {node.modes.map((m) => (
          <Badge key={m} tone={m.startsWith('calico') ? 'warn' : 'accent'}>
            {m}
          </Badge>
        ))}
      </span>
    </div>
    <dl className="fields">
      <Field label="Hostname">{node.hostname}</Field>
      <Field label="Underlay">
        <span className="mono">{node.underlayAddresses.join(', ') || '—'}</span>
      </Field>
      <Field label="Kernel">
        <span className="mono">{node.kernel ?? '—'}</span>
      </Field>
      <Field label="Agent">{node.agentVersion}</Field>
      <Field label="BGP">
        {!node.bgp ? (
          '—'
        ) : (
          <span title={node.bgp.error ?? node.bgp.socket}>
            <Badge tone={node.bgp.status === 'ok' ? 'good' : node.bgp.status === 'missing' ? 'neutral' : 'bad'}>
              {node.bgp.status}
            </Badge>{' '}
            {node.bgp.version && <span className="muted">BIRD {node.bgp.version}</span>}
          </span>
        )}
      </Field>
      <Field label="Last seen">
        <LastSeen iso={node.lastSeen} />
      </Field>
      <Field label="Last report">#{node.lastSeq}</Field>
    </dl>
  </div>
);
