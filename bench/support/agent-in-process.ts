import { execFile } from 'node:child_process';
import { createBirdBgpReader } from '../../apps/agent/src/agent/bird-bgp-reader';
import { createCollectors } from '../../apps/agent/src/collectors/collector-factory';
import { SnapshotCollector } from '../../apps/agent/src/collectors/snapshot-collector';
import { createLogger } from '../../apps/agent/src/logging/create-logger';
import { parseAgentOptions } from '../../apps/agent/src/options/parse-agent-options';
import { ReportComposer } from '../../apps/agent/src/report/report-composer';
import { NodeExec } from '../../apps/agent/src/runner/node-exec';
import { ProcessCommandRunner } from '../../apps/agent/src/runner/process-command-runner';

/**
 * The agent's collection wired as its Nest module wires it (same options parser and defaults, the real
 * ProcessCommandRunner), but in this process: timing collect() leaves Node and Nest start-up out.
 */
export function createInProcessAgent(netns: string): { snapshots: SnapshotCollector; composer: ReportComposer; close: () => void } {
  const parsed = parseAgentOptions(['--dry-run', '--netns', netns, '--node-name', 'bn-bench', '--log-level', 'silent'], {});
  if (!parsed.ok) throw new Error(parsed.message);
  const options = parsed.options;
  const logger = createLogger('silent');
  const exec = new NodeExec(new ProcessCommandRunner(options.commandTimeoutMs), options.netns, options.commandTimeoutMs);
  const bgp = createBirdBgpReader(options.commandTimeoutMs);
  const snapshots = new SnapshotCollector(createCollectors(options, exec, bgp), logger, options.netns);
  return { snapshots, composer: new ReportComposer(options.nodeName), close: () => bgp.close?.() };
}

/** The argv of every dump the agent's collectors run for one cycle (see apps/agent/src/collectors/*.collector.ts). */
export function agentDumpCommands(netns: string): string[][] {
  return [
    ['ip', '-n', netns, '-j', '-d', '-s', 'link', 'show'],
    ['ip', '-n', netns, '-j', 'addr', 'show'],
    ['ip', '-n', netns, '-4', '-j', 'route', 'show', 'table', 'all'],
    ['ip', '-n', netns, '-j', '-6', 'route', 'show', 'table', 'all'],
    ['ip', '-n', netns, '-j', 'neigh', 'show'],
    ['bridge', '-n', netns, '-j', 'fdb', 'show'],
  ];
}

/** Runs one dump to completion, output read into memory like the agent does (execFile), nothing parsed. */
export function runDump(argv: string[]): Promise<number> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) =>
    execFile(file, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout.length))),
  );
}
