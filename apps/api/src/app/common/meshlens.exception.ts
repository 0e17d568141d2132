import type { ApiError } from '@meshlens/model';
import { MeshlensErrorCode } from './meshlens-error-code';

export type ApiIssue = NonNullable<ApiError['issues']>[number];

/** The API's own error: a code (mapped once to a status in ERROR_CODE_STATUS), a message and optional details. */
export class MeshlensException extends Error {
  constructor(
    readonly code: MeshlensErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    /** Extra fields merged into the error body (the 409 of a report carries the current ReportAck). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MeshlensException';
  }

  static validation(issues: ApiIssue[], what = 'request'): MeshlensException {
    const first = issues[0];
    const message = first ? `invalid ${what}: ${first.path || '(root)'}: ${first.message}` : `invalid ${what}`;
    return new MeshlensException(MeshlensErrorCode.Validation, message, issues);
  }
}
