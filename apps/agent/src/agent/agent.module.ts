import { DynamicModule, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { BGP_READER, BgpReader } from '../collectors/bgp-reader';
import { createCollectors } from '../collectors/collector-factory';
import { SnapshotCollector } from '../collectors/snapshot-collector';
import { AGENT_LOGGER } from '../logging/create-logger';
import { AGENT_OPTIONS, AgentOptions } from '../options/agent-options.schema';
import { ReportComposer } from '../report/report-composer';
import { COMMAND_RUNNER, CommandRunner } from '../runner/command-runner';
import { NodeExec } from '../runner/node-exec';
import { ProcessCommandRunner } from '../runner/process-command-runner';
import { AgentRunner } from './agent-runner';
import { createBirdBgpReader } from './bird-bgp-reader';
import { createQueueSink } from './create-queue-sink';
import type { ReportSink } from './report-sink';
import { SerialExecutor } from './serial-executor';
import { StdoutReportSink } from './stdout-report-sink';
import type { CollectGate } from '../watch/collect-gate';
import { KernelChangeGate } from '../watch/kernel-change-gate';

export interface AgentModuleDeps {
  logger: Logger;
  /** Defaults to real processes and files; tests pass a runner fed with captured output. */
  runner?: CommandRunner;
  bgpReader?: BgpReader;
  /** Where --dry-run prints; defaults to process.stdout. */
  stdout?: (text: string) => void;
}

const REPORT_SINK = Symbol('REPORT_SINK');
const COLLECT_GATE = Symbol('COLLECT_GATE');

/** Wiring only: every piece is a plain class, built here from the validated options. */
@Module({})
export class AgentModule implements OnModuleDestroy {
  constructor(
    @Inject(BGP_READER) private readonly bgpReader: BgpReader,
    @Inject(COLLECT_GATE) private readonly gate: CollectGate | null,
  ) {}

  onModuleDestroy(): void {
    this.bgpReader.close?.();
    this.gate?.close();
  }

  static forRoot(options: AgentOptions, deps: AgentModuleDeps): DynamicModule {
    return {
      module: AgentModule,
      providers: [
        { provide: AGENT_OPTIONS, useValue: options },
        { provide: AGENT_LOGGER, useValue: deps.logger },
        { provide: COMMAND_RUNNER, useValue: deps.runner ?? new ProcessCommandRunner(options.commandTimeoutMs) },
        { provide: BGP_READER, useValue: deps.bgpReader ?? createBirdBgpReader(options.commandTimeoutMs) },
        { provide: SerialExecutor, useValue: new SerialExecutor() },
        { provide: ReportComposer, useValue: new ReportComposer(options.nodeName) },
        {
          provide: NodeExec,
          inject: [COMMAND_RUNNER],
          useFactory: (runner: CommandRunner) => new NodeExec(runner, options.netns, options.commandTimeoutMs),
        },
        {
          // A running agent skips re-reading tables the kernel did not touch; --once reads everything anyway. Only
          // a real kernel announces its changes: with a scripted runner every table is read every cycle.
          provide: COLLECT_GATE,
          inject: [COMMAND_RUNNER],
          useFactory: (runner: CommandRunner): CollectGate | null =>
            options.once || deps.runner ? null : new KernelChangeGate(runner, options.netns, deps.logger),
        },
        {
          provide: SnapshotCollector,
          inject: [NodeExec, BGP_READER, COLLECT_GATE],
          useFactory: (exec: NodeExec, bgp: BgpReader, gate: CollectGate | null) =>
            new SnapshotCollector(createCollectors(options, exec, bgp), deps.logger, options.netns, gate ?? undefined),
        },
        {
          provide: REPORT_SINK,
          inject: [ReportComposer, SerialExecutor],
          useFactory: (composer: ReportComposer, serial: SerialExecutor): ReportSink =>
            options.dryRun
              ? new StdoutReportSink(deps.stdout ?? ((t) => process.stdout.write(t)), options.once)
              : createQueueSink(options, composer, serial, deps.logger),
        },
        {
          provide: AgentRunner,
          inject: [SnapshotCollector, ReportComposer, REPORT_SINK, SerialExecutor],
          useFactory: (snapshots: SnapshotCollector, composer: ReportComposer, sink: ReportSink, serial: SerialExecutor) =>
            new AgentRunner(snapshots, composer, sink, serial, deps.logger),
        },
      ],
      exports: [AgentRunner],
    };
  }
}
