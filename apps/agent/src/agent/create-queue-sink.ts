import type { Logger } from 'pino';
import { Backoff } from '../delivery/backoff';
import { DeliveryLoop } from '../delivery/delivery-loop';
import { HttpReportSender } from '../delivery/report-sender';
import type { AgentOptions } from '../options/agent-options.schema';
import { ReportQueue } from '../queue/report-queue';
import type { ReportComposer } from '../report/report-composer';
import { QueueReportSink } from './queue-report-sink';
import type { SerialExecutor } from './serial-executor';

/** Queue, HTTP sender and delivery loop for one composer; `background` runs delivery continuously (not --once). */
export function createQueueSink(
  options: Pick<AgentOptions, 'stateDir' | 'queueMaxBytes' | 'api' | 'token' | 'once'>,
  composer: ReportComposer,
  serial: SerialExecutor,
  log: Logger,
  backoff = new Backoff(),
): QueueReportSink {
  const queue = new ReportQueue(options.stateDir, options.queueMaxBytes);
  const sender = new HttpReportSender(options.api, options.token ?? '');
  let sink: QueueReportSink | undefined = undefined;
  const delivery = new DeliveryLoop(
    queue,
    sender,
    {
      epoch: composer.epoch,
      needFull: () => sink?.collapse() ?? Promise.resolve(),
      dropped: () => composer.requestFull(),
    },
    log,
    backoff,
  );
  sink = new QueueReportSink(queue, delivery, composer, serial, log, !options.once);
  return sink;
}
