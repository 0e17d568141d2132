import { fixture, ok } from './fixtures.test-util';
import { parseIpLinkCounters } from './parse-ip-link-counters';

describe('parseIpLinkCounters', () => {
  it("should take every link's stats64 when given `ip -j -d -s link show`", () => {
    const text = fixture('ip-link', 'flannel-vxlan-node.json');
    const raw = JSON.parse(text) as {
      ifname: string;
      stats64: { rx: Record<string, number>; tx: Record<string, number> };
    }[];
    const counters = ok(parseIpLinkCounters(text));
    expect(counters.map((c) => c.ifname)).toEqual(raw.map((l) => l.ifname));
    const vtep = raw.find((l) => l.ifname === 'flannel.1')!.stats64;
    expect(counters.find((c) => c.ifname === 'flannel.1')).toEqual({
      ifname: 'flannel.1',
      rxBytes: vtep.rx['bytes'],
      rxPackets: vtep.rx['packets'],
      rxErrors: vtep.rx['errors'],
      rxDropped: vtep.rx['dropped'],
      txBytes: vtep.tx['bytes'],
      txPackets: vtep.tx['packets'],
      txErrors: vtep.tx['errors'],
      txDropped: vtep.tx['dropped'],
    });
    expect(
      counters.find((c) => c.ifname === 'flannel.1')!.rxPackets,
    ).toBeGreaterThan(0);
  });

  it('should fall back to the 32-bit stats when stats64 is missing', () => {
    const text = JSON.stringify([
      {
        ifindex: 1,
        ifname: 'eth0',
        stats: {
          rx: { bytes: 10, packets: 1, errors: 0, dropped: 0 },
          tx: { bytes: 20, packets: 2, errors: 0, dropped: 1 },
        },
      },
    ]);
    expect(ok(parseIpLinkCounters(text))).toEqual([
      {
        ifname: 'eth0',
        rxBytes: 10,
        rxPackets: 1,
        rxErrors: 0,
        rxDropped: 0,
        txBytes: 20,
        txPackets: 2,
        txErrors: 0,
        txDropped: 1,
      },
    ]);
  });

  it('should return no counters and one warning per link when given a dump taken without -s', () => {
    const r = parseIpLinkCounters(
      fixture('ip-link', 'flannel-vxlan-node-plain.json'),
    );
    expect(r.ok && r.value).toEqual([]);
    expect(r.ok && r.warnings.length).toBeGreaterThan(0);
  });

  it('should skip a link whose counter is not a safe integer instead of reporting 0', () => {
    const text = JSON.stringify([
      {
        ifindex: 1,
        ifname: 'eth0',
        stats64: {
          rx: { bytes: 'many', packets: 1 },
          tx: { bytes: 2, packets: 1 },
        },
      },
    ]);
    const r = parseIpLinkCounters(text);
    expect(r.ok && r.value).toEqual([]);
    expect(r.ok && r.warnings).toHaveLength(1);
  });
});
