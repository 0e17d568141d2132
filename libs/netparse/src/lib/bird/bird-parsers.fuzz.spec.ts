import { readdirSync } from 'fs';
import { join } from 'path';
import { bgpSessionSchema } from '@meshlens/model';
import { BIRD_FIXTURE_VERSIONS, birdFixture } from './bird-fixtures.test-util';
import { BirdReplyReader, splitBirdReplies } from './bird-reply-reader';
import { parseBirdProtocols } from './parse-bird-protocols';
import { parseBirdProtocolsAll } from './parse-bird-protocols-all';
import { parseBirdVersion } from './parse-bird-version';
import { prng as rng } from '../seeded-random.test-util';

const SEED = 0x0b1d;
const ITERATIONS = 3000;
const NOISE = [
  '\n',
  ' ',
  '-',
  '0000 ',
  '1002-',
  '1006-',
  '2002-',
  '9001 ',
  '+',
  ':',
  '%',
  '/',
  '\r',
  '\u0000',
  'é',
  '\uFFFD',
];

const corpus = BIRD_FIXTURE_VERSIONS.flatMap((version) =>
  readdirSync(join(__dirname, '__fixtures__', version))
    .filter(
      (f) => f.endsWith('.txt') && !f.includes('birdc') && !f.includes('conf'),
    )
    .map((f) => birdFixture(version, f)),
).concat(
  BIRD_FIXTURE_VERSIONS.map((v) =>
    birdFixture(v, 'passive-peer/show-protocols-all.txt'),
  ),
);

const mutate = (input: string, next: () => number): string => {
  const pick = (n: number) => Math.floor(next() * n);
  let s = input;
  for (let k = 1 + pick(4); k > 0; k--) {
    const at = pick(s.length + 1);
    const lines = s.split('\n');
    switch (pick(8)) {
      case 0: // delete a range
        s = s.slice(0, at) + s.slice(at + pick(40));
        break;
      case 1: // insert protocol-looking noise
        s = s.slice(0, at) + NOISE[pick(NOISE.length)] + s.slice(at);
        break;
      case 2: // random printable and control characters
        s =
          s.slice(0, at) +
          String.fromCharCode(
            ...Array.from({ length: 1 + pick(8) }, () => pick(256)),
          ) +
          s.slice(at);
        break;
      case 3: // duplicate a line
        lines.splice(pick(lines.length), 0, lines[pick(lines.length)]);
        s = lines.join('\n');
        break;
      case 4: // swap two lines
        {
          const [i, j] = [pick(lines.length), pick(lines.length)];
          [lines[i], lines[j]] = [lines[j], lines[i]];
          s = lines.join('\n');
        }
        break;
      case 5: // truncate
        s = s.slice(0, at);
        break;
      case 6: // change a digit (codes, AS numbers, counters)
        s = s.replace(/\d/g, (d) => (next() < 0.05 ? String(pick(10)) : d));
        break;
      default: // huge number or long token
        s =
          s.slice(0, at) +
          (next() < 0.5 ? '99999999999999999999' : 'x'.repeat(pick(500))) +
          s.slice(at);
    }
  }
  return s;
};

describe('BIRD parsers under fuzzing', () => {
  it(`should never throw and only return valid sessions when given ${ITERATIONS} mutated replies (seed ${SEED})`, () => {
    const next = rng(SEED);
    let okResults = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = mutate(corpus[i % corpus.length], next);
      const context = `iteration ${i}`;
      let results;
      try {
        const bytes = Buffer.from(input, 'latin1');
        const reader = new BirdReplyReader({ maxLineLength: 1024 });
        for (let at = 0; at < bytes.length; ) {
          const size = 1 + Math.floor(next() * 300);
          for (const reply of reader.push(bytes.subarray(at, at + size))) {
            parseBirdProtocolsAll(reply);
            parseBirdProtocols(reply);
          }
          at += size;
        }
        splitBirdReplies(input);
        results = [
          parseBirdProtocols(input),
          parseBirdProtocolsAll(input),
          parseBirdProtocolsAll(bytes),
        ];
        parseBirdVersion(input);
      } catch (e) {
        throw new Error(`${context} threw: ${(e as Error).stack}`);
      }
      for (const result of results) {
        if (!result.ok) {
          expect(typeof result.error.message).toBe('string');
          continue;
        }
        okResults++;
        for (const session of result.value) {
          const checked = bgpSessionSchema.safeParse(session);
          if (!checked.success)
            throw new Error(
              `${context}: invalid session ${JSON.stringify(session)}`,
            );
        }
      }
    }
    // Most mutations leave a readable reply; if none did, the fuzzer would only be testing the error path.
    expect(okResults).toBeGreaterThan(ITERATIONS / 4);
  });

  it('should not throw when given values that are not text at all', () => {
    for (const junk of [
      undefined,
      null,
      42,
      {},
      { lines: 'x' },
      [],
      new Uint8Array([0xff, 0xfe, 0x0a]),
    ]) {
      expect(() => parseBirdProtocols(junk as never)).not.toThrow();
      expect(() => parseBirdProtocolsAll(junk as never)).not.toThrow();
      expect(() => parseBirdVersion(junk as never)).not.toThrow();
    }
  });
});
