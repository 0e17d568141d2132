import type { BgpSession, BgpStatus } from '@meshlens/model';
import { parseBirdProtocolsAll } from '@meshlens/netparse';
import { BirdClient, BirdClientError } from './bird-client';

export interface BgpSessionsRead {
  /** `ok` only when BIRD answered and the answer was understood; otherwise why not, and no sessions. */
  status: BgpStatus;
  sessions: BgpSession[];
  /** Rows the parser skipped and why (kept out of `status`: the read itself succeeded). */
  warnings: string[];
}

export interface BgpSessionReaderOptions {
  /** Connect + greeting limit, and the limit for the reply to `show protocols all`. */
  timeoutMs?: number;
}

const STATUS_BY_KIND = {
  missing: 'missing',
  unreachable: 'unreachable',
  timeout: 'unreachable',
  protocol: 'error',
} as const satisfies Record<BirdClientError['kind'], BgpStatus['status']>;

/**
 * Reads BGP sessions from one BIRD control socket over a kept connection (cheap enough to call every second;
 * reconnects by itself after BIRD restarts). A dead, missing or confused BIRD is a status, never zero sessions.
 */
export class BgpSessionReader {
  private readonly client: BirdClient;

  constructor(
    readonly socketPath: string,
    options: BgpSessionReaderOptions = {},
  ) {
    this.client = new BirdClient({ socketPath, timeoutMs: options.timeoutMs });
  }

  async read(): Promise<BgpSessionsRead> {
    const socket = this.socketPath;
    let reply;
    try {
      reply = await this.client.command('show protocols all');
    } catch (err) {
      if (err instanceof BirdClientError)
        return failed({
          socket,
          status: STATUS_BY_KIND[err.kind],
          error: err.message,
        });
      return failed({ socket, status: 'error', error: (err as Error).message });
    }
    const version = this.client.version;
    const result = parseBirdProtocolsAll(reply);
    if (!result.ok)
      return failed({
        socket,
        status: 'error',
        ...(version ? { version } : {}),
        error: result.error.message,
      });
    return {
      status: { socket, status: 'ok', ...(version ? { version } : {}) },
      sessions: result.value,
      warnings: result.warnings,
    };
  }

  close(): void {
    this.client.close();
  }
}

const failed = (status: BgpStatus): BgpSessionsRead => ({
  status,
  sessions: [],
  warnings: [],
});

/** One-shot read: connect, `show protocols all`, disconnect. */
export const readBgpSessions = async (
  socketPath: string,
  options: BgpSessionReaderOptions = {},
): Promise<BgpSessionsRead> => {
  const reader = new BgpSessionReader(socketPath, options);
  try {
    return await reader.read();
  } finally {
    reader.close();
  }
};
