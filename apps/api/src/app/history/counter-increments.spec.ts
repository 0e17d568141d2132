import {
  incrementsFromSamples,
  ratesFromIncrements,
  type CounterSampleValues,
} from './counter-increments';

const t0 = Date.parse('2026-11-24T10:00:00.000Z');
const sample = (
  s: number,
  rxBytes: number,
  ifname = 'eth0',
): CounterSampleValues => ({
  ifname,
  ts: new Date(t0 + s * 1000),
  rxBytes: BigInt(rxBytes),
  rxPackets: BigInt(rxBytes / 100),
  rxErrors: 0n,
  rxDropped: 0n,
  txBytes: 0n,
  txPackets: 0n,
  txErrors: 0n,
  txDropped: 0n,
});

describe('incrementsFromSamples', () => {
  it('should count from zero when a sample is lower than the previous one (counter reset)', () => {
    const incs = incrementsFromSamples([
      sample(0, 10_000),
      sample(10, 20_000),
      sample(20, 500),
    ]);
    expect(incs.map((i) => [i.seconds, i.rxBytes])).toEqual([
      [10, 10_000],
      [10, 500],
    ]);
  });

  it('should not pair samples of different interfaces when they are adjacent', () => {
    const incs = incrementsFromSamples([
      sample(0, 100, 'eth0'),
      sample(10, 200, 'eth1'),
      sample(20, 300, 'eth1'),
    ]);
    expect(incs).toHaveLength(1);
    expect(incs[0]).toMatchObject({ ifname: 'eth1', rxBytes: 100 });
  });

  it('should keep 64-bit counters exact when values exceed 2^53', () => {
    const big = 2n ** 60n;
    const incs = incrementsFromSamples([
      { ...sample(0, 0), rxBytes: big },
      { ...sample(10, 0), rxBytes: big + 12345n },
    ]);
    expect(incs[0].rxBytes).toBe(12345);
  });
});

describe('ratesFromIncrements', () => {
  it('should give bits per second per step and null where no sample ends in a step when samples have a gap', () => {
    const incs = incrementsFromSamples([
      sample(0, 0),
      sample(30, 30_000),
      sample(60, 60_000),
      sample(180, 60_000),
    ]);
    const [series] = ratesFromIncrements(
      incs,
      new Date(t0),
      new Date(t0 + 240_000),
      60,
    );
    expect(series.points.map((p) => p.rxBitsPerSecond)).toEqual([
      8000,
      8000,
      null,
      0,
    ]);
    expect(
      series.points.every(
        (p) => p.rxBitsPerSecond === null || p.rxBitsPerSecond >= 0,
      ),
    ).toBe(true);
  });
});
