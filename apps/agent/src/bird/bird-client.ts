import { createConnection, type Socket } from 'node:net';
import {
  BIRD_GREETING_CODE,
  BirdReplyReader,
  parseBirdVersion,
  type BirdReply,
} from '@meshlens/netparse';

/** Where Calico's calico-node runs BIRD's control socket (bird6.ctl beside it for IPv6 under BIRD 1.x). */
export const CALICO_BIRD_SOCKET = '/var/run/calico/bird.ctl';
/** Debian's `bird` / `bird2` packages. */
export const DEBIAN_BIRD_SOCKET = '/run/bird/bird.ctl';

/**
 * Why a BIRD exchange failed. `missing`: no socket file (BIRD not installed or not started); `unreachable`: the
 * file is there but nobody answers (BIRD died and left it, or permission denied), or the connection dropped;
 * `timeout`: BIRD accepted but did not finish a reply in time; `protocol`: BIRD answered something unexpected.
 */
export type BirdClientErrorKind =
  | 'missing'
  | 'unreachable'
  | 'timeout'
  | 'protocol';

export class BirdClientError extends Error {
  constructor(
    readonly kind: BirdClientErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'BirdClientError';
  }
}

export interface BirdClientOptions {
  socketPath: string;
  /** Limit for connecting plus the greeting, and for each command's whole reply. */
  timeoutMs?: number;
}

interface Waiter {
  resolve: (reply: BirdReply) => void;
  reject: (err: BirdClientError) => void;
}

const DEFAULT_TIMEOUT_MS = 3000;

const errorKind = (err: NodeJS.ErrnoException): BirdClientErrorKind =>
  err.code === 'ENOENT' ? 'missing' : 'unreachable';

/**
 * A connection to BIRD's control socket (1.6 and 2.x speak the same protocol): reads the greeting, sends one
 * command at a time and returns its reply. Connects on first use and again after the connection was lost, so
 * one instance can be kept for polling every second. Never parses what the reply means: see @meshlens/netparse.
 */
export class BirdClient {
  readonly socketPath: string;
  private readonly timeoutMs: number;
  private socket: Socket | undefined;
  private connecting: Promise<string> | undefined;
  private readonly reader = new BirdReplyReader();
  private waiter: Waiter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private birdVersion: string | undefined;
  private greeted = false;

  constructor(options: BirdClientOptions) {
    this.socketPath = options.socketPath;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** BIRD's version from the last greeting, e.g. "1.6.8". */
  get version(): string | undefined {
    return this.birdVersion;
  }

  /** True between a greeting and the loss of that connection. */
  get connected(): boolean {
    return this.greeted;
  }

  /** Connects (if not connected) and resolves with BIRD's version from the greeting. */
  connect(): Promise<string> {
    if (this.greeted) return Promise.resolve(this.birdVersion ?? 'unknown');
    this.connecting ??= this.open().finally(
      () => (this.connecting = undefined),
    );
    return this.connecting;
  }

  /**
   * Sends one command (`show protocols all`) and resolves with its reply, error replies (8xxx/9xxx) included: the
   * caller decides what an error means. Rejects with BirdClientError when the socket fails or times out.
   */
  command(command: string): Promise<BirdReply> {
    if (/[\r\n]/.test(command)) {
      return Promise.reject(
        new BirdClientError('protocol', 'a BIRD command must be a single line'),
      );
    }
    const run = this.queue.then(() => this.runWithReconnect(command));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops the connection; a later command reconnects. */
  close(): void {
    this.drop(
      new BirdClientError('unreachable', 'connection closed by the client'),
    );
  }

  private async runWithReconnect(command: string): Promise<BirdReply> {
    const reused = this.connected;
    try {
      await this.connect();
      return await this.exchange(command);
    } catch (err) {
      // A kept connection can be dead without us knowing yet (BIRD restarted): one fresh try, then give up.
      if (
        reused &&
        err instanceof BirdClientError &&
        err.kind === 'unreachable'
      ) {
        await this.connect();
        return this.exchange(command);
      }
      throw err;
    }
  }

  private open(): Promise<string> {
    this.drop(new BirdClientError('unreachable', 'reconnecting'));
    return new Promise<string>((resolve, reject) => {
      const socket = createConnection({ path: this.socketPath });
      this.socket = socket;
      this.reader.reset();
      socket.on('data', (chunk: Buffer) => {
        if (this.socket === socket) this.onData(chunk);
      });
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (this.socket !== socket) return;
        const detail = err.code === 'ENOENT' ? 'no such socket' : err.message;
        this.drop(
          new BirdClientError(errorKind(err), `${this.socketPath}: ${detail}`),
        );
      });
      socket.on('close', () => {
        if (this.socket === socket)
          this.drop(
            new BirdClientError(
              'unreachable',
              `${this.socketPath}: BIRD closed the connection`,
            ),
          );
      });
      this.nextReply(`greeting from ${this.socketPath}`).then((greeting) => {
        if (greeting.code !== BIRD_GREETING_CODE) {
          const err = new BirdClientError(
            'protocol',
            `expected BIRD's greeting, got code ${greeting.code}: ${greeting.message}`,
          );
          this.drop(err);
          return reject(err);
        }
        const version = parseBirdVersion(greeting);
        this.birdVersion = version.ok ? version.value : undefined;
        this.greeted = true;
        resolve(this.birdVersion ?? 'unknown');
      }, reject);
    });
  }

  private exchange(command: string): Promise<BirdReply> {
    const socket = this.socket;
    if (!socket)
      return Promise.reject(
        new BirdClientError('unreachable', `${this.socketPath}: not connected`),
      );
    const reply = this.nextReply(`reply to "${command}"`);
    socket.write(`${command}\n`);
    return reply;
  }

  private nextReply(what: string): Promise<BirdReply> {
    return new Promise<BirdReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The stream position is unknown after a timeout: only a new connection is safe.
        this.drop(
          new BirdClientError(
            'timeout',
            `${this.socketPath}: no ${what} within ${this.timeoutMs} ms`,
          ),
        );
      }, this.timeoutMs);
      this.waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
  }

  private onData(chunk: Buffer): void {
    for (const reply of this.reader.push(chunk)) {
      const waiter = this.waiter;
      this.waiter = undefined;
      // A reply nobody waits for (BIRD spoke out of turn) is dropped rather than given to the next command.
      waiter?.resolve(reply);
    }
  }

  private drop(reason: BirdClientError): void {
    const socket = this.socket;
    this.socket = undefined;
    this.greeted = false;
    socket?.destroy();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(reason);
  }
}
