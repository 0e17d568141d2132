import { splitBirdReplies, type BirdReply } from './bird-reply-reader';

/** BIRD's "hello" code: the greeting `0001 BIRD <version> ready.` */
export const BIRD_GREETING_CODE = 1;

/**
 * Parsers take a reply the client already split, or raw socket text (a capture); from raw text the first reply that
 * is not the greeting is used. Returns a reason instead when there is none.
 */
export const toBirdReply = (
  input: BirdReply | string | Uint8Array,
): BirdReply | string => {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const { replies, incomplete } = splitBirdReplies(input);
    const reply = replies.find(
      (r) => r.code !== BIRD_GREETING_CODE || replies.length === 1,
    );
    if (reply) return reply;
    return incomplete
      ? 'reply is incomplete (no closing line)'
      : 'no reply in input';
  }
  if (
    typeof input !== 'object' ||
    input === null ||
    !Array.isArray(input.lines)
  )
    return 'input is not a BIRD reply';
  return input;
};
