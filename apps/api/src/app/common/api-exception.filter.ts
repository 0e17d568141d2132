import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@meshlens/model';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ERROR_CODE_STATUS } from './meshlens-error-code';
import { MeshlensException } from './meshlens.exception';
import { isDataException, sqlStateOf } from './sql-state';

/** Every error leaves the API as an ApiError body ({statusCode, error, message, issues?}). */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ApiError & Record<string, unknown> } {
    if (exception instanceof MeshlensException) {
      const status = ERROR_CODE_STATUS[exception.code];
      const body = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: exception.message };
      return { status, body: { ...exception.extra, ...body, ...(exception.issues && { issues: exception.issues }) } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message =
        typeof res === 'string' ? res : [(res as { message?: unknown }).message].flat().filter(Boolean).join('; ');
      return { status, body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: message || exception.message } };
    }
    // body-parser errors (too large, malformed JSON) carry a status of their own.
    const parserStatus = (exception as { status?: unknown })?.status;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      const message = bodyParserMessage(exception as BodyParserError);
      return { status: parserStatus, body: { statusCode: parserStatus, error: STATUS_CODES[parserStatus] ?? 'Error', message } };
    }
    const state = sqlStateOf(exception);
    if (isDataException(state)) {
      // A schema let through a value the database refuses: answer 400, and say so, since the schema should catch it.
      this.logger.warn(`database refused a request value (SQLSTATE ${state}): ${(exception as Error).message}`);
      const status = HttpStatus.BAD_REQUEST;
      const detail = /Message: `([^`]{1,200})/.exec((exception as Error).message)?.[1] ?? `SQLSTATE ${state}`;
      return { status, body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: `a value is outside what the database can hold: ${detail}` } };
    }
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { status, body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: 'internal error' } };
  }
}

type BodyParserError = Error & { type?: string; limit?: number; length?: number };

/** body-parser's messages ("request entity too large") do not say what to change: these do. */
const bodyParserMessage = (e: BodyParserError): string => {
  switch (e.type) {
    case 'entity.too.large':
      return `request body is larger than the limit of ${e.limit} bytes (MESHLENS_BODY_LIMIT)`;
    case 'entity.parse.failed':
      return `body is not valid JSON: ${e.message}`;
    case 'request.size.invalid':
      return 'request body is shorter or longer than its Content-Length';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return `${e.message}; send application/json in UTF-8`;
    default:
      return e.message;
  }
};
