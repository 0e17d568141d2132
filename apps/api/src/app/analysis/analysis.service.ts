import { Injectable } from '@nestjs/common';
import { buildTopology, explainPath, runChecks } from '@meshlens/analysis';
import type { Finding, PathExplanation, Topology } from '@meshlens/model';
import { ClusterStateRepository } from './cluster-state.repository';

/** Topology, path explanation and consistency checks over the stored tables, now or at a past instant. */
@Injectable()
export class AnalysisService {
  constructor(private readonly clusterState: ClusterStateRepository) {}

  async topology(at?: string): Promise<Topology> {
    return buildTopology(await this.clusterState.findAt(at ? new Date(at) : undefined));
  }

  async path(src: string, dst: string, at?: string): Promise<PathExplanation> {
    return explainPath(await this.clusterState.findAt(at ? new Date(at) : undefined), src, dst);
  }

  async checks(at?: string): Promise<Finding[]> {
    return runChecks(await this.clusterState.findAt(at ? new Date(at) : undefined));
  }
}
