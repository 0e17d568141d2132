import { z } from 'zod';

/** Settings for running several API replicas behind one address (read by ClusterModule and main.ts). */
export const clusterConfigSchema = z.object({
  /** redis:// URL. Set it when more than one replica runs: socket.io events and ingest events then cross replicas. */
  MESHLENS_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'expected a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key and channel, so several meshlens installations can share one Redis. */
  MESHLENS_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only')
    .default('meshlens'),
  /**
   * Postgres advisory lock (per database) held by the replica that owns alert timers and webhook delivery.
   * Change it only if something else in the same database uses this number.
   */
  MESHLENS_LEADER_LOCK_ID: z.coerce.number().int().min(1).max(2 ** 31 - 1).default(72_707_370),
  /** How often a replica tries to take ownership, and how often the owner checks that it still holds it. */
  MESHLENS_LEADER_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** How long SIGTERM may take: in-flight reports finish, then watchers and sockets close; past it the process exits 1. */
  MESHLENS_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
});

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

export const CLUSTER_CONFIG = Symbol('CLUSTER_CONFIG');

/** Reads and validates the replica settings; throws one error listing every bad variable. */
export function loadClusterConfig(env: NodeJS.ProcessEnv = process.env): ClusterConfig {
  const result = clusterConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid cluster configuration:\n${lines.join('\n')}`);
}
