import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkClusterJson } from './check-cluster-json.util';
import { ChecksWorkerThread, type ChecksWorkerLogger } from './checks-worker-thread';
import type { ClusterChecksRunner } from './cluster-checks-runner';

/** The worker thread's script, emitted beside main.js by the API build (webpack.config.js, additionalEntryPoints). */
export const CHECKS_WORKER_FILE = 'checks-worker.js';

/**
 * A run on 1000 nodes takes seconds; one that takes minutes is stuck (a check that loops) and would hold back every
 * later sweep, so its thread is terminated and the next sweep starts a new one.
 */
export const CLUSTER_CHECKS_TIMEOUT_MS = 120_000;

export interface ChecksRunnerLocation {
  /** Where the running code is: dist/apps/api in the bundle (webpack leaves `__dirname` to Node: `node: false`). */
  dir: string;
  /** False when the API runs from its TypeScript sources (jest), where no worker script is built. */
  bundled: boolean;
}

const HERE: ChecksRunnerLocation = { dir: __dirname, bundled: !__filename.endsWith('.ts') };

/**
 * The worker thread when its script sits beside the running bundle. From the TypeScript sources (the integration
 * tests) there is none, and the checks run on the calling thread as before. A bundle without it is a broken build:
 * running the checks on the event loop would stall ingest for seconds every sweep, so it is an error, not a fallback.
 */
export function createClusterChecksRunner(
  logger: ChecksWorkerLogger & { debug(message: string): void },
  where: ChecksRunnerLocation = HERE,
): ClusterChecksRunner {
  const script = join(where.dir, CHECKS_WORKER_FILE);
  if (existsSync(script)) return new ChecksWorkerThread(script, CLUSTER_CHECKS_TIMEOUT_MS, logger);
  if (where.bundled) {
    throw new Error(`${CHECKS_WORKER_FILE} is missing beside the API bundle in ${where.dir}: rebuild with npx nx build api`);
  }
  logger.debug(`consistency checks run in-process: no ${CHECKS_WORKER_FILE} beside the TypeScript sources`);
  return {
    run: async (nodesJson) => checkClusterJson(nodesJson),
    close: async () => undefined,
  };
}
