import type { Finding } from '@meshlens/model';
import { Badge, type BadgeTone } from './badge';
import { CitationList } from './citation-list';
import { NodeLink } from './node-link';

const TONE: Record<Finding['severity'], BadgeTone> = { critical: 'bad', warning: 'warn', info: 'info' };
const RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1, info: 2 };

/** Findings, most severe first, each with the rows that show it folded away. */
export const FindingsList = ({ findings, limit = 50 }: { findings: readonly Finding[]; limit?: number }) => {
  const sorted = [...findings].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || a.subject.localeCompare(b.subject),
  );
  return (
    <ul className="findings" aria-label="Findings">
      {sorted.slice(0, limit).map((f) => (
        <li key={`${f.code}|${f.subject}`} className={`finding finding-${f.severity}`}>
          <div className="finding-head">
            <Badge tone={TONE[f.severity]}>{f.severity}</Badge>
            <span className="mono finding-code">{f.code}</span>
            {f.node && <NodeLink name={f.node} className="node-link mono" />}
          </div>
          <p className="finding-message">{f.message}</p>
          {f.evidence.length > 0 && (
            <CitationList cites={f.evidence} summary={`${f.evidence.length} rows as evidence`} />
          )}
        </li>
      ))}
      {sorted.length > limit && <li className="muted">… and {sorted.length - limit} more</li>}
    </ul>
  );
};
