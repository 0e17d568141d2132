/**
 * What every parser returns: the model objects, or a typed error the agent logs and reports. Parsers never throw on
 * bad input (truncated JSON, garbage, an unexpected shape); `warnings` name rows that were skipped and why.
 */
export interface ParseError {
  /** What was being parsed: "ip-link", "ip-route", "bird-protocols", ... */
  source: string;
  message: string;
}

export type ParseResult<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; error: ParseError };

export const parsed = <T>(value: T, warnings: string[] = []): ParseResult<T> => ({ ok: true, value, warnings });

export const parseFailure = <T = never>(source: string, message: string): ParseResult<T> => ({
  ok: false,
  error: { source, message },
});

/** JSON.parse that reports instead of throwing. */
export const parseJsonText = (source: string, text: string): ParseResult<unknown> => {
  try {
    return parsed(JSON.parse(text) as unknown);
  } catch (e) {
    return parseFailure(source, `not valid JSON: ${(e as Error).message}`);
  }
};
