import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@meshlens/model';

/**
 * A request that carries a body must say it is JSON: otherwise the JSON parser skips it and the handler would
 * see no body at all and answer a confusing "expected object" (or, for a route without a body, accept it).
 */
export const jsonBodyOnly = (req: Request, res: Response, next: NextFunction): void => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is('application/json')) return next();
  const body: ApiError = {
    statusCode: 415,
    error: 'Unsupported Media Type',
    message: `content-type: expected application/json, got ${JSON.stringify(req.headers['content-type'] ?? 'none').slice(0, 100)}`,
  };
  res.setHeader('Connection', 'close');
  res.status(415).json(body);
};
