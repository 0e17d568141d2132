import type { NextFunction, Response } from 'express';
import type { ApiError } from '@meshlens/model';
import type { RequestWithPrincipal } from '../auth/principal';
import type { AgentTokenVerifier } from './agent-token.verifier';

/**
 * Express middleware mounted on the report route BEFORE the JSON body parser: a request without a valid agent
 * token is answered 401 without reading its (possibly 32 MB) body. A valid one is recorded on the request for
 * the auth guard, which checks a node-bound token against the report's nodeName once the body is parsed.
 */
export const agentTokenMiddleware =
  (verifier: AgentTokenVerifier) =>
  (req: RequestWithPrincipal, res: Response, next: NextFunction): void => {
    const agent = verifier.identify(req.headers.authorization);
    if (agent) {
      req.meshlensPrincipal = { kind: 'agent', ...agent };
      return next();
    }
    const body: ApiError = { statusCode: 401, error: 'Unauthorized', message: 'missing or invalid agent token (Authorization: Bearer <token>)' };
    res.setHeader('WWW-Authenticate', 'Bearer');
    // The unread body would otherwise be drained; closing tells the client not to send the rest.
    res.setHeader('Connection', 'close');
    res.status(401).json(body);
  };
