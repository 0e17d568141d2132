import { parseFailure, parsed, type ParseResult } from '../parse-result';
import type { BirdReply } from './bird-reply-reader';
import { BIRD_GREETING_CODE, toBirdReply } from './bird-reply-input.util';

const SOURCE = 'bird-version';
const GREETING = /^BIRD (\S+) ready\.?\s*$/;

/** The version from BIRD's greeting (`0001 BIRD 1.6.8 ready.`), from the reply or the raw line. */
export const parseBirdVersion = (
  greeting: BirdReply | string | Uint8Array,
): ParseResult<string> => {
  const bare =
    typeof greeting === 'string' ? GREETING.exec(greeting.trim()) : null;
  if (bare) return parsed(bare[1]);
  const reply = toBirdReply(greeting);
  if (typeof reply === 'string') return parseFailure(SOURCE, reply);
  if (reply.code !== BIRD_GREETING_CODE) {
    return parseFailure(
      SOURCE,
      `expected the greeting (code 0001), got code ${reply.code}: ${reply.message}`,
    );
  }
  const match = GREETING.exec(reply.message);
  if (!match)
    return parseFailure(
      SOURCE,
      `unexpected greeting: ${reply.message.slice(0, 120)}`,
    );
  return parsed(match[1]);
};
