import { hostname } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { COLLECTOR_SOURCES } from '../collectors/collector-sources.constant';
import { AgentOptions, agentOptionsSchema, LOG_LEVELS } from './agent-options.schema';

export const DEFAULT_BIRD_SOCKET = '/var/run/calico/bird.ctl';
export const DEFAULT_QUEUE_MAX_BYTES = 64 * 1024 * 1024;

export type ParseOptionsResult =
  | { ok: true; options: AgentOptions }
  | { ok: false; exitCode: number; message: string };

type Env = Record<string, string | undefined>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** "64MiB", "512k", "1048576": bytes with an optional binary suffix. */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+)\s*([kmg]?)(i?b)?\s*$/i.exec(text);
  if (!m) return Number.NaN;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

function buildCommand(): Command {
  return new Command('meshlens-agent')
    .description('Reads this node\'s links, addresses, routes, neighbours, FDB, CNI config and BGP sessions and reports them')
    .option('--api <url>', 'API base URL (env MESHLENS_API)')
    .option('--token <token>', 'agent token (env MESHLENS_AGENT_TOKEN)')
    .option('--node-name <name>', 'node name (env MESHLENS_NODE_NAME; default: host name, lower-cased)')
    .option('--interval <seconds>', 'full collection interval (env MESHLENS_INTERVAL; default 5)')
    .option('--bgp-interval <seconds>', 'BGP read interval (env MESHLENS_BGP_INTERVAL; default 1)')
    .option('--netns <name>', 'read inside this named network namespace (env MESHLENS_NETNS)')
    .option('--bird-socket <path>', `BIRD control socket, repeatable or comma list (env MESHLENS_BIRD_SOCKET; default ${DEFAULT_BIRD_SOCKET})`, collect)
    .option('--collectors <list>', `comma list of sources to read (env MESHLENS_COLLECTORS; default all: ${COLLECTOR_SOURCES.join(',')})`)
    .option('--cni-dir <dir>', 'CNI configuration folder (env MESHLENS_CNI_DIR; default /etc/cni/net.d)')
    .option('--state-dir <dir>', 'on-disk report queue (env MESHLENS_STATE_DIR; default .data/agent/<node-name>)')
    .option('--queue-max-bytes <size>', 'queue bound, e.g. 64MiB (env MESHLENS_QUEUE_MAX_BYTES)')
    .option('--once', 'collect once, deliver, and exit')
    .option('--dry-run', 'print reports as JSON on stdout instead of sending them')
    .addOption(new Option('--log-level <level>', 'log level (env MESHLENS_LOG_LEVEL; default info)').choices(LOG_LEVELS))
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

const splitList = (values: string[]): string[] =>
  values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);

/**
 * Command line first, then MESHLENS_* environment variables, then defaults; the result is validated by zod so a bad
 * value is reported with the option's name. Exit code 2 for bad options, 0 for --help/--version.
 */
export function parseAgentOptions(argv: readonly string[], env: Env = process.env): ParseOptionsResult {
  const cmd = buildCommand();
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpInformation' || e.code === 'commander.helpDisplayed') {
        return { ok: false, exitCode: 0, message: cmd.helpInformation() };
      }
      return { ok: false, exitCode: 2, message: e.message };
    }
    throw e;
  }
  const o = cmd.opts<Record<string, string | string[] | boolean | undefined>>();
  const pick = (cli: unknown, envName: string): string | undefined =>
    typeof cli === 'string' ? cli : env[envName] !== undefined && env[envName] !== '' ? env[envName] : undefined;

  const nodeName = pick(o.nodeName, 'MESHLENS_NODE_NAME') ?? hostname().toLowerCase();
  const sockets = (o.birdSocket as string[] | undefined) ?? (env.MESHLENS_BIRD_SOCKET ? [env.MESHLENS_BIRD_SOCKET] : [DEFAULT_BIRD_SOCKET]);
  const queueMax = pick(o.queueMaxBytes, 'MESHLENS_QUEUE_MAX_BYTES');
  const raw = {
    api: pick(o.api, 'MESHLENS_API') ?? 'http://127.0.0.1:3000',
    token: pick(o.token, 'MESHLENS_AGENT_TOKEN'),
    nodeName,
    interval: pick(o.interval, 'MESHLENS_INTERVAL') ?? '5',
    bgpInterval: pick(o.bgpInterval, 'MESHLENS_BGP_INTERVAL') ?? '1',
    netns: pick(o.netns, 'MESHLENS_NETNS'),
    birdSockets: splitList(sockets),
    collectors: splitList([pick(o.collectors, 'MESHLENS_COLLECTORS') ?? COLLECTOR_SOURCES.join(',')]),
    cniDir: pick(o.cniDir, 'MESHLENS_CNI_DIR') ?? '/etc/cni/net.d',
    stateDir: pick(o.stateDir, 'MESHLENS_STATE_DIR') ?? join('.data', 'agent', nodeName),
    queueMaxBytes: queueMax === undefined ? DEFAULT_QUEUE_MAX_BYTES : parseByteSize(queueMax),
    once: o.once === true,
    dryRun: o.dryRun === true,
    logLevel: pick(o.logLevel, 'MESHLENS_LOG_LEVEL') ?? 'info',
    commandTimeoutMs: 10_000,
  };
  const result = agentOptionsSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  --${kebab(String(i.path[0] ?? ''))}: ${i.message}`);
    return { ok: false, exitCode: 2, message: `invalid options:\n${lines.join('\n')}` };
  }
  return { ok: true, options: result.data };
}

const kebab = (s: string) =>
  s === 'birdSockets' ? 'bird-socket' : s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
