import { HttpStatus } from '@nestjs/common';

export enum MeshlensErrorCode {
  Validation = 'VALIDATION',
  Unauthorized = 'UNAUTHORIZED',
  NodeNotFound = 'NODE_NOT_FOUND',
  /** A delta that does not apply on top of the stored state (other epoch, sequence gap, unknown node). */
  NeedFullReport = 'NEED_FULL_REPORT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** Authenticated, but this key's role (or this agent token's node) does not allow the request. */
  Forbidden = 'FORBIDDEN',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited = 'RATE_LIMITED',
}

/** The one place codes become HTTP statuses. */
export const ERROR_CODE_STATUS: Record<MeshlensErrorCode, HttpStatus> = {
  [MeshlensErrorCode.Validation]: HttpStatus.BAD_REQUEST,
  [MeshlensErrorCode.Unauthorized]: HttpStatus.UNAUTHORIZED,
  [MeshlensErrorCode.NodeNotFound]: HttpStatus.NOT_FOUND,
  [MeshlensErrorCode.NeedFullReport]: HttpStatus.CONFLICT,
  [MeshlensErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [MeshlensErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [MeshlensErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [MeshlensErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
};
