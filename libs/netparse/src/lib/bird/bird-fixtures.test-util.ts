import { readFileSync } from 'fs';
import { join } from 'path';

/** Captured BIRD versions (folders under __fixtures__). */
export const BIRD_FIXTURE_VERSIONS = ['bird-1.6', 'bird-2.0'] as const;
export type BirdFixtureVersion = (typeof BIRD_FIXTURE_VERSIONS)[number];

export const birdFixture = (
  version: BirdFixtureVersion,
  name: string,
): string =>
  readFileSync(join(__dirname, '__fixtures__', version, name), 'utf8');

export const birdFixtureBytes = (
  version: BirdFixtureVersion,
  name: string,
): Buffer => readFileSync(join(__dirname, '__fixtures__', version, name));

/**
 * What birdc printed for `show protocols all`, read independently of the parsers under test: per protocol, its
 * row's columns and the `Key: value` detail lines (the first occurrence of each key, and every `Routes:` line).
 */
export interface BirdcProtocol {
  columns: string[];
  details: Map<string, string>;
  routes: string[];
}

export const readBirdcShowProtocols = (
  text: string,
): Map<string, BirdcProtocol> => {
  const out = new Map<string, BirdcProtocol>();
  let current: BirdcProtocol | undefined;
  for (const line of text.split('\n')) {
    if (
      /^BIRD .* ready\.$/.test(line) ||
      /^name\s+proto/i.test(line) ||
      line.trim() === ''
    )
      continue;
    if (!line.startsWith(' ')) {
      const columns = line.trim().split(/\s+/);
      current = { columns, details: new Map(), routes: [] };
      out.set(columns[0], current);
      continue;
    }
    const kv = /^\s+([^:]+):\s*(.*?)\s*$/.exec(line);
    if (!current || !kv) continue;
    if (kv[1] === 'Routes') current.routes.push(kv[2]);
    else if (!current.details.has(kv[1])) current.details.set(kv[1], kv[2]);
  }
  return out;
};
