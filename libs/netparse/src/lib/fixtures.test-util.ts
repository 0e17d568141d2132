import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', '__fixtures__');

/** Text of `__fixtures__/<source>/<name>`, verbatim as captured. */
export const fixture = (source: string, name: string): string =>
  readFileSync(join(FIXTURES_DIR, source, name), 'utf8');

/** Every capture of one source (json files only; notes are .md). */
export const fixtureNames = (source: string, ext = '.json'): string[] =>
  readdirSync(join(FIXTURES_DIR, source)).filter((f) => f.endsWith(ext));

/** Unwraps a ParseResult in a test, failing loudly when the parser rejected the whole input. */
export const ok = <T>(
  r: { ok: true; value: T } | { ok: false; error: { message: string } },
): T => {
  if (!r.ok) throw new Error(`parse failed: ${r.error.message}`);
  return r.value;
};
