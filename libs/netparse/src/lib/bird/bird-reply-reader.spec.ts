import {
  BIRD_OVERFLOW_CODE,
  BirdReplyReader,
  splitBirdReplies,
} from './bird-reply-reader';
import {
  BIRD_FIXTURE_VERSIONS,
  birdFixture,
  birdFixtureBytes,
} from './bird-fixtures.test-util';

describe('BirdReplyReader', () => {
  describe.each(BIRD_FIXTURE_VERSIONS)('%s captures', (version) => {
    const stream = Buffer.concat(
      [
        'greeting.txt',
        'show-protocols.txt',
        'syntax-error.txt',
        'show-status.txt',
        'show-protocols-no-match.txt',
      ].map((name) => birdFixtureBytes(version, name)),
    );

    it('should split the greeting and each reply when the whole stream arrives at once', () => {
      const { replies, incomplete } = splitBirdReplies(stream);
      expect(incomplete).toBe(false);
      expect(replies.map((r) => [r.code, r.ok])).toEqual([
        [1, true],
        [0, true],
        [9001, false],
        [13, true],
        [8003, false],
      ]);
      expect(replies[0].message).toMatch(/^BIRD \d+\.\d+\.\d+ ready\.$/);
      expect(replies[2].message).toMatch(/^syntax error/);
      expect(replies[3].message).toBe('Daemon is up and running');
      expect(replies[4].message).toBe('No protocols match');
    });

    it('should give continuation lines the code of the line they continue when a reply spans many lines', () => {
      const [, protocols] = splitBirdReplies(stream).replies;
      const rows = protocols.lines
        .filter((l) => l.code === 1002)
        .map((l) => l.text.split(/\s+/)[0]);
      expect(protocols.lines[0].code).toBe(2002);
      expect(rows).toEqual([
        'kernel1',
        'device1',
        'direct1',
        'static1',
        'Mesh_10_0_0_12',
        'Mesh_10_0_0_13',
        'Mesh_10_0_0_14',
        'Global_10_0_0_15_with_a_long_name',
      ]);
      expect(protocols.malformed).toEqual([]);
    });

    it('should produce the same replies when bytes arrive one at a time', () => {
      const reader = new BirdReplyReader();
      const replies = [...stream].flatMap((byte) =>
        reader.push(Uint8Array.of(byte)),
      );
      expect(replies).toEqual(splitBirdReplies(stream).replies);
      expect(reader.hasPending).toBe(false);
    });

    it('should hold back a reply when its closing line has not arrived yet', () => {
      const text = birdFixture(version, 'show-protocols-all.txt');
      const reader = new BirdReplyReader();
      expect(reader.push(text.slice(0, -3))).toEqual([]);
      expect(reader.hasPending).toBe(true);
      const [reply] = reader.push(text.slice(-3));
      expect(reply.code).toBe(0);
      expect(reply.lines.some((l) => l.code === 1006)).toBe(true);
    });
  });

  it('should decode a multi-byte character when it is split across chunks', () => {
    const bytes = Buffer.from(
      '1002-Mesh_ü BGP master up 11:00:00 Established\n0000 \n',
      'utf8',
    );
    const cut = bytes.indexOf(0xbc);
    const reader = new BirdReplyReader();
    const replies = [
      ...reader.push(bytes.subarray(0, cut)),
      ...reader.push(bytes.subarray(cut)),
    ];
    expect(replies[0].lines[0].text).toContain('Mesh_ü');
  });

  it('should keep garbage, asynchronous messages and CRLF apart from reply lines when they are mixed in', () => {
    const { replies } = splitBirdReplies(
      'hello\r\n+async log line\r\n 1002 orphan\r\n1000-BIRD 1.6.8\r\n0013 up\r\n',
    );
    expect(replies).toHaveLength(1);
    expect(replies[0].malformed).toEqual(['hello', ' 1002 orphan']);
    expect(replies[0].async).toEqual(['async log line']);
    expect(replies[0].lines).toEqual([
      { code: 1000, text: 'BIRD 1.6.8' },
      { code: 13, text: 'up' },
    ]);
  });

  it('should cut a line and count it malformed when it exceeds the line limit', () => {
    const reader = new BirdReplyReader({ maxLineLength: 16 });
    const replies = reader.push(`1002-${'x'.repeat(100)}\n0000 \n`);
    expect(replies[0].malformed[0]).toMatch(/^line longer than 16 characters/);
    expect(replies[0].lines).toEqual([{ code: 0, text: '' }]);
  });

  it('should close a reply as an error when it exceeds the line limit', () => {
    const reader = new BirdReplyReader({ maxLines: 3 });
    const replies = reader.push('1002-a\n b\n c\n d\n0000 \n');
    expect(replies[0]).toMatchObject({ code: BIRD_OVERFLOW_CODE, ok: false });
    expect(replies[1].malformed).toEqual([' d']);
  });

  it('should start clean when reset after a partial reply', () => {
    const reader = new BirdReplyReader();
    reader.push('2002-name proto\n1002-kern');
    reader.reset();
    expect(reader.hasPending).toBe(false);
    expect(reader.push('0001 BIRD 2.0.12 ready.\n')[0]).toMatchObject({
      code: 1,
      lines: [{ code: 1, text: 'BIRD 2.0.12 ready.' }],
    });
  });
});
