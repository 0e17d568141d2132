import { z } from 'zod';
import { nodeNameSchema } from '@meshlens/model';
import { COLLECTOR_SOURCES } from '../collectors/collector-sources.constant';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Seconds as given on the command line; fractions allowed so tests and labs can run fast. */
const seconds = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds` })
    .min(0.05, `${name} must be at least 0.05 seconds`)
    .max(86_400, `${name} must be at most one day`);

/** The agent's validated configuration; every field is filled (defaults applied before validation). */
export const agentOptionsSchema = z
  .object({
    api: z.url({ protocol: /^https?$/, error: 'api must be an http(s) URL' }),
    token: z.string().min(1).optional(),
    nodeName: nodeNameSchema,
    interval: seconds('interval'),
    bgpInterval: seconds('bgp-interval'),
    netns: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'netns must be a network namespace name (letters, digits, "_", ".", "-")')
      .optional(),
    birdSockets: z.array(z.string().min(1)).min(1),
    /** Which sources run (identity always does): a node without BIRD or a bridge can skip them. */
    collectors: z.array(z.enum(COLLECTOR_SOURCES, { error: `collectors must be among ${COLLECTOR_SOURCES.join(', ')}` })).min(1),
    cniDir: z.string().min(1),
    stateDir: z.string().min(1),
    queueMaxBytes: z.number().int().min(64 * 1024, 'queue-max-bytes must be at least 64KiB'),
    once: z.boolean(),
    dryRun: z.boolean(),
    logLevel: z.enum(LOG_LEVELS),
    /** Per-command limit for ip/bridge/uname; a hung netlink dump must not stall the whole cycle. */
    commandTimeoutMs: z.number().int().positive(),
  })
  .refine((o) => o.dryRun || o.token !== undefined, {
    path: ['token'],
    message: 'a token is required to send reports (--token or MESHLENS_AGENT_TOKEN); use --dry-run to only print',
  });

export type AgentOptions = z.infer<typeof agentOptionsSchema>;

/** Nest injection token for the AgentOptions value. */
export const AGENT_OPTIONS = Symbol('AGENT_OPTIONS');
