/** What a finished (or killed) process gave back. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  /** null when the process was killed (timeout) or could not start. */
  exitCode: number | null;
  timedOut: boolean;
}

/** A long-lived command started with CommandRunner.watch. */
export interface WatchHandle {
  stop(): void;
}

export interface WatchListener {
  /** One line of stdout, without its newline. */
  line(text: string): void;
  /** Anything on stderr (a netlink overrun, a namespace that went away). */
  error(text: string): void;
  /** The command ended (or could not start); no more calls follow. */
  exit(detail: string): void;
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
  /** Device and inode of a path ("dev:ino"), undefined when it does not exist: tells a recreated namespace apart. */
  fileIdentity(path: string): Promise<string | undefined>;
  /** Starts a command that keeps running (`ip monitor`) and hands over its output line by line. */
  watch(argv: readonly string[], listener: WatchListener): WatchHandle;
}

/** Nest injection token for the CommandRunner. */
export const COMMAND_RUNNER = Symbol('COMMAND_RUNNER');
