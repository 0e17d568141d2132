import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AgentModule, AgentModuleDeps } from '../agent/agent.module';
import { AgentRunner } from '../agent/agent-runner';
import { createLogger } from '../logging/create-logger';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { parseAgentOptions } from '../options/parse-agent-options';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT); absent for --once. */
  stopSignal?: Promise<unknown>;
}

export type CliDeps = Omit<AgentModuleDeps, 'logger' | 'stdout'>;

/**
 * The whole agent as a function of argv: 0 done, 1 a --once report could not be delivered, 2 bad options.
 * main.ts calls it with the real process; tests call it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const parsed = parseAgentOptions(argv, io.env);
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? io.stdout : io.stderr)(`${parsed.message}\n`);
    return parsed.exitCode;
  }
  const options = parsed.options;
  const logger = createLogger(options.logLevel, options.nodeName);
  const app = await NestFactory.createApplicationContext(AgentModule.forRoot(options, { ...deps, logger, stdout: io.stdout }), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const agent = app.get(AgentRunner);
  try {
    if (options.once) {
      const delivered = await agent.runOnce();
      if (!delivered) logger.error('report could not be delivered; it stays queued for the next run');
      return delivered ? 0 : 1;
    }
    await agent.start({ intervalMs: options.interval * 1000, bgpIntervalMs: options.bgpInterval * 1000 });
    await (io.stopSignal ?? new Promise(() => undefined));
    logger.info('stopping');
    await agent.stop();
    return 0;
  } finally {
    await app.close();
  }
}
