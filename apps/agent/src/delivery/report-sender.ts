import { NodeReport, ReportAck, reportAckSchema } from '@meshlens/model';
import { HttpAnswer, postJson } from './post-json';

export type SendOutcome =
  | { type: 'ack'; ack: ReportAck }
  /** 409: the API cannot apply this report (gap, unknown epoch) and wants a full one. */
  | { type: 'need-full'; status: number; detail: string }
  /** 400 and other final 4xx: this report will never be accepted. */
  | { type: 'rejected'; status: number; detail: string }
  /** 401/403: the token may be fixed on either side, so the report is kept and retried. */
  | { type: 'unauthorized'; status: number; detail: string }
  /** Connection refused, timeout, 5xx, 408, 429, an unreadable ack: try the same report again later. */
  | { type: 'retry'; status?: number; detail: string };

export interface ReportSender {
  send(report: NodeReport): Promise<SendOutcome>;
}

const RETRYABLE_4XX = new Set([408, 425, 429]);

/** POST ${api}/api/v1/reports with the bearer token; classifies the answer, never throws. */
export class HttpReportSender implements ReportSender {
  private readonly url: string;

  constructor(
    api: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.url = `${api.replace(/\/+$/, '')}/api/v1/reports`;
  }

  async send(report: NodeReport): Promise<SendOutcome> {
    let res: HttpAnswer;
    try {
      res = await postJson(this.url, JSON.stringify(report), { authorization: `Bearer ${this.token}` }, this.timeoutMs);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return { type: 'retry', detail: err.code ?? err.message };
    }
    const text = res.text;
    const detail = text.slice(0, 1000);
    if (res.status === 200 || res.status === 201) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { type: 'retry', status: res.status, detail: `ack is not JSON: ${detail}` };
      }
      const ack = reportAckSchema.safeParse(body);
      if (!ack.success) return { type: 'retry', status: res.status, detail: `ack does not match the model: ${detail}` };
      return { type: 'ack', ack: ack.data };
    }
    if (res.status === 409) return { type: 'need-full', status: res.status, detail };
    if (res.status === 401 || res.status === 403) return { type: 'unauthorized', status: res.status, detail };
    if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status)) {
      return { type: 'rejected', status: res.status, detail };
    }
    return { type: 'retry', status: res.status, detail };
  }
}
