import { Injectable } from '@nestjs/common';
import type { NodeSummary, TableName, TableQuery, TableRows } from '@meshlens/model';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import { isValidCidr } from '../reports/find-invalid-addresses';
import type { JsonArrayText } from './json-array-text';
import { NodeRepository } from './node.repository';
import { NodeStateRepository } from './node-state.repository';

const notFound = (name: string) => new MeshlensException(MeshlensErrorCode.NodeNotFound, `node ${name} is not known (no report received)`);

/** Reads of nodes and their tables, current or as they were at a given time. */
@Injectable()
export class NodesService {
  constructor(
    private readonly nodes: NodeRepository,
    private readonly state: NodeStateRepository,
  ) {}

  list(): Promise<NodeSummary[]> {
    return this.nodes.findSummaries();
  }

  async get(name: string): Promise<NodeSummary> {
    const node = await this.nodes.findSummaryByName(name);
    if (!node) throw notFound(name);
    return node;
  }

  /** The node's table, current or at `query.at`, as the JSON array the response carries. */
  async table<T extends TableName>(name: string, table: T, query: TableQuery): Promise<JsonArrayText<TableRows[T]>> {
    if (query.prefix !== undefined && !isValidCidr(query.prefix)) {
      throw MeshlensException.validation([{ path: 'prefix', message: `not a valid prefix: ${query.prefix}` }], 'query');
    }
    const nodeId = await this.nodes.findIdByName(name);
    if (nodeId === null) throw notFound(name);
    return query.at === undefined
      ? this.state.findCurrentRowsJson(nodeId, table, query)
      : this.state.findRowsValidAtJson(nodeId, table, new Date(query.at), query);
  }
}
