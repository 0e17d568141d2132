/**
 * Seeded generator of hostile report bodies for the report endpoint's fuzz test: a real captured report with one
 * or more of its fields dropped or replaced (wrong types, huge strings, deep nesting, out-of-range numbers,
 * prototype keys), and bodies that are not a report at all (truncated JSON, wrong content-type, random bytes).
 */

/** mulberry32: a tiny seeded PRNG, so every run sends the same inputs and a failure can be replayed. */
export const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
export type Rng = () => number;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

const nested = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values that are wrong somewhere in a report: types, ranges, shapes and sizes a parser or a column may choke on. */
const HOSTILE_VALUES: readonly (() => unknown)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1.5,
  () => 2 ** 31,
  () => 2 ** 32,
  () => 2 ** 53 + 2,
  () => -(2 ** 63),
  () => 1e308,
  () => '',
  () => ' ',
  () => 'x'.repeat(100_000),
  () => '\u0000',
  () => '\ud800',
  () => '💥'.repeat(1000),
  () => "'; DROP TABLE \"Node\"; --",
  () => '10.0.0.0/33',
  () => '::ffff:999.1.1.1/200',
  () => '1970-01-01T00:00:00.000Z',
  () => '9999-12-31T23:59:59.999Z',
  () => 'not-a-date',
  () => '__proto__',
  () => [],
  () => [null],
  () => Array.from({ length: 5000 }, (_, i) => i),
  () => ({}),
  () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  () => nested(2000),
];

type Json = unknown;
type Path = (string | number)[];

/** Every path to a value (objects and arrays included) in a JSON document. */
export function pathsOf(doc: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(doc)) doc.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) pathsOf(v, [...prefix, k], out);
  return out;
}

const clone = <T>(doc: T): T => structuredClone(doc);

function mutateAt(rng: Rng, doc: Json, path: Path, op: 'drop' | 'replace' | 'add' | 'duplicate', value: () => unknown): void {
  let parent = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (op === 'duplicate') {
    // A second row with the same natural key (a table row repeated, or any array element).
    if (Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
  } else if (op === 'drop') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (op === 'add') {
    const target = parent[last];
    if (Array.isArray(target)) target.push(value());
    // An own "__proto__" key, as JSON.parse makes it (plain assignment would set the prototype instead).
    else if (target && typeof target === 'object') Object.defineProperty(target, pick(rng, ['extra', '__proto__', 'constructor']), { value: value(), enumerable: true });
    else parent[last] = value();
  } else {
    parent[last] = value();
  }
}

export interface FuzzBody {
  label: string;
  body: string;
  contentType: string;
}

/** One to three mutations of the base report, serialised as JSON. */
export function mutatedReport(rng: Rng, base: Json, paths: Path[], seq: number): FuzzBody {
  return mutatedDocument(rng, { ...(base as Record<string, unknown>), seq }, paths);
}

/** One to three mutations of any JSON document (paths from pathsOf(base)), serialised as JSON. */
export function mutatedDocument(rng: Rng, base: Json, paths: Path[]): FuzzBody {
  const doc = clone(base);
  const labels: string[] = [];
  const count = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < count; i++) {
    const path = pick(rng, paths);
    const op = pick(rng, ['drop', 'replace', 'replace', 'add', 'duplicate'] as const);
    const value = pick(rng, HOSTILE_VALUES);
    try {
      mutateAt(rng, doc, path, op, value);
      labels.push(`${op} ${path.join('.')}`);
    } catch {
      // An earlier mutation removed this path's parent: skip it.
    }
  }
  return { label: labels.join(', '), body: JSON.stringify(doc), contentType: 'application/json' };
}

/** Bodies that are not a well-formed JSON report at all. */
export function brokenBody(rng: Rng, base: Json): FuzzBody {
  const text = JSON.stringify(base);
  const kind = pick(rng, ['truncated', 'wrong-content-type', 'garbage', 'scalar', 'bom', 'deep', 'empty', 'form', 'oversized'] as const);
  switch (kind) {
    case 'truncated':
      return { label: kind, body: text.slice(0, Math.floor(rng() * text.length)), contentType: 'application/json' };
    case 'wrong-content-type':
      return { label: kind, body: text, contentType: pick(rng, ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream']) };
    case 'garbage':
      return { label: kind, body: Array.from({ length: 1 + Math.floor(rng() * 2000) }, () => String.fromCharCode(Math.floor(rng() * 0xd7ff))).join(''), contentType: 'application/json' };
    case 'scalar':
      return { label: kind, body: pick(rng, ['null', '1', '"report"', '[]', 'true', '[' + text + ']']), contentType: 'application/json' };
    case 'bom':
      return { label: kind, body: '\ufeff' + text.replace('"kind":"full"', '"kind":"fuller"'), contentType: 'application/json' };
    case 'deep':
      return { label: kind, body: '['.repeat(100_000) + ']'.repeat(100_000), contentType: 'application/json' };
    case 'empty':
      return { label: kind, body: '', contentType: 'application/json' };
    case 'oversized':
      // Larger than the limit the fuzz test configures (2 MB): 413, without the API parsing it.
      return { label: kind, body: text.replace('"kind":"full"', `"kind":"full","pad":"${'x'.repeat(2.5 * 1024 * 1024)}"`), contentType: 'application/json' };
    case 'form':
      return { label: kind, body: 'nodeName=node-1&seq=1', contentType: 'application/x-www-form-urlencoded' };
  }
}
