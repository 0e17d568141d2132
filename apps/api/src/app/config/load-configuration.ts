import type { z } from 'zod';
import { alertsConfigSchema } from '../alerts/alerts-config';
import { clusterConfigSchema } from '../cluster/cluster-config';
import { datastoreConfigSchema } from '../datastore/datastore-config';
import { historyConfigSchema } from '../history/history-config';
import { apiConfigSchema } from './api-config';
import { readConfigFile, type FileSettings } from './config-file';

/** The environment variable naming the config file. */
export const CONFIG_FILE_ENV = 'MESHLENS_CONFIG';

/** Keys read outside the schemas below (checked where they are used). */
const OTHER_KEYS = ['MESHLENS_FINDINGS_INTERVAL_MS', 'NODE_ENV'];

/** Every part of the API's configuration: each module validates its own part again when it starts. */
const SCHEMAS: Array<{ part: string; schema: z.ZodType }> = [
  { part: 'api', schema: apiConfigSchema },
  { part: 'datastore', schema: datastoreConfigSchema },
  { part: 'alerts', schema: alertsConfigSchema },
  { part: 'history', schema: historyConfigSchema },
  { part: 'cluster', schema: clusterConfigSchema },
];

export interface LoadedConfiguration {
  /** The environment with the file's settings added under it (a variable that is set wins over the file). */
  env: NodeJS.ProcessEnv;
  file?: string;
  /** Keys whose value came from the file. */
  fromFile: string[];
}

/** Keys of a zod object schema, looking through refinements and transforms (zod 4 pipes keep the input in `in`). */
function keysOf(schema: z.ZodType): string[] {
  let s: unknown = schema;
  for (let i = 0; i < 5 && s; i++) {
    const def = (s as { _zod?: { def?: { shape?: Record<string, unknown>; in?: unknown; type?: string } } })._zod?.def;
    if (def?.shape) return Object.keys(def.shape);
    s = def?.in;
  }
  return [];
}

export function knownConfigKeys(): string[] {
  return [...new Set([...SCHEMAS.flatMap(({ schema }) => keysOf(schema)), ...OTHER_KEYS])].sort();
}

/**
 * Environment variables plus the file MESHLENS_CONFIG names; the environment overrides the file. Validates every
 * part at once and throws one error listing each bad or unknown key with where it came from.
 */
export function loadConfiguration(env: NodeJS.ProcessEnv = process.env, read?: (p: string) => string): LoadedConfiguration {
  const file = env[CONFIG_FILE_ENV]?.trim() || undefined;
  const settings: FileSettings = file ? readConfigFile(file, read) : {};
  const known = new Set(knownConfigKeys());
  const problems: string[] = [];
  for (const key of Object.keys(settings)) {
    if (!known.has(key)) problems.push(`  ${key} (in ${file}): unknown setting${suggest(key, known)}`);
  }
  const fromFile = Object.keys(settings).filter((k) => known.has(k) && env[k] === undefined);
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const key of fromFile) merged[key] = settings[key];
  const origin = (key: string): string => (fromFile.includes(key) ? `in ${file}` : 'environment variable');
  for (const { schema } of SCHEMAS) {
    const result = schema.safeParse(merged);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '(root)');
      problems.push(`  ${key} (${origin(key)}): ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid configuration:\n${[...new Set(problems)].join('\n')}`);
  return { env: merged, file, fromFile };
}

/** "did you mean" for a key one typo away from a known one. */
function suggest(key: string, known: Set<string>): string {
  const close = [...known].find((k) => distance(k, key) <= 2);
  return close ? ` (did you mean ${close}?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}
