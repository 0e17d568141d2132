import type { BgpSession } from '@meshlens/model';

/** One row of `show protocols`: BIRD prints `%-8s %-8s %-8s %-5s %-10s %s` (2.x: wider), so names push columns. */
export interface BirdProtocolRow {
  name: string;
  proto: string;
  table: string;
  state: string;
  since: string;
  info: string;
}

/** BIRD's `show protocols` header line (code 2002) and protocol rows (1002); `all` adds detail lines (1006). */
export const BIRD_CODE_TABLE_HEADER = 2002;
export const BIRD_CODE_PROTOCOL_ROW = 1002;
export const BIRD_CODE_PROTOCOL_DETAIL = 1006;

/** BGP FSM names BIRD prints (bgp_state_dsc), plus `Passive` for an Active protocol with `passive on`. */
const BIRD_BGP_STATES = new Set([
  'Idle',
  'Connect',
  'Active',
  'OpenSent',
  'OpenConfirm',
  'Established',
  'Close',
  'Passive',
]);

// Symbols (protocol names) never contain whitespace, so splitting on it is safe even when a long name pushes
// the columns right. `since` is one token by default (1.6: 11:12:01, Nov23 or 2025; 2.x: 11:13:19.180 or
// 2026-11-23), but `timeformat protocol iso long` prints date and time: keep those two tokens together.
const ROW =
  /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?|\S+)(?:\s+(.*))?$/s;

export const parseBirdProtocolRow = (
  text: string,
): BirdProtocolRow | undefined => {
  const m = ROW.exec(text.trim());
  if (!m) return undefined;
  return {
    name: m[1],
    proto: m[2],
    table: m[3],
    state: m[4],
    since: m[5],
    info: (m[6] ?? '').trim(),
  };
};

export const isBgpRow = (row: BirdProtocolRow): boolean =>
  row.proto.toUpperCase() === 'BGP';

export const isProtocolsHeader = (text: string): boolean => {
  const cols = text.trim().toLowerCase().split(/\s+/);
  return cols[0] === 'name' && cols.includes('proto') && cols.includes('state');
};

/**
 * The info column of a BGP protocol: `Established`, or a state padded to 14 characters and the last error
 * (`Active        Socket: Connection refused`); a protocol that is down (disabled) shows only the error, if any.
 */
export const sessionFromRow = (
  row: BirdProtocolRow,
): { session: BgpSession; warning?: string } => {
  const info = row.info.replace(/\s+/g, ' ').trim();
  const [first = '', ...rest] = info.split(' ');
  let bgpState: string;
  let lastError: string | undefined;
  let warning: string | undefined;
  if (BIRD_BGP_STATES.has(first)) {
    bgpState = first;
    lastError = rest.join(' ') || undefined;
  } else if (row.state.toLowerCase() === 'down') {
    bgpState = 'Down';
    lastError = info || undefined;
  } else {
    bgpState = first || 'Idle';
    warning = `${row.name}: unrecognised BGP state in info column "${info}"`;
  }
  const session: BgpSession = { name: row.name, state: row.state, bgpState };
  if (row.since) session.since = row.since;
  if (info) session.info = info;
  if (lastError) session.lastError = lastError;
  return { session, warning };
};
