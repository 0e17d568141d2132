import type { PathExplanation, Topology } from '@meshlens/model';
import type { Metadata } from 'next';
import { ErrorBanner } from '../../components/error-banner';
import { PathTimeline } from '../../components/path/path-timeline';
import { fetchPath, fetchTopology } from '../../lib/api/api-client';
import { parseAt } from '../../lib/at-param';
import type { RawSearchParams } from '../../lib/node-page-state';
import { podAddresses } from '../../lib/path-groups';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Path' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function PathPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = await searchParams;
  const at = parseAt(params['at']);
  const src = first(params['src']);
  const dst = first(params['dst']);
  let topology: Topology | undefined;
  let path: PathExplanation | undefined;
  let failure: unknown;
  const [topologyResult, pathResult] = await Promise.allSettled([
    fetchTopology(at),
    src && dst ? fetchPath(src, dst, at) : Promise.resolve(undefined),
  ]);
  if (topologyResult.status === 'fulfilled') topology = topologyResult.value;
  if (pathResult.status === 'fulfilled') path = pathResult.value;
  else failure = pathResult.reason;
  const pods = topology ? podAddresses(topology) : [];
  return (
    <>
      <div className="page-header">
        <h1>Path</h1>
        <p className="summary">
          How a packet from one pod reaches another, hop by hop, with the table rows each step used
          {at && <span className="badge badge-warn">as of {at}</span>}
        </p>
      </div>
      <form className="filters path-form" method="get" action="/path">
        <label>
          From
          <input name="src" list="pod-ips" defaultValue={src} placeholder="10.244.1.10" required spellCheck={false} />
        </label>
        <span aria-hidden="true">→</span>
        <label>
          To
          <input name="dst" list="pod-ips" defaultValue={dst} placeholder="10.244.2.10" required spellCheck={false} />
        </label>
        {at && <input type="hidden" name="at" value={at} />}
        <button type="submit">Explain</button>
        <datalist id="pod-ips">
          {pods.map((p) => (
            <option key={`${p.node}|${p.ip}`} value={p.ip}>
              {`${p.node} ${p.dev}`}
            </option>
          ))}
        </datalist>
        <span className="muted">{pods.length} pod addresses known</span>
      </form>
      {failure !== undefined && <ErrorBanner error={failure} />}
      {path && <PathTimeline path={path} />}
      {!src && !dst && pods.length === 0 && topology && (
        <div className="empty-state">
          <h2>No pod known yet</h2>
          <p>Type any two addresses: the walk starts on the node that owns the source.</p>
        </div>
      )}
    </>
  );
}
