import { splitBirdReplies } from './bird-reply-reader';
import { BIRD_FIXTURE_VERSIONS, birdFixture } from './bird-fixtures.test-util';
import { parseBirdVersion } from './parse-bird-version';

describe('parseBirdVersion', () => {
  it.each(BIRD_FIXTURE_VERSIONS)(
    'should read the version when given the %s greeting',
    (version) => {
      const expected = version === 'bird-1.6' ? '1.6.8' : '2.0.12';
      const raw = birdFixture(version, 'greeting.txt');
      expect(parseBirdVersion(raw)).toEqual({
        ok: true,
        value: expected,
        warnings: [],
      });
      expect(parseBirdVersion(splitBirdReplies(raw).replies[0])).toMatchObject({
        ok: true,
        value: expected,
      });
      expect(parseBirdVersion(`BIRD ${expected} ready.`)).toMatchObject({
        ok: true,
        value: expected,
      });
    },
  );

  it('should fail when the reply is not a greeting', () => {
    const result = parseBirdVersion(birdFixture('bird-1.6', 'show-status.txt'));
    expect(result).toMatchObject({
      ok: false,
      error: { source: 'bird-version' },
    });
  });

  it('should fail when the input is empty or cut short', () => {
    expect(parseBirdVersion('').ok).toBe(false);
    expect(parseBirdVersion('0001 BIRD 1.6').ok).toBe(false);
  });
});
