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

export const apiConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Postgres connection string; without it the API runs an embedded Postgres under MESHLENS_DATA_DIR/postgres. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection string')
    .optional(),
  MESHLENS_DATA_DIR: z.string().min(1).default('.data'),
  /** Comma-separated agent tokens; an API without tokens accepts no reports. */
  MESHLENS_AGENT_TOKENS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  MESHLENS_BODY_LIMIT: byteSizeSchema.default(32 * 1024 ** 2),
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
