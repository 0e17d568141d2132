import type { z } from 'zod';
import {
  parseFailure,
  parseJsonText,
  parsed,
  type ParseResult,
} from './parse-result';

/** What a row mapper returns: one model object, several (ip addr: one link, many addresses), or why it was skipped. */
export type RowOutcome<T> = T | T[] | { skip: string };

/**
 * How rows are held to the model: the zod schema, and optionally a hand-written guard that accepts only rows the
 * schema accepts. Rows pass the guard cheaply; only the rest pay for safeParse, which names what is wrong.
 */
export interface GuardedSchema<T> {
  schema: z.ZodType<T>;
  guard: (item: unknown) => item is T;
}

const isGuarded = <T>(check: z.ZodType<T> | GuardedSchema<T>): check is GuardedSchema<T> =>
  typeof (check as GuardedSchema<T>).guard === 'function';

const isSkip = (o: unknown): o is { skip: string } =>
  typeof o === 'object' &&
  o !== null &&
  !Array.isArray(o) &&
  typeof (o as { skip?: unknown }).skip === 'string';

/**
 * The frame every iproute2 JSON parser shares: JSON text -> array -> one mapper call per row -> model check.
 * A row that cannot be mapped, or whose result fails the model schema, is skipped with a warning; only input that
 * is not a JSON array fails as a whole.
 */
export const parseJsonRows = <T>(
  source: string,
  text: string,
  check: z.ZodType<T> | GuardedSchema<T>,
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
  const schema = isGuarded(check) ? check.schema : check;
  const guard = isGuarded(check) ? check.guard : undefined;
  const warnings: string[] = [];
  try {
    prepare?.(rows);
  } catch (e) {
    warnings.push(`could not index rows: ${(e as Error).message}`);
  }
  const out: T[] = [];
  const accept = (item: T, i: number): void => {
    if (guard?.(item)) {
      out.push(item);
      return;
    }
    const checked = schema.safeParse(item);
    if (checked.success) out.push(checked.data);
    else
      warnings.push(
        `row ${i}: skipped: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`,
      );
  };
  for (let i = 0; i < rows.length; i++) {
    let outcome: RowOutcome<T>;
    try {
      outcome = mapRow(rows[i], i);
    } catch (e) {
      warnings.push(`row ${i}: skipped: ${(e as Error).message}`);
      continue;
    }
    if (isSkip(outcome)) {
      warnings.push(`row ${i}: skipped: ${outcome.skip}`);
      continue;
    }
    if (Array.isArray(outcome)) for (const item of outcome) accept(item, i);
    else accept(outcome, i);
  }
  return parsed(out, warnings);
};
