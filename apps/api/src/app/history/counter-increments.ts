import type { CounterRatePoint } from '@meshlens/model';

export const COUNTER_FIELDS = [
  'rxBytes',
  'rxPackets',
  'rxErrors',
  'rxDropped',
  'txBytes',
  'txPackets',
  'txErrors',
  'txDropped',
] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];

/** One stored sample of one interface (BigInt: kernel counters are 64-bit). */
export type CounterSampleValues = { ifname: string; ts: Date } & Record<
  CounterField,
  bigint
>;

/** Increases of one interface over `seconds` ending at (or bucketed at) `ts`; what rollups store. */
export type CounterIncrement = {
  ifname: string;
  ts: Date;
  seconds: number;
} & Record<CounterField, number>;

/**
 * Increases between consecutive samples of each interface (samples sorted by ifname, then ts). A value lower than
 * the previous one is a reset (device re-created, driver reload, 32-bit wrap): the increase is counted from zero,
 * so a rate is never negative.
 */
export function incrementsFromSamples(
  samples: CounterSampleValues[],
): CounterIncrement[] {
  const out: CounterIncrement[] = [];
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1];
    const cur = samples[i];
    if (prev.ifname !== cur.ifname) continue;
    const seconds = (cur.ts.getTime() - prev.ts.getTime()) / 1000;
    if (seconds <= 0) continue;
    const inc = { ifname: cur.ifname, ts: cur.ts, seconds } as CounterIncrement;
    for (const f of COUNTER_FIELDS)
      inc[f] = Number(cur[f] >= prev[f] ? cur[f] - prev[f] : cur[f]);
    out.push(inc);
  }
  return out;
}

/** Start of the step-second bucket holding `ms`, aligned on the epoch like Postgres' date_bin(step, ts, epoch). */
export const bucketStart = (ms: number, stepSeconds: number): number =>
  Math.floor(ms / (stepSeconds * 1000)) * stepSeconds * 1000;

/** Rates per interface and step bucket over [from, to); a bucket no increase covers has null rates. */
export function ratesFromIncrements(
  increments: CounterIncrement[],
  from: Date,
  to: Date,
  stepSeconds: number,
): { ifname: string; points: CounterRatePoint[] }[] {
  const first = bucketStart(from.getTime(), stepSeconds);
  const stepMs = stepSeconds * 1000;
  const buckets = Math.max(1, Math.ceil((to.getTime() - first) / stepMs));
  const byIf = new Map<string, CounterIncrement[]>();
  for (const inc of increments) {
    const i = Math.floor((inc.ts.getTime() - first) / stepMs);
    if (i < 0 || i >= buckets) continue;
    let sums = byIf.get(inc.ifname);
    if (!sums)
      byIf.set(
        inc.ifname,
        (sums = Array.from({ length: buckets }, () => zero(inc.ifname))),
      );
    const s = sums[i];
    s.seconds += inc.seconds;
    for (const f of COUNTER_FIELDS) s[f] += inc[f];
  }
  return [...byIf.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ifname, sums]) => ({
      ifname,
      points: sums.map((s, i) => toPoint(new Date(first + i * stepMs), s)),
    }));
}

const zero = (ifname: string): CounterIncrement =>
  ({
    ifname,
    ts: new Date(0),
    seconds: 0,
    ...Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])),
  }) as CounterIncrement;

function toPoint(ts: Date, s: CounterIncrement): CounterRatePoint {
  const per = (v: number, factor = 1) =>
    s.seconds > 0 ? (v * factor) / s.seconds : null;
  return {
    ts: ts.toISOString(),
    rxBitsPerSecond: per(s.rxBytes, 8),
    txBitsPerSecond: per(s.txBytes, 8),
    rxPacketsPerSecond: per(s.rxPackets),
    txPacketsPerSecond: per(s.txPackets),
    rxErrorsPerSecond: per(s.rxErrors),
    txErrorsPerSecond: per(s.txErrors),
    rxDropsPerSecond: per(s.rxDropped),
    txDropsPerSecond: per(s.txDropped),
  };
}
