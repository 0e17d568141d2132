/**
 * Field-wise equality of two JSON-shaped rows (plain objects, arrays, strings, numbers, booleans, null), key order
 * ignored and an undefined value taken as an absent key, as JSON would. `ignore` names top-level fields that never
 * make a row "changed" (see VOLATILE_FIELDS). It replaces canonical JSON per row in the delta: no string is built,
 * and the comparison stops at the first difference.
 */
export function sameRow(a: unknown, b: unknown, ignore?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameRow(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k) || x[k] === undefined || ignore?.has(k)) continue;
    defined++;
    if (!sameRow(x[k], y[k])) return false;
  }
  for (const k in y) {
    if (!Object.prototype.hasOwnProperty.call(y, k) || y[k] === undefined || ignore?.has(k)) continue;
    defined--;
  }
  return defined === 0;
}
