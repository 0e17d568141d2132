export interface EmbeddedPostgresOptions {
  /** Data directory; initialised on first use, reused afterwards. */
  dataDir: string;
  /** Database created on first start (default "meshlens"). */
  database?: string;
  /** TCP port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** false deletes the data directory on stop (tests). Default true. */
  persistent?: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection string of `database`. */
  url: string;
  /** Connection string of the maintenance database "postgres" (create/drop databases). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server (idempotent). */
  stop(): Promise<void>;
}

export function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres>;
export function findFreePort(): Promise<number>;
