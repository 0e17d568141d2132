import type { BgpSession } from '@meshlens/model';
import {
  BIRD_FIXTURE_VERSIONS,
  birdFixture,
  readBirdcShowProtocols,
} from './bird-fixtures.test-util';
import { splitBirdReplies } from './bird-reply-reader';
import { parseBirdProtocols } from './parse-bird-protocols';

const sessions = (input: string): BgpSession[] => {
  const result = parseBirdProtocols(input);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.warnings).toEqual([]);
  return result.value;
};

describe('parseBirdProtocols', () => {
  describe.each(BIRD_FIXTURE_VERSIONS)('%s', (version) => {
    const raw = birdFixture(version, 'show-protocols.txt');
    const since =
      version === 'bird-1.6' ? /^\d\d:\d\d:\d\d$/ : /^\d\d:\d\d:\d\d\.\d{3}$/;

    it('should return only the BGP protocols when kernel, device, direct and static are listed too', () => {
      expect(sessions(raw).map((s) => s.name)).toEqual([
        'Mesh_10_0_0_12',
        'Mesh_10_0_0_13',
        'Mesh_10_0_0_14',
        'Global_10_0_0_15_with_a_long_name',
      ]);
    });

    it('should read state, BGP state and last error when peers are up, refused and disabled', () => {
      const [up, refused, disabled, longName] = sessions(raw);
      expect(up).toMatchObject({
        state: 'up',
        bgpState: 'Established',
        info: 'Established',
      });
      expect(up.lastError).toBeUndefined();
      expect(refused).toMatchObject({
        state: 'start',
        bgpState: 'Active',
        info: 'Active Socket: Connection refused',
        lastError: 'Socket: Connection refused',
      });
      expect(disabled).toEqual({
        name: 'Mesh_10_0_0_14',
        state: 'down',
        bgpState: 'Down',
        since: disabled.since,
      });
      expect(longName).toMatchObject({ state: 'up', bgpState: 'Established' });
      for (const s of [up, refused, disabled, longName])
        expect(s.since).toMatch(since);
    });

    it('should agree with the columns birdc printed when names push the columns right', () => {
      const birdc = readBirdcShowProtocols(
        birdFixture(version, 'show-protocols.birdc.txt'),
      );
      for (const s of sessions(raw)) {
        const [name, proto, , state, birdcSince, ...info] = birdc.get(
          s.name,
        )!.columns;
        expect([name, proto, state, birdcSince]).toEqual([
          s.name,
          'BGP',
          s.state,
          s.since,
        ]);
        expect(info.join(' ') || undefined).toEqual(s.info);
      }
    });

    it('should accept a reply the client already split', () => {
      const [reply] = splitBirdReplies(raw).replies;
      expect(parseBirdProtocols(reply)).toEqual(parseBirdProtocols(raw));
    });

    it('should skip the greeting when the capture starts with it', () => {
      const withGreeting = birdFixture(version, 'greeting.txt') + raw;
      expect(parseBirdProtocols(withGreeting)).toEqual(parseBirdProtocols(raw));
    });

    it.each([
      ['syntax-error.txt', /^BIRD error 9001: syntax error/],
      ['show-protocols-no-match.txt', /^BIRD error 8003: No protocols match$/],
      ['show-protocols-unknown-name.txt', /^BIRD error 900[12]: /],
      ['disable-already-disabled.txt', /^not a "show protocols" reply/],
      ['show-status.txt', /^not a "show protocols" reply/],
    ])(
      'should fail, not return zero sessions, when the reply is %s',
      (file, message) => {
        const result = parseBirdProtocols(birdFixture(version, file));
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.error).toEqual({
            source: 'bird-protocols',
            message: expect.stringMatching(message),
          });
      },
    );

    it('should fail when the reply is cut before its closing line', () => {
      expect(
        parseBirdProtocols(raw.slice(0, raw.lastIndexOf('0000'))),
      ).toMatchObject({
        ok: false,
        error: { message: 'reply is incomplete (no closing line)' },
      });
    });
  });

  it('should keep date and time together when BIRD is set to `timeformat protocol iso long`', () => {
    const raw = birdFixture('bird-1.6', 'show-protocols.txt').replace(
      /^( Mesh_10_0_0_13\s+BGP\s+master\s+start\s+)(\d\d:\d\d:\d\d)/m,
      '$12026-11-24 $2',
    );
    expect(sessions(raw)[1]).toMatchObject({
      since: expect.stringMatching(/^2026-11-24 \d\d:\d\d:\d\d$/),
      bgpState: 'Active',
    });
  });

  it('should return an empty list when BIRD runs no BGP protocol', () => {
    const raw = birdFixture('bird-2.0', 'show-protocols.txt')
      .split('\n')
      .filter((line) => !/BGP/.test(line))
      .join('\n');
    expect(parseBirdProtocols(raw)).toEqual({
      ok: true,
      value: [],
      warnings: [],
    });
  });

  it('should fail when the input is empty', () => {
    expect(parseBirdProtocols('')).toMatchObject({
      ok: false,
      error: { message: 'no reply in input' },
    });
  });
});
