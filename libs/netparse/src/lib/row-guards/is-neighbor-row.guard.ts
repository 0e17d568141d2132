import type { Neighbor } from '@meshlens/model';
import { isFamily, isIpString, isMacString, isNonEmptyString, isPlainObject, isStringArray } from './guard-primitives.util';

const isOptionalBoolean = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

/** neighborSchema's fast path (see isRouteRow): rows it refuses go to zod for a named error. */
export const isNeighborRow = (v: unknown): v is Neighbor => {
  if (!isPlainObject(v)) return false;
  return (
    isNonEmptyString(v['dev']) &&
    isFamily(v['family']) &&
    isIpString(v['dst']) &&
    (v['lladdr'] === undefined || isMacString(v['lladdr'])) &&
    isStringArray(v['state']) &&
    isOptionalBoolean(v['router']) &&
    isOptionalBoolean(v['proxy'])
  );
};
