import type { Citation } from '@meshlens/model';

/** The table rows a conclusion rests on, folded: table, key, and the row as JSON. */
export const CitationList = ({ cites, summary }: { cites: readonly Citation[]; summary?: string }) => (
  <details className="cites">
    <summary>{summary ?? `${cites.length} cited row${cites.length === 1 ? '' : 's'}`}</summary>
    <ul>
      {cites.map((c, i) => (
        <li key={`${c.node}|${c.table}|${c.key}|${i}`}>
          <div className="cite-head">
            <span className="badge">{c.table}</span> <span className="mono">{c.node}</span>{' '}
            <span className="mono cite-key">{c.key}</span>
          </div>
          <pre className="cite-row">{JSON.stringify(c.row, null, 2)}</pre>
        </li>
      ))}
    </ul>
  </details>
);
