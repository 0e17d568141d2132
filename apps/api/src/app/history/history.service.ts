import { Injectable } from '@nestjs/common';
import {
  TABLE_NAMES,
  type BgpTransitions,
  type BgpTransitionsQuery,
  type ChangeFeedPage,
  type ChangeFeedQuery,
  type CounterRates,
  type CounterRatesQuery,
  type NodeChanges,
  type NodeChangesQuery,
  type RowChange,
  type TableName,
} from '@meshlens/model';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import { NodeRepository } from '../nodes/node.repository';
import { bgpTransitions } from './bgp-transitions';
import { BgpSessionHistoryRepository } from './bgp-session-history.repository';
import { decodeFeedCursor, encodeFeedCursor } from './feed-cursor';
import { CounterRatesReader } from './counter-rates.reader';
import {
  RowChangeRepository,
  type StoredRowChange,
} from './row-change.repository';

const notFound = (name: string) =>
  new MeshlensException(
    MeshlensErrorCode.NodeNotFound,
    `node ${name} is not known (no report received)`,
  );

/** Reads of the past: changes between instants, the cluster change feed, BGP transitions, counter rates. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly nodes: NodeRepository,
    private readonly changes: RowChangeRepository,
    private readonly bgp: BgpSessionHistoryRepository,
    private readonly counters: CounterRatesReader,
  ) {}

  async nodeChanges(name: string, q: NodeChangesQuery): Promise<NodeChanges> {
    const nodeId = await this.nodeId(name);
    const from = new Date(q.from);
    const to = new Date(q.to);
    const tables = q.table ? [q.table] : TABLE_NAMES;
    const perTable = await Promise.all(
      tables.map((t) => this.changes.findNodeTableChanges(nodeId, t, from, to)),
    );
    const changes = perTable
      .flat()
      .map(publicChange)
      .sort(
        (a, b) => cmp(a.at, b.at) || cmp(a.table, b.table) || cmp(a.key, b.key),
      );
    const counts = { added: 0, removed: 0, changed: 0 };
    for (const c of changes) counts[c.kind]++;
    return {
      node: name,
      from: from.toISOString(),
      to: to.toISOString(),
      counts,
      changes,
    };
  }

  async feed(q: ChangeFeedQuery): Promise<ChangeFeedPage> {
    const nodeId = q.node === undefined ? undefined : await this.nodeId(q.node);
    const after =
      q.cursor === undefined ? undefined : decodeFeedCursor(q.cursor);
    const filter = {
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      nodeId,
      after,
    };
    const tables: readonly TableName[] = q.table ? [q.table] : TABLE_NAMES;
    const perTable = await Promise.all(
      tables.map((t) => this.changes.findTableFeed(t, filter, q.limit + 1)),
    );
    const merged = perTable.flat().sort(feedOrder);
    const page = merged.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextCursor =
      merged.length > q.limit && last
        ? encodeFeedCursor({
            at: new Date(last.at),
            nodeId: last.nodeId,
            table: last.table,
            key: last.key,
          })
        : null;
    return { items: page.map(publicChange), nextCursor };
  }

  async bgpTransitions(
    name: string,
    session: string,
    q: BgpTransitionsQuery,
  ): Promise<BgpTransitions> {
    const nodeId = await this.nodeId(name);
    const from = new Date(q.from);
    const to = new Date(q.to);
    const intervals = await this.bgp.findStateIntervals(
      nodeId,
      session,
      from,
      to,
    );
    return {
      node: name,
      session,
      from: from.toISOString(),
      to: to.toISOString(),
      ...bgpTransitions(intervals, from, to),
    };
  }

  async counterRates(
    name: string,
    q: CounterRatesQuery,
    now = new Date(),
  ): Promise<CounterRates> {
    const nodeId = await this.nodeId(name);
    return { node: name, ...(await this.counters.read(nodeId, q, now)) };
  }

  private async nodeId(name: string): Promise<number> {
    const id = await this.nodes.findIdByName(name);
    if (id === null) throw notFound(name);
    return id;
  }
}

const cmp = (a: string | number, b: string | number): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** The feed's order: at, nodeId, table, key, all descending (the cursor's order). */
const feedOrder = (a: StoredRowChange, b: StoredRowChange): number =>
  cmp(b.at, a.at) ||
  cmp(b.nodeId, a.nodeId) ||
  cmp(b.table, a.table) ||
  cmp(b.key, a.key);

const publicChange = (stored: StoredRowChange): RowChange => {
  const { nodeId, ...change } = stored;
  void nodeId;
  return change;
};
