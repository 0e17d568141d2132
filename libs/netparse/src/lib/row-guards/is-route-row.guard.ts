import type { NextHop, Route } from '@meshlens/model';
import {
  isCidrString,
  isFamily,
  isIpString,
  isNonEmptyString,
  isNonNegativeInt,
  isPlainObject,
  isPositiveInt,
  isString,
  isStringArray,
} from './guard-primitives.util';

const isNextHop = (v: unknown): v is NextHop => {
  if (!isPlainObject(v)) return false;
  return (
    (v['gateway'] === undefined || isIpString(v['gateway'])) &&
    (v['dev'] === undefined || isString(v['dev'])) &&
    (v['weight'] === undefined || isPositiveInt(v['weight'])) &&
    isStringArray(v['flags'])
  );
};

const isNextHops = (v: unknown): boolean => {
  if (!Array.isArray(v)) return false;
  for (const h of v) if (!isNextHop(h)) return false;
  return true;
};

/**
 * routeSchema's fast path: a plain check of what the schema checks, about 20x cheaper than safeParse on the 10k-route
 * dumps of a large node. Rows it refuses go to zod, which names the field that is wrong.
 */
export const isRouteRow = (v: unknown): v is Route => {
  if (!isPlainObject(v)) return false;
  return (
    isNonEmptyString(v['table']) &&
    isFamily(v['family']) &&
    isNonEmptyString(v['type']) &&
    isCidrString(v['dst']) &&
    isNonEmptyString(v['protocol']) &&
    isNonEmptyString(v['scope']) &&
    isNonNegativeInt(v['metric']) &&
    isNonNegativeInt(v['tos']) &&
    (v['gateway'] === undefined || isIpString(v['gateway'])) &&
    (v['dev'] === undefined || isString(v['dev'])) &&
    (v['prefsrc'] === undefined || isIpString(v['prefsrc'])) &&
    isStringArray(v['flags']) &&
    (v['nexthops'] === undefined || isNextHops(v['nexthops'])) &&
    (v['mtu'] === undefined || isPositiveInt(v['mtu']))
  );
};
