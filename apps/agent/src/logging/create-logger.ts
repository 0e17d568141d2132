import pino, { Logger } from 'pino';

/** JSON lines on stderr (stdout belongs to --dry-run reports); synchronous so the last lines survive process.exit. */
export function createLogger(level: string, nodeName?: string): Logger {
  return pino(
    { level, base: { app: 'meshlens-agent', ...(nodeName ? { node: nodeName } : {}) } },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** Nest injection token for the pino Logger. */
export const AGENT_LOGGER = Symbol('AGENT_LOGGER');
