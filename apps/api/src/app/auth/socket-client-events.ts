import { z } from 'zod';

/**
 * Every event a socket.io client may send, with the schema of its payload. The API only pushes today
 * (alert:firing, alert:resolved, alert:updated), so there are none: anything a client emits is refused with a
 * `meshlens:error` naming the event. A gateway that adds a @SubscribeMessage adds its schema here.
 */
export const SOCKET_CLIENT_EVENTS: Readonly<Record<string, z.ZodType>> = {};

/** What a refused message or connection is answered with (same fields as the HTTP ApiError). */
export const SOCKET_ERROR_EVENT = 'meshlens:error';
