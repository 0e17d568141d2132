import type { z } from 'zod';
import {
  parseFailure,
  parseJsonText,
  parsed,
  type ParseResult,
} from './parse-result';

/** What a row mapper returns: one model object, several (ip addr: one link, many addresses), or why it was skipped. */
export type RowOutcome<T> = T | T[] | { skip: string };

const isSkip = (o: unknown): o is { skip: string } =>
  typeof o === 'object' &&
  o !== null &&
  !Array.isArray(o) &&
  typeof (o as { skip?: unknown }).skip === 'string';

/**
 * The frame every iproute2 JSON parser shares: JSON text -> array -> one mapper call per row -> zod check.
 * A row that cannot be mapped, or whose result fails the model schema, is skipped with a warning; only input that
 * is not a JSON array fails as a whole.
 */
export const parseJsonRows = <T>(
  source: string,
  text: string,
  schema: z.ZodType<T>,
  mapRow: (row: unknown, index: number) => RowOutcome<T>,
  prepare?: (rows: unknown[]) => void,
): ParseResult<T[]> => {
  if (typeof text !== 'string')
    return parseFailure(source, 'input is not text');
  const json = parseJsonText(source, text);
  if (!json.ok) return json;
  const rows = json.value;
  if (!Array.isArray(rows))
    return parseFailure(source, 'expected a JSON array');
  const warnings: string[] = [];
  try {
    prepare?.(rows);
  } catch (e) {
    warnings.push(`could not index rows: ${(e as Error).message}`);
  }
  const out: T[] = [];
  rows.forEach((row, i) => {
    let outcome: RowOutcome<T>;
    try {
      outcome = mapRow(row, i);
    } catch (e) {
      warnings.push(`row ${i}: skipped: ${(e as Error).message}`);
      return;
    }
    if (isSkip(outcome)) {
      warnings.push(`row ${i}: skipped: ${outcome.skip}`);
      return;
    }
    for (const item of Array.isArray(outcome) ? outcome : [outcome]) {
      const checked = schema.safeParse(item);
      if (checked.success) out.push(checked.data);
      else
        warnings.push(
          `row ${i}: skipped: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`,
        );
    }
  });
  return parsed(out, warnings);
};
