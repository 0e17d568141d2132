import type { ApiIssue } from './meshlens.exception';

// U+0000 (Postgres text and jsonb cannot hold it) or a UTF-16 surrogate without its pair (not valid UTF-8).
// eslint-disable-next-line no-control-regex -- finding the control character is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Paths of strings (keys included) that Postgres would refuse, so they are a 400 naming the field instead of a
 * failed transaction. Walks with an explicit stack: a body may nest far deeper than the call stack allows.
 */
export function findUnstorableStrings(value: unknown, limit = 20): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0 && issues.length < limit) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) issues.push({ path, message: 'contains U+0000 or an unpaired surrogate, which cannot be stored' });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: join(path, i) });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) issues.push({ path: join(path, k), message: 'key contains U+0000 or an unpaired surrogate' });
        stack.push({ v: child, path: join(path, k) });
      }
    }
  }
  return issues;
}
