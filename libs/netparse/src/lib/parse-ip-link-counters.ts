import { countersSchema, type Counters } from '@meshlens/model';
import { asRecord, int, nonEmptyStr } from './json-fields.util';
import type { ParseResult } from './parse-result';
import { parseJsonRows } from './parse-rows.util';

/**
 * Counters of each link from the same `ip -j -s link show` text. `stats64` is preferred: `stats` holds the
 * 32-bit copies that wrap at 4 GiB. Values are the kernel's cumulative counts since the device was created.
 */
export const parseIpLinkCounters = (text: string): ParseResult<Counters[]> =>
  parseJsonRows('ip-link-counters', text, countersSchema, (row) => {
    const r = asRecord(row);
    const ifname = nonEmptyStr(r?.['ifname']);
    if (!r || !ifname) return { skip: 'no ifname' };
    const stats = asRecord(r['stats64']) ?? asRecord(r['stats']);
    const rx = asRecord(stats?.['rx']);
    const tx = asRecord(stats?.['tx']);
    if (!rx || !tx)
      return { skip: `${ifname}: no stats64/stats (dump taken without -s?)` };
    // A missing key is 0 (old kernels lack some); a value that is present but not a safe integer makes the
    // counters of this link unusable (the schema rejects the -1 and the row is skipped with a warning).
    const n = (side: Record<string, unknown>, key: string) =>
      side[key] === undefined ? 0 : (int(side[key]) ?? -1);
    return {
      ifname,
      rxBytes: n(rx, 'bytes'),
      rxPackets: n(rx, 'packets'),
      rxErrors: n(rx, 'errors'),
      rxDropped: n(rx, 'dropped'),
      txBytes: n(tx, 'bytes'),
      txPackets: n(tx, 'packets'),
      txErrors: n(tx, 'errors'),
      txDropped: n(tx, 'dropped'),
    };
  });
