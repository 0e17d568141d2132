import type { ParseResult } from '@meshlens/netparse';

/** A parser that could not read the command's output fails its collector, with the parser's own message. */
export class ParseFailedError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'ParseFailedError';
  }
}

export function unwrapParse<T>(result: ParseResult<T>, warnings: string[]): T {
  if (!result.ok) throw new ParseFailedError(result.error.source, result.error.message);
  warnings.push(...result.warnings);
  return result.value;
}
