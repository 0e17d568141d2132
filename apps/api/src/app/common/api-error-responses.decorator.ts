import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { apiErrorSchema } from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

export class ApiErrorDto extends createZodDto(apiErrorSchema) {}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; issues[] names every offending field',
  401: 'Missing or invalid agent token or API key',
  403: "The key's role does not allow this, or the agent token is bound to another node",
  404: 'Unknown node',
  413: 'Body larger than MESHLENS_BODY_LIMIT',
  415: 'Body is not application/json',
  429: 'Rate limit of this key or agent reached; Retry-After says when to try again',
};

/** Documents the ApiError body for the given statuses. */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, type: ApiErrorDto, description: DESCRIPTIONS[status] })));
