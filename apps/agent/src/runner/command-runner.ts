/** What a finished (or killed) process gave back. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  /** null when the process was killed (timeout) or could not start. */
  exitCode: number | null;
  timedOut: boolean;
}

/**
 * The one door to the node: every process, namespace and file read of the agent goes through it, so collectors are
 * tested by feeding captured output. Argument vectors only; no shell ever interprets them.
 */
export interface CommandRunner {
  run(argv: readonly string[], opts?: { timeoutMs?: number }): Promise<CommandResult>;
  /** Whole file as UTF-8; rejects with the errno error (ENOENT...). */
  readFile(path: string): Promise<string>;
  /** Entry names of a folder; rejects with the errno error. */
  listDir(path: string): Promise<string[]>;
}

/** Nest injection token for the CommandRunner. */
export const COMMAND_RUNNER = Symbol('COMMAND_RUNNER');
