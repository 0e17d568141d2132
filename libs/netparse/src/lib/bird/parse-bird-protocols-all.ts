import { ipSchema, type BgpSession } from '@meshlens/model';
import type { ParseResult } from '../parse-result';
import type { BirdReply } from './bird-reply-reader';
import { sessionsOfBlocks } from './parse-bird-protocols';

// Greedy value then trim: a lazy `(.*?)\s*$` goes quadratic on long runs of spaces.
const DETAIL = /^\s*([A-Za-z][A-Za-z0-9 ]*?):(.*)$/;
const UINT = /^\d{1,10}$/;

/** `10.0.0.12` or, for a link-local neighbour bound to an interface, `fe80::1%eth0`: the model keeps the address. */
const address = (value: string): string | undefined => {
  const ip = value.split('%')[0];
  return ipSchema.safeParse(ip).success ? ip : undefined;
};

const uint = (value: string): number | undefined => {
  if (!UINT.test(value)) return undefined;
  const n = Number(value);
  return n <= 0xffffffff ? n : undefined;
};

const routeCount = (value: string, kind: string): number | undefined => {
  const m = new RegExp(`(\\d{1,10}) ${kind}\\b`).exec(value);
  return m ? Number(m[1]) : undefined;
};

const add = (
  a: number | undefined,
  b: number | undefined,
): number | undefined => (a === undefined ? b : b === undefined ? a : a + b);

/**
 * Detail lines of one BGP protocol. BIRD 2 prints `Routes:` once per channel (ipv4, ipv6): they are summed.
 * BIRD 1.6 prints no `Local AS`; its `Session: internal ...` (iBGP) means local AS = neighbour AS.
 */
const applyDetails = (session: BgpSession, details: string[]): void => {
  let internal = false;
  for (const line of details) {
    const m = DETAIL.exec(line);
    if (!m) continue;
    const key = m[1];
    const value = m[2].trim();
    switch (key) {
      case 'BGP state':
        if (value) session.bgpState = value;
        break;
      case 'Neighbor address':
        session.neighborAddress = address(value);
        break;
      case 'Neighbor AS':
        session.neighborAs = uint(value);
        break;
      case 'Local AS':
        session.localAs = uint(value);
        break;
      case 'Neighbor ID':
        session.neighborId = value || undefined;
        break;
      case 'Source address':
        session.sourceAddress = address(value);
        break;
      case 'Hold timer':
        session.holdTimer = value || undefined;
        break;
      case 'Keepalive timer':
        session.keepaliveTimer = value || undefined;
        break;
      case 'Last error':
        session.lastError = value || undefined;
        break;
      case 'Session':
        internal = /^internal\b/.test(value);
        break;
      case 'Routes':
        session.routesImported = add(
          session.routesImported,
          routeCount(value, 'imported'),
        );
        session.routesExported = add(
          session.routesExported,
          routeCount(value, 'exported'),
        );
        session.routesPreferred = add(
          session.routesPreferred,
          routeCount(value, 'preferred'),
        );
        break;
    }
  }
  if (
    internal &&
    session.localAs === undefined &&
    session.neighborAs !== undefined
  ) {
    session.localAs = session.neighborAs;
  }
};

const withoutUndefined = (session: BgpSession): BgpSession =>
  Object.fromEntries(
    Object.entries(session).filter(([, v]) => v !== undefined),
  ) as BgpSession;

/** `show protocols all`: BGP sessions with neighbour, AS numbers, routes, timers and last error. */
export const parseBirdProtocolsAll = (reply: BirdReply | string | Uint8Array): ParseResult<BgpSession[]> =>
  sessionsOfBlocks('bird-protocols-all', reply, (session, block) => {
    applyDetails(session, block.details);
    return withoutUndefined(session);
  });
