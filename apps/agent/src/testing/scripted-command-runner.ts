import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner, WatchHandle, WatchListener } from '../runner/command-runner';

type Answer = string | CommandResult | (() => string | CommandResult);

/** A CommandRunner that answers from captured output, keyed by the argv joined with spaces; records every call. */
export class ScriptedCommandRunner implements CommandRunner {
  readonly calls: string[][] = [];
  private readonly commands = new Map<string, Answer>();
  private readonly files = new Map<string, string>();
  private readonly dirs = new Map<string, string[]>();

  command(argv: string, answer: Answer): this {
    this.commands.set(argv, answer);
    return this;
  }

  file(path: string, text: string): this {
    this.files.set(path, text);
    return this;
  }

  dir(path: string, names: string[]): this {
    this.dirs.set(path, names);
    return this;
  }

  async run(argv: readonly string[]): Promise<CommandResult> {
    this.calls.push([...argv]);
    const answer = this.commands.get(argv.join(' '));
    if (answer === undefined) return { stdout: '', stderr: `${argv[0]}: not scripted: ${argv.join(' ')}`, exitCode: 127, timedOut: false };
    const value = typeof answer === 'function' ? answer() : answer;
    return typeof value === 'string' ? { stdout: value, stderr: '', exitCode: 0, timedOut: false } : value;
  }

  async readFile(path: string): Promise<string> {
    const text = this.files.get(path);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    return text;
  }

  /** Watches started so far, by argv joined with spaces; a test drives them through their listener. */
  readonly watches = new Map<string, { listener: WatchListener; stopped: boolean }>();
  private readonly identities = new Map<string, string>();

  identity(path: string, id: string | undefined): this {
    if (id === undefined) this.identities.delete(path);
    else this.identities.set(path, id);
    return this;
  }

  async fileIdentity(path: string): Promise<string | undefined> {
    return this.identities.get(path);
  }

  watch(argv: readonly string[], listener: WatchListener): WatchHandle {
    const entry = { listener, stopped: false };
    this.watches.set(argv.join(' '), entry);
    return { stop: () => (entry.stopped = true) };
  }

  async listDir(path: string): Promise<string[]> {
    const names = this.dirs.get(path);
    if (names === undefined) throw Object.assign(new Error(`ENOENT: no such directory, scandir '${path}'`), { code: 'ENOENT' });
    return names;
  }
}

export const LAB_NODE_DIR = join(__dirname, '..', 'collectors', '__fixtures__', 'lab-node');

export const labNodeFixture = (name: string): string => readFileSync(join(LAB_NODE_DIR, name), 'utf8');

/** The lab-node captures wired to the argv the collectors run, in namespace `netns` when given. */
export function labNodeRunner(netns?: string, cniDir = '/etc/cni/net.d'): ScriptedCommandRunner {
  const ns = netns ? ` -n ${netns}` : '';
  return new ScriptedCommandRunner()
    .command(`ip${ns} -j -d -s link show`, labNodeFixture('ip-link.json'))
    .command(`ip${ns} -j addr show`, labNodeFixture('ip-addr.json'))
    .command(`ip${ns} -4 -j route show table all`, labNodeFixture('ip-route-v4.json'))
    .command(`ip${ns} -j -6 route show table all`, labNodeFixture('ip-route-v6.json'))
    .command(`ip${ns} -j neigh show`, labNodeFixture('ip-neigh.json'))
    .command(`bridge${ns} -j fdb show`, labNodeFixture('bridge-fdb.json'))
    .file('/proc/sys/kernel/hostname', 'lab-node\n')
    .file('/proc/sys/kernel/osrelease', '6.1.0-lab\n')
    .dir(cniDir, ['10-flannel.conflist', 'README'])
    .file(`${cniDir}/10-flannel.conflist`, labNodeFixture('cni/10-flannel.conflist'));
}
