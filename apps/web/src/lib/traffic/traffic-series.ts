import type { CounterRatePoint, CounterRates } from '@meshlens/model';

export const TRAFFIC_METRICS = [
  {
    id: 'bits',
    label: 'Bits/s',
    rx: 'rxBitsPerSecond',
    tx: 'txBitsPerSecond',
    unit: 'b/s',
  },
  {
    id: 'packets',
    label: 'Packets/s',
    rx: 'rxPacketsPerSecond',
    tx: 'txPacketsPerSecond',
    unit: 'p/s',
  },
  {
    id: 'errors',
    label: 'Errors/s',
    rx: 'rxErrorsPerSecond',
    tx: 'txErrorsPerSecond',
    unit: '/s',
  },
  {
    id: 'drops',
    label: 'Drops/s',
    rx: 'rxDropsPerSecond',
    tx: 'txDropsPerSecond',
    unit: '/s',
  },
] as const satisfies readonly {
  id: string;
  label: string;
  rx: keyof CounterRatePoint;
  tx: keyof CounterRatePoint;
  unit: string;
}[];
export type TrafficMetric = (typeof TRAFFIC_METRICS)[number];

/** What the charts plot: time in ms and rx/tx, null where no two samples cover the step (a gap, not a zero). */
export interface ChartPoint {
  t: number;
  rx: number | null;
  tx: number | null;
}

export const chartPoints = (points: readonly CounterRatePoint[], metric: TrafficMetric): ChartPoint[] =>
  points.map((p) => ({
    t: Date.parse(p.ts),
    rx: p[metric.rx],
    tx: p[metric.tx],
  }));

/** The newest point that has a value: "now" in the interface table. */
export const latestPoint = (points: readonly CounterRatePoint[]): CounterRatePoint | undefined => {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const p = points[i];
    if (p && p.rxBitsPerSecond !== null) return p;
  }
  return undefined;
};

export interface InterfaceTraffic {
  ifname: string;
  latest?: CounterRatePoint;
  /** Mean rx+tx bits/s over the window: what "busiest" means when no interface is chosen. */
  meanBits: number;
}

export const summariseInterfaces = (rates: CounterRates): InterfaceTraffic[] =>
  rates.series.map(({ ifname, points }) => {
    const known = points.filter((p) => p.rxBitsPerSecond !== null);
    const meanBits = known.length
      ? known.reduce((sum, p) => sum + (p.rxBitsPerSecond ?? 0) + (p.txBitsPerSecond ?? 0), 0) / known.length
      : 0;
    return { ifname, latest: latestPoint(points), meanBits };
  });

/** The interface to chart: the one asked for when it exists, else the busiest (ties: the first by name). */
export const pickInterface = (
  interfaces: readonly InterfaceTraffic[],
  wanted: string | undefined,
): string | undefined => {
  if (wanted && interfaces.some((i) => i.ifname === wanted)) return wanted;
  return [...interfaces].sort((a, b) => b.meanBits - a.meanBits || a.ifname.localeCompare(b.ifname))[0]?.ifname;
};

const SI = [
  { factor: 1e9, prefix: 'G' },
  { factor: 1e6, prefix: 'M' },
  { factor: 1e3, prefix: 'k' },
] as const;

/** 1234567 b/s -> "1.23 Mb/s"; small rates keep two decimals (0.05 errors/s is worth seeing). */
export const formatRate = (value: number | null | undefined, unit: string): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  for (const { factor, prefix } of SI) {
    if (abs >= factor) return `${(value / factor).toPrecision(3)} ${prefix}${unit}`;
  }
  return `${abs >= 100 ? Math.round(value) : Number(value.toFixed(2))} ${unit}`;
};
