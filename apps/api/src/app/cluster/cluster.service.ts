import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import Redis from 'ioredis';
import type { NodeReport, ReportAck } from '@meshlens/model';
import type { AlertCommand, AlertCommandResult, AlertOwnership } from '../alerts/alert-ownership';
import { IngestEvents } from '../alerts/ingest-events';
import { DATABASE_CONNECTION } from '../database/database.module';
import type { DatabaseConnection } from '../database/database-connection';
import { CLUSTER_CONFIG, type ClusterConfig } from './cluster-config';
import { LeaderElection } from './leader-election';
import { slimReport } from './slim-report.util';

// An operator's command waits this long for the owner's answer before the request fails with 503.
const COMMAND_TIMEOUT_MS = 5000;

interface RelayedReport {
  from: string;
  report: NodeReport;
  ack: ReportAck;
}
interface CommandMessage {
  from: string;
  id: string;
  command: AlertCommand;
}
interface ReplyMessage {
  id: string;
  result?: AlertCommandResult;
  error?: string;
}

/**
 * Several API replicas on one database: elects the replica that owns alerting (Postgres advisory lock), relays
 * committed reports to it and operators' commands to its engine over Redis pub/sub (MESHLENS_REDIS_URL).
 * Without Redis a replica only sees its own reports: one replica is then the supported setup.
 */
@Injectable()
export class ClusterService implements AlertOwnership, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterService.name);
  readonly replicaId = randomUUID();
  private election: LeaderElection | null = null;
  private firstCheck: Promise<void> = Promise.resolve();
  private readonly leadershipListeners: Array<(leader: boolean) => void | Promise<void>> = [];
  private commandHandler: ((command: AlertCommand) => Promise<AlertCommandResult>) | null = null;
  private readonly pending = new Map<string, { resolve: (r: AlertCommandResult) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private pub: Redis | null = null;
  private sub: Redis | null = null;
  private offReports: (() => void) | null = null;

  constructor(
    @Inject(CLUSTER_CONFIG) private readonly config: ClusterConfig,
    @Inject(DATABASE_CONNECTION) private readonly database: DatabaseConnection,
    private readonly events: IngestEvents,
  ) {}

  get isLeader(): boolean {
    return this.election?.isLeader ?? false;
  }

  private shuttingDown = false;

  get redisConfigured(): boolean {
    return this.pub !== null;
  }

  private channel(name: string): string {
    return `${this.config.MESHLENS_REDIS_PREFIX}:${name}`;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.MESHLENS_REDIS_URL) await this.connectRedis(this.config.MESHLENS_REDIS_URL);
    let settled: () => void = () => undefined;
    this.firstCheck = new Promise((res) => (settled = res));
    this.election = new LeaderElection({
      url: this.database.url,
      lockId: this.config.MESHLENS_LEADER_LOCK_ID,
      checkMs: this.config.MESHLENS_LEADER_CHECK_MS,
      log: (m) => this.logger.warn(m),
      onChange: (leader) => {
        this.logger.log(
          leader
            ? 'this replica owns alert timers and webhook delivery'
            : this.shuttingDown
              ? 'this replica stepped down from alerting: shutting down'
              : 'this replica no longer owns alerting',
        );
        for (const l of this.leadershipListeners) void l(leader);
      },
    });
    this.election.start(settled);
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    this.offReports?.();
    // Step down before the lock goes: the next owner must find this engine's last changes committed.
    if (this.isLeader) await Promise.all(this.leadershipListeners.map((l) => l(false)));
    await this.election?.stop();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new ServiceUnavailableException('the API is shutting down'));
    }
    this.pending.clear();
    await Promise.all([this.pub?.quit().catch(() => undefined), this.sub?.quit().catch(() => undefined)]);
  }

  /** Redis round trip for /readyz; throws when Redis is not reachable. */
  async pingRedis(): Promise<void> {
    if (this.pub) await this.pub.ping();
  }

  async watchLeadership(listener: (leader: boolean) => void | Promise<void>): Promise<void> {
    await this.firstCheck;
    this.leadershipListeners.push(listener);
    void listener(this.isLeader);
  }

  handleCommands(handler: (command: AlertCommand) => Promise<AlertCommandResult>): void {
    this.commandHandler = handler;
  }

  async callOwner(command: AlertCommand): Promise<AlertCommandResult> {
    if (this.isLeader && this.commandHandler) return this.commandHandler(command);
    if (!this.pub) throw new ServiceUnavailableException('the alert engine runs on another replica and MESHLENS_REDIS_URL is not set');
    const id = randomUUID();
    return new Promise<AlertCommandResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ServiceUnavailableException('no replica owns the alert engine right now; retry shortly'));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      const message: CommandMessage = { from: this.replicaId, id, command };
      this.pub?.publish(this.channel('alert-command'), JSON.stringify(message)).catch((error: Error) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new ServiceUnavailableException(`cannot reach Redis: ${error.message}`));
      });
    });
  }

  private async connectRedis(url: string): Promise<void> {
    this.pub = new Redis(url, { lazyConnect: true, connectionName: `meshlens-api-${this.replicaId}` });
    this.sub = this.pub.duplicate();
    for (const client of [this.pub, this.sub]) client.on('error', (e: Error) => this.logger.warn(`redis: ${e.message}`));
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    const channels = { ingest: this.channel('ingest'), command: this.channel('alert-command'), reply: this.channel(`alert-reply:${this.replicaId}`) };
    await this.sub.subscribe(channels.ingest, channels.command, channels.reply);
    this.sub.on('message', (channel: string, text: string) => {
      try {
        if (channel === channels.ingest) this.onRelayedReport(JSON.parse(text) as RelayedReport);
        else if (channel === channels.command) void this.onCommand(JSON.parse(text) as CommandMessage);
        else if (channel === channels.reply) this.onReply(JSON.parse(text) as ReplyMessage);
      } catch (error) {
        this.logger.warn(`bad message on ${channel}: ${(error as Error).message}`);
      }
    });
    this.offReports = this.events.onReport(({ report, ack, relayed }) => {
      if (relayed) return;
      const message: RelayedReport = { from: this.replicaId, report: slimReport(report), ack };
      this.pub?.publish(channels.ingest, JSON.stringify(message)).catch((e: Error) => this.logger.warn(`relaying ${report.nodeName}#${report.seq} failed: ${e.message}`));
    });
    this.logger.log(`Redis ${describeRedis(url)}: replicas share socket.io events and ingest under "${this.config.MESHLENS_REDIS_PREFIX}"`);
  }

  private onRelayedReport(message: RelayedReport): void {
    // Only the owner's engine listens to reports; the others ignore them (their engine is not running).
    if (message.from !== this.replicaId && this.isLeader) this.events.emit({ report: message.report, ack: message.ack, relayed: true });
  }

  private async onCommand(message: CommandMessage): Promise<void> {
    if (!this.isLeader || !this.commandHandler) return;
    const reply: ReplyMessage = { id: message.id };
    try {
      reply.result = await this.commandHandler(message.command);
    } catch (error) {
      reply.error = (error as Error).message;
    }
    await this.pub?.publish(this.channel(`alert-reply:${message.from}`), JSON.stringify(reply)).catch(() => undefined);
  }

  private onReply(reply: ReplyMessage): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.error !== undefined) waiting.reject(new ServiceUnavailableException(reply.error));
    else waiting.resolve(reply.result ?? null);
  }
}

/** host:port of a Redis URL, without credentials, for logs. */
export const describeRedis = (url: string): string => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}`;
};
