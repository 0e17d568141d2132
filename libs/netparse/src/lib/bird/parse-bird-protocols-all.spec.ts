import type { BgpSession } from '@meshlens/model';
import {
  BIRD_FIXTURE_VERSIONS,
  birdFixture,
  readBirdcShowProtocols,
} from './bird-fixtures.test-util';
import { parseBirdProtocols } from './parse-bird-protocols';
import { parseBirdProtocolsAll } from './parse-bird-protocols-all';

const sessions = (input: string): BgpSession[] => {
  const result = parseBirdProtocolsAll(input);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.warnings).toEqual([]);
  return result.value;
};
const byName = (list: BgpSession[]) => new Map(list.map((s) => [s.name, s]));
const sum = (lines: string[], kind: string) =>
  lines.length
    ? lines.reduce(
        (n, l) => n + Number(new RegExp(`(\\d+) ${kind}`).exec(l)![1]),
        0,
      )
    : undefined;

describe('parseBirdProtocolsAll', () => {
  describe.each(BIRD_FIXTURE_VERSIONS)('%s', (version) => {
    const raw = birdFixture(version, 'show-protocols-all.txt');
    const timer = version === 'bird-1.6' ? /^\d+\/\d+$/ : /^\d+\.\d{3}\/\d+$/;

    it('should agree field by field with what birdc printed when given the same daemon', () => {
      const birdc = readBirdcShowProtocols(
        birdFixture(version, 'show-protocols-all.birdc.txt'),
      );
      const parsed = sessions(raw);
      expect(parsed.map((s) => s.name)).toEqual(
        [...birdc.keys()].filter((n) => birdc.get(n)!.columns[1] === 'BGP'),
      );
      for (const s of parsed) {
        const b = birdc.get(s.name)!;
        const d = (key: string) => b.details.get(key) || undefined;
        expect(s.state).toBe(b.columns[3]);
        expect(s.since).toBe(b.columns[4]);
        expect(s.bgpState).toBe(d('BGP state'));
        expect(s.neighborAddress).toBe(d('Neighbor address'));
        expect(s.neighborAs).toBe(d('Neighbor AS') && Number(d('Neighbor AS')));
        expect(s.neighborId).toBe(d('Neighbor ID'));
        expect(s.sourceAddress).toBe(d('Source address'));
        expect(s.lastError).toBe(d('Last error'));
        if (d('Local AS')) expect(s.localAs).toBe(Number(d('Local AS')));
        expect(s.routesImported).toBe(sum(b.routes, 'imported'));
        expect(s.routesExported).toBe(sum(b.routes, 'exported'));
        expect(s.routesPreferred).toBe(sum(b.routes, 'preferred'));
        // birdc ran a moment after the socket capture, so running timers differ; their limits do not.
        expect(s.holdTimer?.split('/')[1]).toBe(d('Hold timer')?.split('/')[1]);
        expect(s.keepaliveTimer?.split('/')[1]).toBe(
          d('Keepalive timer')?.split('/')[1],
        );
      }
    });

    it('should read neighbour, AS numbers, routes and timers when a session is Established', () => {
      const s = byName(sessions(raw)).get('Mesh_10_0_0_12')!;
      expect(s).toMatchObject({
        bgpState: 'Established',
        neighborAddress: '10.0.0.12',
        neighborAs: 64512,
        localAs: 64512,
        neighborId: '10.0.0.12',
        sourceAddress: '10.0.0.11',
        routesImported: 2,
        routesExported: 4,
        routesPreferred: 1,
      });
      expect(s.holdTimer).toMatch(timer);
      expect(s.holdTimer).toMatch(/\/240$/);
      expect(s.keepaliveTimer).toMatch(/\/80$/);
    });

    it('should take local AS from the session when the peer is external', () => {
      const s = byName(sessions(raw)).get('Global_10_0_0_15_with_a_long_name')!;
      expect(s).toMatchObject({
        neighborAs: 64513,
        bgpState: 'Established',
        routesImported: 2,
      });
      // BIRD 1.6 never prints the local AS; only iBGP ("Session: internal") lets it be inferred.
      expect(s.localAs).toBe(version === 'bird-1.6' ? undefined : 64512);
    });

    it('should report the state and last error when the peer daemon is stopped or the protocol disabled', () => {
      const m = byName(sessions(raw));
      expect(m.get('Mesh_10_0_0_13')).toMatchObject({
        state: 'start',
        bgpState: 'Active',
        lastError: 'Socket: Connection refused',
        neighborAddress: '10.0.0.13',
      });
      expect(m.get('Mesh_10_0_0_13')!.holdTimer).toBeUndefined();
      const disabled = m.get('Mesh_10_0_0_14')!;
      expect(disabled).toMatchObject({
        state: 'down',
        bgpState: 'Down',
        neighborAddress: '10.0.0.14',
        neighborAs: 64512,
      });
      expect(disabled.info).toBeUndefined();
      expect(disabled.lastError).toBeUndefined();
    });

    it('should show Passive with the peer shutdown message when the other side disabled the session', () => {
      const m = byName(
        sessions(birdFixture(version, 'passive-peer/show-protocols-all.txt')),
      );
      expect(m.get('Mesh_10_0_0_11')).toMatchObject({
        bgpState: 'Passive',
        info: 'Passive Received: Administrative shutdown',
        lastError: 'Received: Administrative shutdown',
      });
      expect(m.get('Mesh_10_0_0_12')).toMatchObject({
        bgpState: 'Established',
        sourceAddress: '10.0.0.14',
      });
    });

    it('should match the summary parser on the columns both read', () => {
      const summary = parseBirdProtocols(
        birdFixture(version, 'show-protocols.txt'),
      );
      const all = sessions(raw);
      expect(
        summary.ok && summary.value.map((s) => [s.name, s.state, s.bgpState]),
      ).toEqual(all.map((s) => [s.name, s.state, s.bgpState]));
    });

    it('should read one protocol when the command names it', () => {
      const [s] = sessions(
        birdFixture(version, 'show-protocols-all-mesh-10-0-0-13.txt'),
      );
      expect(s).toMatchObject({
        name: 'Mesh_10_0_0_13',
        bgpState: 'Active',
        lastError: 'Socket: Connection refused',
      });
    });
  });

  it('should add up routes of every channel when BIRD 2 carries ipv4 and ipv6 on one session', () => {
    const [s] = sessions(
      birdFixture('bird-2.0', 'dual-stack/show-protocols-all.txt'),
    );
    const birdc = readBirdcShowProtocols(
      birdFixture('bird-2.0', 'dual-stack/show-protocols-all.birdc.txt'),
    );
    const routes = birdc.get('Mesh_10_0_0_12')!.routes;
    expect(routes).toHaveLength(2);
    expect(s).toMatchObject({
      name: 'Mesh_10_0_0_12',
      bgpState: 'Established',
      routesImported: sum(routes, 'imported'),
      routesExported: sum(routes, 'exported'),
      routesPreferred: sum(routes, 'preferred'),
    });
    expect(s.routesImported).toBe(4);
  });

  it('should keep the address and drop the interface when the neighbour is link-local', () => {
    const raw = birdFixture('bird-2.0', 'show-protocols-all.txt').replace(
      'Neighbor address: 10.0.0.12',
      'Neighbor address: fe80::12%eth0',
    );
    expect(byName(sessions(raw)).get('Mesh_10_0_0_12')!.neighborAddress).toBe(
      'fe80::12',
    );
  });
});
