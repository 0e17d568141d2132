import type { BgpTransition } from '@meshlens/model';

/** One stored version of a session: its bgpState from validFrom until validTo (null = still current). */
export interface BgpStateInterval {
  bgpState: string;
  validFrom: Date;
  validTo: Date | null;
}

const ESTABLISHED = 'Established';

/**
 * bgpState transitions within (from, to] from the session's row versions (sorted by validFrom). Versions that only
 * differ in counters or timers are not transitions; a gap between versions is the session being absent (null).
 */
export function bgpTransitions(
  intervals: BgpStateInterval[],
  from: Date,
  to: Date,
): {
  initialState: string | null;
  transitions: BgpTransition[];
  flaps: number;
} {
  const stateAt = (t: Date): string | null =>
    intervals.find(
      (i) => i.validFrom <= t && (i.validTo === null || i.validTo > t),
    )?.bgpState ?? null;
  // Every instant the state may change: each version's start and end.
  const instants = [
    ...new Set(
      intervals.flatMap((i) => [
        i.validFrom.getTime(),
        ...(i.validTo ? [i.validTo.getTime()] : []),
      ]),
    ),
  ]
    .filter((ms) => ms > from.getTime() && ms <= to.getTime())
    .sort((a, b) => a - b);
  const initialState = stateAt(from);
  const transitions: BgpTransition[] = [];
  let state = initialState;
  for (const ms of instants) {
    const next = stateAt(new Date(ms));
    if (next === state) continue;
    transitions.push({ at: new Date(ms).toISOString(), from: state, to: next });
    state = next;
  }
  const flaps = transitions.filter((t) => t.from === ESTABLISHED).length;
  return { initialState, transitions, flaps };
}
