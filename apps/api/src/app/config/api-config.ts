import { z } from 'zod';

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "32mb", "512kb", "1048576": what body-parser accepts, checked here so a typo fails at start, not per request. */
const byteSizeSchema = z
  .string()
  .trim()
  .regex(/^\d+\s*(b|kb|mb|gb)?$/i, 'expected a size like 32mb, 512kb or a number of bytes')
  .transform((s) => {
    const [, n, unit = ''] = /^(\d+)\s*([a-z]*)$/i.exec(s) ?? [];
    return Number(n) * BYTE_UNITS[unit.toLowerCase()];
  });

/** `[<node>@]<token>` or `[<node>@]sha256:<hex>`: a node-bound token may only report for that node. */
const AGENT_TOKEN_ENTRY = /^(?:[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?@)?(?:sha256:[0-9a-f]{64}|(?!sha256:)[^@\s]+)$/i;
const API_KEY_ENTRY = /^(reader|operator|admin):(?:sha256:[0-9a-f]{64}|(?!sha256:)\S+)$/i;
const ORIGIN = /^https?:\/\/[^/\s]+$/i;
/** Unset stays undefined (the default applies where it is used); set, every comma-separated entry must match. */
const commaListSchema = (entry: RegExp, message: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : s.split(',').map((t) => t.trim()).filter(Boolean)))
    .pipe(z.array(z.string().regex(entry, message)).optional());

export const apiConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Postgres connection string; without it the API runs an embedded Postgres under MESHLENS_DATA_DIR/postgres. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection string')
    .optional(),
  MESHLENS_DATA_DIR: z.string().min(1).default('.data'),
  /** Comma-separated agent tokens, plain or as sha256 hashes, optionally bound to one node; none: no reports. */
  MESHLENS_AGENT_TOKENS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(AGENT_TOKEN_ENTRY, 'expected [<node>@]<token> or [<node>@]sha256:<64 hex>'))),
  MESHLENS_BODY_LIMIT: byteSizeSchema.default(32 * 1024 ** 2),
  // Auth, CORS and rate limits (docs/security.md); left unset they take the defaults in auth/auth-defaults.ts.
  /** Comma list of `<role>:sha256:<hex>` (or `<role>:<key>`); role reader, operator or admin. Unset: open API. */
  MESHLENS_API_KEYS: commaListSchema(API_KEY_ENTRY, 'expected <reader|operator|admin>:sha256:<64 hex> or <role>:<key>'),
  /** Origins allowed to call the API from a browser (CORS and socket.io); unset: none, same-origin only. */
  MESHLENS_CORS_ORIGINS: commaListSchema(ORIGIN, 'expected an origin like https://meshlens.example.org'),
  /** Requests per minute per API key (per client address while the API is open). */
  MESHLENS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  /** Reports per minute per agent token and node. */
  MESHLENS_AGENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  /** Folder of Prisma migrations; found beside the bundle or in the repository when unset. */
  MESHLENS_MIGRATIONS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const API_CONFIG = Symbol('API_CONFIG');

/** Reads and validates the environment; throws one error listing every bad variable. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const result = apiConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid configuration:\n${lines.join('\n')}`);
}
