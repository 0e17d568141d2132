import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { API_ROLES } from './api-role';

export const authSessionSchema = z.object({
  /** open: no API keys configured, everyone is admin; keys: every non-public route needs a key. */
  mode: z.enum(['open', 'keys']),
  /** Role of the key sent (admin when open); null when none was sent. */
  role: z.enum(API_ROLES).nullable(),
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export class AuthSessionDto extends createZodDto(authSessionSchema) {}
