import type { NodeReport } from '@meshlens/model';
import type { ReportSink } from './report-sink';

/** --dry-run: one JSON document per report on stdout (indented for a single --once report, else one per line). */
export class StdoutReportSink implements ReportSink {
  constructor(
    private readonly write: (text: string) => void,
    private readonly pretty: boolean,
  ) {}

  async open(): Promise<void> {
    return undefined;
  }

  async accept(report: NodeReport): Promise<void> {
    this.write(`${JSON.stringify(report, null, this.pretty ? 2 : undefined)}\n`);
  }

  async flush(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    return undefined;
  }
}
