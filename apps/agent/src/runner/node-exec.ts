import { CommandRunner } from './command-runner';

/** A command that ran but failed, with what it printed on stderr (what an operator needs to see). */
export class CommandFailedError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${argv.join(' ')} failed (${exitCode === null ? 'killed' : `exit ${exitCode}`}): ${stderr.trim().slice(0, 500)}`);
    this.name = 'CommandFailedError';
  }
}

/**
 * iproute2 commands aimed at the node's namespace: `ip -n NAME` and `bridge -n NAME` (both accept -n in iproute2 6.1)
 * so one agent process can read any named namespace without entering it.
 */
export class NodeExec {
  constructor(
    private readonly runner: CommandRunner,
    private readonly netns: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  ip(args: readonly string[]): Promise<string> {
    return this.exec('ip', args);
  }

  bridge(args: readonly string[]): Promise<string> {
    return this.exec('bridge', args);
  }

  /** Any other program, outside the namespace (uname...). */
  async plain(argv: readonly string[]): Promise<string> {
    const r = await this.runner.run(argv, { timeoutMs: this.timeoutMs });
    if (r.exitCode !== 0) throw new CommandFailedError(argv, r.exitCode, r.stderr);
    return r.stdout;
  }

  readFile(path: string): Promise<string> {
    return this.runner.readFile(path);
  }

  listDir(path: string): Promise<string[]> {
    return this.runner.listDir(path);
  }

  private async exec(tool: string, args: readonly string[]): Promise<string> {
    const argv = this.netns ? [tool, '-n', this.netns, ...args] : [tool, ...args];
    return this.plain(argv);
  }
}
