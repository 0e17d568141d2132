import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export interface ShutdownLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface GracefulShutdownOptions {
  server: Server;
  /** Everything after the drain: Nest's shutdown hooks (watchers, socket.io, alert engine, database). */
  close: () => Promise<void>;
  /** Marks the replica unready (so /readyz answers 503 while in-flight requests finish). */
  begin: () => void;
  timeoutMs: number;
  logger: ShutdownLogger;
  exit: (code: number) => void;
}

/**
 * SIGTERM: stop accepting connections, let every request under way finish (a report being ingested commits and
 * is acknowledged, or was never started), refuse new requests that arrive on kept-alive connections with 503 so
 * agents keep them queued, then close watchers, sockets and the database, and exit 0. Past `timeoutMs`: exit 1.
 */
export class GracefulShutdown {
  private inFlight = 0;
  private draining = false;
  private drained: (() => void) | null = null;

  constructor(private readonly options: GracefulShutdownOptions) {}

  /** Express middleware counting requests under way; installed before every route. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', '5');
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: 'the API is shutting down; retry on another replica' });
      return;
    }
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      if (this.inFlight === 0) this.drained?.();
    });
    next();
  };

  get requestsInFlight(): number {
    return this.inFlight;
  }

  listen(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) process.once(signal, () => void this.run(signal));
  }

  async run(reason: string): Promise<void> {
    if (this.draining) return;
    const { server, logger, timeoutMs, exit } = this.options;
    this.draining = true;
    this.options.begin();
    const deadline = setTimeout(() => {
      logger.error(`shutdown did not finish within ${timeoutMs} ms (${this.inFlight} requests in flight): exiting`);
      exit(1);
    }, timeoutMs);
    deadline.unref();
    logger.log(`${reason}: no new connections; waiting for ${this.inFlight} requests in flight`);
    server.close();
    server.closeIdleConnections();
    if (this.inFlight > 0) await new Promise<void>((res) => (this.drained = res));
    // Only idle kept-alive connections are left: nothing on them is lost.
    server.closeAllConnections();
    try {
      await this.options.close();
    } catch (error) {
      logger.error(`closing failed: ${(error as Error).message}`);
      clearTimeout(deadline);
      return exit(1);
    }
    clearTimeout(deadline);
    logger.log('stopped');
    exit(0);
  }
}
