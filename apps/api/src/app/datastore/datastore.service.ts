import { Inject, Injectable } from '@nestjs/common';
import { attachLeaseOwners, flannelUsage, nodeUsage, poolUsage, runDatastoreChecks, type ClusterState } from '@meshlens/analysis';
import type {
  DatastoreFindingsResponse,
  DatastoreSnapshot,
  DatastoreStatus,
  FlannelNetwork,
  IpamBlocksResponse,
  IpPoolsResponse,
  SubnetsResponse,
} from '@meshlens/model';
import { ClusterStateRepository } from '../analysis/cluster-state.repository';
import { DATASTORE_CONFIG, calicoPrefixOf, isDatastoreConfigured, type DatastoreConfig } from './datastore-config';
import { DatastoreSyncService } from './datastore-sync.service';
import { DatastoreRepository, type CurrentDatastoreRow } from './datastore.repository';

interface View {
  status: DatastoreStatus;
  snapshot: DatastoreSnapshot;
  cluster: ClusterState;
}

/** Reads of the stored datastore, held against the nodes' current tables. */
@Injectable()
export class DatastoreService {
  constructor(
    @Inject(DATASTORE_CONFIG) private readonly config: DatastoreConfig,
    private readonly repository: DatastoreRepository,
    private readonly sync: DatastoreSyncService,
    private readonly clusterState: ClusterStateRepository,
  ) {}

  status(): DatastoreStatus {
    return { configured: isDatastoreConfigured(this.config), endpoints: this.config.endpoints, watches: this.sync.watchStatuses() };
  }

  async subnets(): Promise<SubnetsResponse> {
    const view = await this.view();
    const prefixes = new Set([
      ...this.config.prefixes.filter((p) => p.source === 'flannel').map((p) => p.prefix),
      ...view.snapshot.flannelConfigs.map((c) => c.prefix),
      ...view.snapshot.flannelLeases.map((l) => l.prefix),
    ]);
    const networks = [...prefixes].map((prefix): FlannelNetwork => {
      const config = view.snapshot.flannelConfigs.find((c) => c.prefix === prefix) ?? null;
      const leases = view.snapshot.flannelLeases.filter((l) => l.prefix === prefix);
      const usage = flannelUsage(config, leases);
      return { prefix, config, leases, ...(usage ? { usage } : {}) };
    });
    return {
      status: view.status,
      networks,
      findings: this.findingsOf(view).filter((f) => f.code.startsWith('lease-') || this.isProblemOf(f, 'flannel')),
      problems: view.snapshot.problems.filter((p) => p.source === 'flannel'),
    };
  }

  async ipPools(): Promise<IpPoolsResponse> {
    // Pool checks look at etcd alone: the nodes' tables are not read.
    const view = await this.view(false);
    return {
      status: view.status,
      pools: poolUsage(view.snapshot.ipPools, view.snapshot.ipamBlocks),
      findings: this.findingsOf(view).filter((f) => f.code === 'ip-pool-overlap' || this.isProblemOf(f, 'calico')),
      problems: view.snapshot.problems.filter((p) => p.source === 'calico'),
    };
  }

  async ipamBlocks(): Promise<IpamBlocksResponse> {
    const view = await this.view();
    return {
      status: view.status,
      blocks: view.snapshot.ipamBlocks,
      affinities: view.snapshot.blockAffinities,
      nodes: nodeUsage(view.snapshot.ipamBlocks),
      findings: this.findingsOf(view).filter((f) => f.code === 'block-blackhole-missing' || this.isProblemOf(f, 'calico')),
      problems: view.snapshot.problems.filter((p) => p.source === 'calico'),
    };
  }

  async findings(): Promise<DatastoreFindingsResponse> {
    const view = await this.view();
    return { status: view.status, findings: this.findingsOf(view) };
  }

  private findingsOf(view: View) {
    return runDatastoreChecks(view.snapshot, view.cluster, { now: new Date(), calicoPrefix: calicoPrefixOf(this.config) });
  }

  private isProblemOf(f: { code: string; evidence: Array<{ row: unknown }> }, source: string): boolean {
    return f.code === 'datastore-value-malformed' && (f.evidence[0]?.row as { source?: string } | undefined)?.source === source;
  }

  private async view(withNodes = true): Promise<View> {
    const [rows, cluster] = await Promise.all([
      this.repository.findCurrent(),
      withNodes ? this.clusterState.findAt() : Promise.resolve<ClusterState>({ nodes: [] }),
    ]);
    const snapshot = this.snapshotOf(rows);
    snapshot.flannelLeases = attachLeaseOwners(cluster, snapshot.flannelLeases);
    return { status: this.status(), snapshot, cluster };
  }

  private snapshotOf(rows: CurrentDatastoreRow[]): DatastoreSnapshot {
    const s: DatastoreSnapshot = { flannelConfigs: [], flannelLeases: [], ipPools: [], ipamBlocks: [], blockAffinities: [], problems: [] };
    for (const { entry } of rows) {
      switch (entry.kind) {
        case 'flannel-config':
          s.flannelConfigs.push(entry.value);
          break;
        case 'flannel-lease': {
          const expiry = entry.value.etcdLeaseId ? this.sync.leaseExpiry(entry.value.etcdLeaseId) : undefined;
          s.flannelLeases.push({ ...entry.value, expiresAt: expiry === undefined ? null : new Date(expiry).toISOString() });
          break;
        }
        case 'calico-ip-pool':
          s.ipPools.push(entry.value);
          break;
        case 'calico-ipam-block':
          s.ipamBlocks.push(entry.value);
          break;
        case 'calico-block-affinity':
          s.blockAffinities.push(entry.value);
          break;
        case 'malformed':
          s.problems.push(entry.value);
          break;
      }
    }
    return s;
  }
}
