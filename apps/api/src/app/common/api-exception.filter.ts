import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@meshlens/model';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ERROR_CODE_STATUS } from './meshlens-error-code';
import { MeshlensException } from './meshlens.exception';

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
      const message = (exception as Error).message;
      return { status: parserStatus, body: { statusCode: parserStatus, error: STATUS_CODES[parserStatus] ?? 'Error', message } };
    }
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { status, body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: 'internal error' } };
  }
}
