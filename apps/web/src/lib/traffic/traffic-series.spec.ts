import type { CounterRatePoint, CounterRates } from '@meshlens/model';
import { chartPoints, formatRate, pickInterface, summariseInterfaces, TRAFFIC_METRICS } from './traffic-series';

const point = (ts: string, bits: number | null): CounterRatePoint => ({
  ts,
  rxBitsPerSecond: bits,
  txBitsPerSecond: bits === null ? null : bits / 2,
  rxPacketsPerSecond: bits === null ? null : bits / 8000,
  txPacketsPerSecond: bits === null ? null : 1,
  rxErrorsPerSecond: bits === null ? null : 0,
  txErrorsPerSecond: bits === null ? null : 0,
  rxDropsPerSecond: bits === null ? null : 0.1,
  txDropsPerSecond: bits === null ? null : 0,
});

const rates: CounterRates = {
  node: 'node-1',
  from: '2026-11-24T15:00:00.000Z',
  to: '2026-11-24T15:00:30.000Z',
  step: 10,
  resolution: 'raw',
  series: [
    {
      ifname: 'cni0',
      points: [point('2026-11-24T15:00:10.000Z', 8000), point('2026-11-24T15:00:20.000Z', null)],
    },
    {
      ifname: 'eth0',
      points: [point('2026-11-24T15:00:10.000Z', 1e6), point('2026-11-24T15:00:20.000Z', 3e6)],
    },
    { ifname: 'lo', points: [point('2026-11-24T15:00:10.000Z', null)] },
  ],
};

describe('traffic series', () => {
  it('should keep gaps as null and not as zero when turning points into chart rows', () => {
    const bits = TRAFFIC_METRICS[0];
    expect(chartPoints(rates.series[0]?.points ?? [], bits)).toEqual([
      { t: Date.parse('2026-11-24T15:00:10.000Z'), rx: 8000, tx: 4000 },
      { t: Date.parse('2026-11-24T15:00:20.000Z'), rx: null, tx: null },
    ]);
  });

  it('should take the newest known point as latest and average only known points', () => {
    const [cni0, eth0, lo] = summariseInterfaces(rates);
    expect(cni0?.latest?.ts).toBe('2026-11-24T15:00:10.000Z');
    expect(eth0?.meanBits).toBe((1e6 + 0.5e6 + 3e6 + 1.5e6) / 2);
    expect(lo).toEqual({ ifname: 'lo', latest: undefined, meanBits: 0 });
  });

  it('should chart the interface in the URL when it exists, else the busiest', () => {
    const interfaces = summariseInterfaces(rates);
    expect(pickInterface(interfaces, 'cni0')).toBe('cni0');
    expect(pickInterface(interfaces, 'nope')).toBe('eth0');
    expect(pickInterface(interfaces, undefined)).toBe('eth0');
    expect(pickInterface([], undefined)).toBeUndefined();
  });

  it('should print rates with SI prefixes and keep small rates readable', () => {
    expect(formatRate(1_234_567, 'b/s')).toBe('1.23 Mb/s');
    expect(formatRate(2_500_000_000, 'b/s')).toBe('2.50 Gb/s');
    expect(formatRate(950, 'p/s')).toBe('950 p/s');
    expect(formatRate(0.05, '/s')).toBe('0.05 /s');
    expect(formatRate(null, 'b/s')).toBe('–');
  });
});
