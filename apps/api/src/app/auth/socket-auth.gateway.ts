import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { AgentTokenVerifier } from '../reports/agent-token.verifier';
import { ApiKeyVerifier } from './api-key.verifier';
import { bearerOf } from './secret-digest';
import { SOCKET_CLIENT_EVENTS, SOCKET_ERROR_EVENT } from './socket-client-events';

/** Client messages are small (none are expected today); socket.io's default is 1 MB. */
const MAX_MESSAGE_BYTES = 64 * 1024;

type SocketError = { statusCode: number; error: string; message: string; issues?: { path: string; message: string }[] };

/**
 * Guards the socket.io server every gateway on the HTTP port shares (whichever adapter created it, plain or
 * Redis): browsers from other origins are refused unless MESHLENS_CORS_ORIGINS lists them, a connection needs an
 * API key (handshake `auth.token`, or `Authorization: Bearer` as the web's relay sends it) unless the API is
 * open, and every message a client emits must be a known event with a valid payload.
 */
@WebSocketGateway()
export class SocketAuthGateway implements OnGatewayInit {
  private readonly logger = new Logger('SocketAuth');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
    @Inject(AgentTokenVerifier) private readonly agents: AgentTokenVerifier,
  ) {}

  afterInit(server: Server): void {
    server.engine.opts.allowRequest = (req, callback) => {
      const allowed = this.originAllowed(req);
      callback(allowed ? null : 'origin not allowed', allowed);
    };
    server.engine.opts.maxHttpBufferSize = MAX_MESSAGE_BYTES;
    server.use((socket, next) => {
      const refusal = this.refusal(socket);
      if (!refusal) return next();
      next(Object.assign(new Error(refusal.message), { data: refusal }));
    });
    server.on('connection', (socket) => socket.use((packet, next) => this.checkMessage(socket, packet, next)));
  }

  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    // Non-browser clients (and the web's server-side relay) send no Origin.
    if (!origin) return true;
    if ((this.config.MESHLENS_CORS_ORIGINS ?? []).includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  private refusal(socket: Socket): SocketError | undefined {
    if (this.keys.open) return undefined;
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : bearerOf(socket.handshake.headers.authorization);
    if (this.keys.identifyKey(token)) return undefined;
    if (token !== undefined && this.agents.identify(`Bearer ${token}`)) {
      return { statusCode: 403, error: 'Forbidden', message: 'agent tokens may only POST reports; connect with an API key' };
    }
    return { statusCode: 401, error: 'Unauthorized', message: 'missing or invalid API key (handshake auth.token)' };
  }

  private checkMessage(socket: Socket, [event, ...args]: unknown[], next: (err?: Error) => void): void {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (e: SocketError) => void) : undefined;
    const schema = typeof event === 'string' ? SOCKET_CLIENT_EVENTS[event] : undefined;
    const refuse = (error: SocketError): void => {
      this.logger.debug(`refused socket.io message from ${socket.id}: ${error.message}`);
      if (ack) ack(error);
      else socket.emit(SOCKET_ERROR_EVENT, error);
    };
    if (!schema) {
      return refuse({ statusCode: 400, error: 'Bad Request', message: `event: unknown event ${JSON.stringify(String(event)).slice(0, 100)}` });
    }
    const result = schema.safeParse(args[0]);
    if (result.success) return next();
    const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    refuse({ statusCode: 400, error: 'Bad Request', message: `invalid ${String(event)}: ${issues[0]?.path || '(root)'}: ${issues[0]?.message}`, issues });
  }
}
