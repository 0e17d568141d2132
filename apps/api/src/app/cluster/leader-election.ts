import { Client } from 'pg';

export interface LeaderElectionOptions {
  url: string;
  lockId: number;
  checkMs: number;
  onChange: (leader: boolean) => void;
  log: (message: string) => void;
}

/**
 * One replica at a time holds a session-level Postgres advisory lock on its own connection. Postgres releases it
 * when that session ends (process killed, connection lost), so another replica takes over within `checkMs`. The
 * holder checks its session every `checkMs` and steps down as soon as the connection fails: an owner that cannot
 * reach the database cannot persist alert changes either, so the overlap cannot produce a second notification.
 */
export class LeaderElection {
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private leader = false;
  private stopped = true;
  private tick: Promise<void> | null = null;

  constructor(private readonly options: LeaderElectionOptions) {}

  get isLeader(): boolean {
    return this.leader;
  }

  /** Starts electing; `firstChecked` runs once the first attempt settled (won, lost or failed). */
  start(firstChecked: () => void = () => undefined): void {
    this.stopped = false;
    this.schedule(0, firstChecked);
  }

  /** Releases the lock (so another replica takes over at its next check) and closes the session. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
    const client = this.client;
    this.client = null;
    if (client && this.leader) await client.query('SELECT pg_advisory_unlock($1)', [this.options.lockId]).catch(() => undefined);
    this.setLeader(false);
    await client?.end().catch(() => undefined);
  }

  private schedule(ms: number, checked: () => void = () => undefined): void {
    if (this.stopped) return checked();
    this.timer = setTimeout(() => {
      this.tick = this.check().finally(() => {
        this.tick = null;
        checked();
        this.schedule(this.options.checkMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    try {
      const client = this.client ?? (await this.connect());
      if (this.leader) {
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.options.lockId]);
      if (this.stopped && rows[0]?.locked) await client.query('SELECT pg_advisory_unlock($1)', [this.options.lockId]);
      else if (rows[0]?.locked) this.setLeader(true);
    } catch (error) {
      this.lost(`leadership check failed: ${(error as Error).message}`);
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.options.url, application_name: 'meshlens-leader' });
    // A broken session must never crash the process: it only means the lock is gone.
    client.on('error', (error) => this.lost(`leadership connection failed: ${error.message}`));
    client.on('end', () => this.client === client && this.lost('leadership connection closed'));
    await client.connect();
    this.client = client;
    return client;
  }

  private lost(reason: string): void {
    const client = this.client;
    this.client = null;
    if (this.leader) this.options.log(`${reason}; stepping down`);
    this.setLeader(false);
    void client?.end().catch(() => undefined);
  }

  private setLeader(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    this.options.onChange(leader);
  }
}
