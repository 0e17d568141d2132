import { bgpTransitions, type BgpStateInterval } from './bgp-transitions';

const at = (m: number) =>
  new Date(Date.parse('2026-11-24T10:00:00.000Z') + m * 60_000);
const v = (
  bgpState: string,
  from: number,
  to: number | null,
): BgpStateInterval => ({
  bgpState,
  validFrom: at(from),
  validTo: to === null ? null : at(to),
});

describe('bgpTransitions', () => {
  it('should count only transitions out of Established as flaps when versions also differ in counters', () => {
    const r = bgpTransitions(
      [
        v('Established', 0, 5),
        v('Established', 5, 10),
        v('Active', 10, 12),
        v('Established', 12, 20),
        v('Idle', 20, null),
      ],
      at(1),
      at(30),
    );
    expect(r.initialState).toBe('Established');
    expect(r.transitions).toEqual([
      { at: at(10).toISOString(), from: 'Established', to: 'Active' },
      { at: at(12).toISOString(), from: 'Active', to: 'Established' },
      { at: at(20).toISOString(), from: 'Established', to: 'Idle' },
    ]);
    expect(r.flaps).toBe(2);
  });

  it('should report the session as absent (null) when it disappears between versions', () => {
    const r = bgpTransitions(
      [v('Established', 0, 5), v('Established', 8, null)],
      at(0),
      at(10),
    );
    expect(r.transitions.map((t) => [t.from, t.to])).toEqual([
      ['Established', null],
      [null, 'Established'],
    ]);
    expect(r.flaps).toBe(1);
  });
});
