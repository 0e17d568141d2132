import { canonicalJson } from '@meshlens/analysis';
import { neighborSchema, nodeReportSchema, routeSchema } from '@meshlens/model';
import { isNeighborRow } from '../../libs/netparse/src/lib/row-guards/is-neighbor-row.guard';
import { isRouteRow } from '../../libs/netparse/src/lib/row-guards/is-route-row.guard';
import { sameRow } from '../../apps/agent/src/report/same-row';
import { parseBridgeFdb, parseIpAddr, parseIpLink, parseIpLinkCounters, parseIpNeigh, parseIpRoute } from '@meshlens/netparse';
import { execFileSync } from 'node:child_process';
import type { NodeReport } from '@meshlens/model';
import { agentDumpCommands } from './agent-in-process';
import { median } from './timing.util';

const dump = (argv: string[]) => execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });

function timed(runs: number, task: () => unknown): number {
  task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    task();
    times.push(performance.now() - t0);
  }
  return Number(median(times).toFixed(1));
}

/**
 * Where the agent's collection time goes beyond the dumps, step by step on the same dump texts (CPU only, median of
 * `runs`): JSON.parse alone, the netparse parsers (rows held to the model by hand-written guards, zod only for rows
 * that fail them), what the guards cost and what zod per row would cost instead, the delta's field-wise row compare
 * against canonical JSON per row (what it replaced), and the whole-report check a full report gets.
 */
export function collectBreakdown(netns: string, runs: number, fullReport: NodeReport): Record<string, number> {
  const [link, addr, route4, route6, neigh, fdb] = agentDumpCommands(netns).map(dump);
  const texts = [link, addr, route4, route6, neigh, fdb];
  const routes = [...unwrap(parseIpRoute(route4)), ...unwrap(parseIpRoute(route6))];
  const neighbors = unwrap(parseIpNeigh(neigh));
  // A second read of the same tables: what the delta compares each row with on an unchanged node.
  const routesAgain = [...unwrap(parseIpRoute(route4)), ...unwrap(parseIpRoute(route6))];
  const neighborsAgain = unwrap(parseIpNeigh(neigh));
  return {
    dumpBytes: texts.reduce((n, t) => n + t.length, 0),
    jsonParseMs: timed(runs, () => texts.forEach((t) => JSON.parse(t))),
    parseAllMs: timed(runs, () => {
      parseIpLink(link);
      parseIpLinkCounters(link);
      parseIpAddr(addr);
      parseIpRoute(route4);
      parseIpRoute(route6);
      parseIpNeigh(neigh);
      parseBridgeFdb(fdb);
    }),
    parseRoutesMs: timed(runs, () => {
      parseIpRoute(route4);
      parseIpRoute(route6);
    }),
    parseNeighborsMs: timed(runs, () => parseIpNeigh(neigh)),
    guardRowsMs: timed(runs, () => {
      for (const r of routes) isRouteRow(r);
      for (const n of neighbors) isNeighborRow(n);
    }),
    zodRowsMs: timed(runs, () => {
      for (const r of routes) routeSchema.safeParse(r);
      for (const n of neighbors) neighborSchema.safeParse(n);
    }),
    compareRowsMs: timed(runs, () => {
      for (let i = 0; i < routes.length; i++) sameRow(routes[i], routesAgain[i]);
      for (let i = 0; i < neighbors.length; i++) sameRow(neighbors[i], neighborsAgain[i]);
    }),
    canonicalJsonRowsMs: timed(runs, () => {
      for (const r of routes) canonicalJson(r);
      for (const n of neighbors) canonicalJson(n);
    }),
    validateFullReportMs: timed(runs, () => nodeReportSchema.safeParse(fullReport)),
  };
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
