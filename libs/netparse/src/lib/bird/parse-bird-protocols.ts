import { bgpSessionSchema, type BgpSession } from '@meshlens/model';
import { parseFailure, parsed, type ParseResult } from '../parse-result';
import type { BirdReply } from './bird-reply-reader';
import { toBirdReply } from './bird-reply-input.util';
import {
  BIRD_CODE_PROTOCOL_DETAIL,
  BIRD_CODE_PROTOCOL_ROW,
  BIRD_CODE_TABLE_HEADER,
  isBgpRow,
  isProtocolsHeader,
  parseBirdProtocolRow,
  sessionFromRow,
} from './bird-protocol-row.util';

export interface BirdProtocolBlock {
  /** The 1002 row text. */
  row: string;
  /** The 1006 detail lines that follow it (`show protocols all`), in order. */
  details: string[];
}

/**
 * Groups a `show protocols [all]` reply into protocol blocks, or says why it is not such a reply. An error reply
 * (8xxx/9xxx, e.g. `8003 No protocols match` for a pattern) is a failure, never an empty list.
 */
export const protocolBlocks = (
  source: string,
  input: BirdReply | string | Uint8Array,
): ParseResult<BirdProtocolBlock[]> => {
  const reply = toBirdReply(input);
  if (typeof reply === 'string') return parseFailure(source, reply);
  if (!reply.ok)
    return parseFailure(
      source,
      `BIRD error ${String(reply.code).padStart(4, '0')}: ${reply.message}`,
    );
  const warnings: string[] = [];
  const blocks: BirdProtocolBlock[] = [];
  let header = false;
  for (const line of reply.lines) {
    if (line.code === BIRD_CODE_TABLE_HEADER) {
      header = header || isProtocolsHeader(line.text);
    } else if (line.code === BIRD_CODE_PROTOCOL_ROW) {
      blocks.push({ row: line.text, details: [] });
    } else if (line.code === BIRD_CODE_PROTOCOL_DETAIL) {
      if (blocks.length > 0) blocks[blocks.length - 1].details.push(line.text);
      else warnings.push('detail line before any protocol row: skipped');
    } else if (line.code !== reply.code) {
      warnings.push(`line with unexpected code ${line.code}: skipped`);
    }
  }
  if (!header && blocks.length === 0) {
    return parseFailure(
      source,
      `not a "show protocols" reply (code ${reply.code}, ${reply.lines.length} lines)`,
    );
  }
  if (reply.malformed.length > 0)
    warnings.push(`${reply.malformed.length} malformed line(s) ignored`);
  return parsed(blocks, warnings);
};

/** Checks a built session against the shared model; a session that fails is skipped with a warning. */
export const checkedSession = (
  session: BgpSession,
  warnings: string[],
): BgpSession | undefined => {
  const checked = bgpSessionSchema.safeParse(session);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  warnings.push(
    `${session.name}: skipped: ${issue?.path.join('.')}: ${issue?.message}`,
  );
  return undefined;
};

/**
 * The loop both `show protocols` and `show protocols all` share: one session per BGP protocol block (kernel, device,
 * direct, static... are skipped), `finish` adding what the longer reply knows, then the model check.
 */
export const sessionsOfBlocks = (
  source: string,
  reply: BirdReply | string | Uint8Array,
  finish: (session: BgpSession, block: BirdProtocolBlock) => BgpSession = (session) => session,
): ParseResult<BgpSession[]> => {
  const blocks = protocolBlocks(source, reply);
  if (!blocks.ok) return blocks;
  const warnings = [...blocks.warnings];
  const sessions: BgpSession[] = [];
  for (const block of blocks.value) {
    const row = parseBirdProtocolRow(block.row);
    if (!row) {
      warnings.push(`unreadable protocol row: ${block.row.slice(0, 120)}`);
      continue;
    }
    if (!isBgpRow(row)) continue;
    const { session, warning } = sessionFromRow(row);
    if (warning) warnings.push(warning);
    const ok = checkedSession(finish(session, block), warnings);
    if (ok) sessions.push(ok);
  }
  return parsed(sessions, warnings);
};

/** `show protocols`: one BgpSession per BGP protocol. */
export const parseBirdProtocols = (reply: BirdReply | string | Uint8Array): ParseResult<BgpSession[]> =>
  sessionsOfBlocks('bird-protocols', reply);
