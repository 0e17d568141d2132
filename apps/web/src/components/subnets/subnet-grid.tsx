'use client';
import { routeSchema, type Route } from '@meshlens/model';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { parseAt, withAt } from '../../lib/at-param';
import type { AddressCell } from '../../lib/subnets/address-space';
import { nodeColour } from '../../lib/subnets/node-colour';
import type { SubnetMapSpec } from '../../lib/subnets/subnet-maps';
import { NodeLink } from '../node-link';

/** "0%" would hide a used block: anything above zero reads at least "<1%". */
const formatShare = (part: number, whole: number): string => {
  const share = whole ? part / whole : 0;
  return share > 0 && share < 0.01 ? '<1%' : `${Math.round(share * 100)}%`;
};

const cellTitle = (cell: AddressCell): string =>
  cell.allocations.length === 0
    ? `${cell.cidr}: free`
    : `${cell.cidr}: ${cell.allocations.map((a) => `${a.node ?? 'unaffine'} (${a.source})`).join(', ')}`;

/** Routes the node has into the selected block, read through the web's /api proxy. */
const NodeRoutes = ({ node, cidr }: { node: string; cidr: string }) => {
  const at = parseAt(useSearchParams()?.get('at') ?? undefined);
  const [routes, setRoutes] = useState<Route[] | string | undefined>();
  useEffect(() => {
    let cancelled = false;
    const url = withAt(`/api/v1/nodes/${encodeURIComponent(node)}/routes?prefix=${encodeURIComponent(cidr)}`, at);
    fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const parsed = z.array(routeSchema).safeParse(await response.json());
        if (!parsed.success) throw new Error('routes not understood');
        if (!cancelled) setRoutes(parsed.data);
      })
      .catch((error: Error) => !cancelled && setRoutes(error.message));
    return () => {
      cancelled = true;
    };
  }, [node, cidr, at]);
  if (routes === undefined) return <p className="muted">loading routes…</p>;
  if (typeof routes === 'string') return <p className="muted">routes unavailable: {routes}</p>;
  if (routes.length === 0)
    return (
      <p className="muted">
        no route of {node} lies inside {cidr}
      </p>
    );
  return (
    <ul className="route-lines mono">
      {routes.slice(0, 12).map((r, i) => (
        <li key={i}>
          {r.type && r.type !== 'unicast' ? `${r.type} ` : ''}
          {r.dst}
          {r.gateway ? ` via ${r.gateway}` : ''}
          {r.dev ? ` dev ${r.dev}` : ''}
          {r.protocol ? ` proto ${r.protocol}` : ''}
          {r.scope && r.scope !== 'global' ? ` scope ${r.scope}` : ''}
        </li>
      ))}
      {routes.length > 12 && <li className="muted">… {routes.length - 12} more</li>}
    </ul>
  );
};

const CellDetails = ({ cell }: { cell: AddressCell }) => {
  const at = parseAt(useSearchParams()?.get('at') ?? undefined);
  return (
    <aside className="cell-details" aria-label="Selected block" data-testid="cell-details">
      <h3 className="mono">{cell.cidr}</h3>
      {cell.conflict && <p className="badge badge-bad">claimed by more than one node</p>}
      {cell.allocations.length === 0 && <p className="muted">Free: no lease, block or pod subnet here.</p>}
      {cell.allocations.map((a, i) => (
        <div key={i} className="cell-allocation">
          <div>
            <span className="legend-dot" style={{ background: nodeColour(a.node) }} />{' '}
            {a.node ? <NodeLink name={a.node} /> : <span className="muted">no node</span>}{' '}
            <span className="mono">{a.cidr}</span>
          </div>
          <div className="muted">{a.source}</div>
          {a.utilisation !== undefined && (
            <div className="util-bar" title={`${Math.round(a.utilisation * 100)}% allocated`}>
              <span style={{ width: `${Math.round(a.utilisation * 100)}%` }} />
            </div>
          )}
          {a.node && (
            <>
              <NodeRoutes node={a.node} cidr={a.cidr} />
              <a
                href={withAt(
                  `/nodes/${encodeURIComponent(a.node)}?tab=routes&prefix=${encodeURIComponent(a.cidr)}`,
                  at,
                )}
              >
                all routes of {a.node} in {a.cidr} →
              </a>
            </>
          )}
        </div>
      ))}
    </aside>
  );
};

export const SubnetGrid = ({ spec }: { spec: SubnetMapSpec }) => {
  const [selected, setSelected] = useState<number | undefined>();
  const { map } = spec;
  const columns = map.cells.length >= 1024 ? 64 : map.cells.length >= 64 ? 32 : Math.max(map.cells.length, 1);
  const nodes = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of map.cells)
      for (const a of c.allocations) counts.set(a.node ?? '(unaffine)', (counts.get(a.node ?? '(unaffine)') ?? 0) + 1);
    return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
  }, [map]);
  const conflicts = map.cells.filter((c) => c.conflict).length;
  const cell = selected === undefined ? undefined : map.cells[selected];
  return (
    <section className="subnet-map" aria-label={spec.title} data-testid="subnet-map">
      <header className="subnet-map-head">
        <h2 className="mono">{spec.title}</h2>
        <span className="muted">{spec.subtitle}</span>
        <span className="badge badge-info">
          {map.used} of {map.cells.length} /{map.cellPrefix} in use ({formatShare(map.used, map.cells.length)})
        </span>
        {conflicts > 0 && <span className="badge badge-bad">{conflicts} conflicts</span>}
      </header>
      <div className="subnet-body">
        <div className="subnet-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }} role="grid">
          {map.cells.map((c) => {
            const owner = c.allocations[0];
            const util = owner?.utilisation;
            return (
              <button
                key={c.index}
                type="button"
                className={[
                  'cell',
                  c.allocations.length ? 'used' : 'free',
                  c.conflict && 'conflict',
                  selected === c.index && 'selected',
                ]
                  .filter(Boolean)
                  .join(' ')}
                title={cellTitle(c)}
                aria-label={cellTitle(c)}
                data-cidr={c.cidr}
                style={
                  owner
                    ? { background: nodeColour(owner.node), opacity: util === undefined ? 1 : 0.45 + 0.55 * util }
                    : undefined
                }
                onClick={() => setSelected(c.index)}
              />
            );
          })}
        </div>
        {cell ? (
          <CellDetails cell={cell} />
        ) : (
          <aside className="cell-details muted">Click a block to see its node and routes.</aside>
        )}
      </div>
      <ul className="legend subnet-legend">
        {nodes.map(([node, count]) => (
          <li key={node}>
            <span className="legend-dot" style={{ background: nodeColour(node === '(unaffine)' ? null : node) }} />
            <span className="mono">{node}</span> <span className="muted">{count}</span>
          </li>
        ))}
        {map.outside.length > 0 && <li className="muted">{map.outside.length} outside this network</li>}
      </ul>
    </section>
  );
};
