/**
 * JSON with object keys sorted at every depth, so two equal model objects serialise identically whatever order
 * iproute2 or a parser produced their keys in. Undefined-valued keys are dropped and undefined array items become
 * null, as JSON.stringify does. Written out directly rather than through sorted copies: the agent runs it over every
 * row of every table each cycle (10k routes), where the copies cost as much as the serialising.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

function serialise(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => serialise(v) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(record).sort()) {
    const v = serialise(record[k]);
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}
