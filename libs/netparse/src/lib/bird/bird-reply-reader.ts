/** One line of a BIRD control-socket reply, with the code it carries (continuation lines inherit it). */
export interface BirdReplyLine {
  code: number;
  /** The text after `dddd-` / `dddd ` or after the continuation's leading space, as BIRD printed it. */
  text: string;
}

/** A whole reply: every line up to and including the one whose code is followed by a space. */
export interface BirdReply {
  /** Code of the closing line: 0 after a command's output, 1 for the greeting, 13 for `show status`, 8xxx/9xxx errors. */
  code: number;
  /** False for 8xxx (runtime errors, e.g. `8003 No protocols match`) and 9xxx (parse errors, `9001 syntax error`). */
  ok: boolean;
  /** Text of the closing line: the error message for a failed command, empty after `0000 `. */
  message: string;
  lines: BirdReplyLine[];
  /** Lines that follow none of the protocol's rules, kept (up to a limit) for diagnostics. */
  malformed: string[];
  /** Asynchronous messages (`+` lines, only sent after `echo`), dropped from `lines`. */
  async: string[];
}

export interface BirdReplyReaderOptions {
  /** A line longer than this is cut and counted as malformed: keeps garbage without newlines from growing memory. */
  maxLineLength?: number;
  /** A reply with more lines than this is closed as an error (code 9999) so a runaway stream cannot grow forever. */
  maxLines?: number;
}

const MAX_MALFORMED_KEPT = 50;
/** Synthetic code for a reply the reader had to close itself (too many lines); no BIRD code uses it. */
export const BIRD_OVERFLOW_CODE = 9999;

export const isBirdErrorCode = (code: number): boolean =>
  code >= 8000 && code <= 9999;

/**
 * Splits BIRD's control-socket stream into replies. Rules (BIRD's sysdep/unix cli and birdc's client.c):
 * `dddd-text` is a line with more to follow, `dddd text` closes the reply, ` text` continues the previous code,
 * `+text` is an asynchronous message. Feed it chunks as they arrive; it never throws.
 */
export class BirdReplyReader {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly maxLineLength: number;
  private readonly maxLines: number;
  private partial = '';
  private overlong = false;
  private current = BirdReplyReader.emptyReply();
  private lastCode: number | undefined;

  constructor(options: BirdReplyReaderOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? 64 * 1024;
    this.maxLines = options.maxLines ?? 200_000;
  }

  /** Adds bytes or text and returns the replies completed by it (possibly none). */
  push(chunk: string | Uint8Array): BirdReply[] {
    const text =
      typeof chunk === 'string'
        ? chunk
        : this.decoder.decode(chunk, { stream: true });
    const done: BirdReply[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const piece = text.slice(start, nl < 0 ? text.length : nl);
      this.appendPartial(piece);
      if (nl < 0) break;
      const line = this.partial;
      const cut = this.overlong;
      this.partial = '';
      this.overlong = false;
      const reply = this.takeLine(
        line.endsWith('\r') ? line.slice(0, -1) : line,
        cut,
      );
      if (reply) done.push(reply);
      start = nl + 1;
    }
    return done;
  }

  /** True when part of a reply (or of a line) has arrived but not its end. */
  get hasPending(): boolean {
    return (
      this.partial.length > 0 ||
      this.current.lines.length > 0 ||
      this.current.malformed.length > 0
    );
  }

  /** Forgets everything buffered, e.g. after a reconnect. */
  reset(): void {
    this.partial = '';
    this.overlong = false;
    this.current = BirdReplyReader.emptyReply();
    this.lastCode = undefined;
  }

  private appendPartial(piece: string): void {
    if (this.overlong) return;
    const room = this.maxLineLength - this.partial.length;
    if (piece.length > room) {
      this.partial += piece.slice(0, Math.max(0, room));
      this.overlong = true;
    } else {
      this.partial += piece;
    }
  }

  private takeLine(line: string, cut: boolean): BirdReply | undefined {
    const reply = this.current;
    if (cut) {
      this.noteMalformed(
        `line longer than ${this.maxLineLength} characters: ${line.slice(0, 80)}...`,
      );
      return undefined;
    }
    const coded = /^(\d{4})([ -])(.*)$/s.exec(line) ?? /^(\d{4})()$/.exec(line);
    if (coded) {
      const code = Number(coded[1]);
      const text = coded[3] ?? '';
      reply.lines.push({ code, text });
      this.lastCode = code;
      // A bare `dddd` never comes from BIRD; treating it as closing keeps a reply from hanging on it.
      if (coded[2] !== '-') return this.close(code, text);
    } else if (line.startsWith(' ') && this.lastCode !== undefined) {
      reply.lines.push({ code: this.lastCode, text: line.slice(1) });
    } else if (line.startsWith('+')) {
      reply.async.push(line.slice(1));
    } else {
      this.noteMalformed(line);
    }
    if (reply.lines.length >= this.maxLines) {
      return this.close(
        BIRD_OVERFLOW_CODE,
        `reply longer than ${this.maxLines} lines`,
      );
    }
    return undefined;
  }

  private noteMalformed(line: string): void {
    if (this.current.malformed.length < MAX_MALFORMED_KEPT)
      this.current.malformed.push(line);
  }

  private close(code: number, message: string): BirdReply {
    const reply = {
      ...this.current,
      code,
      ok: !isBirdErrorCode(code),
      message,
    };
    this.current = BirdReplyReader.emptyReply();
    this.lastCode = undefined;
    return reply;
  }

  private static emptyReply(): BirdReply {
    return {
      code: 0,
      ok: true,
      message: '',
      lines: [],
      malformed: [],
      async: [],
    };
  }
}

/** Splits a whole captured stream (or one reply) into replies; `incomplete` is true when it ends mid-reply. */
export const splitBirdReplies = (
  stream: string | Uint8Array,
): { replies: BirdReply[]; incomplete: boolean } => {
  const reader = new BirdReplyReader();
  const replies = reader.push(stream);
  return { replies, incomplete: reader.hasPending };
};
