import type { BlockAffinity } from '@meshlens/model';
import { asRecord, bool, str } from '../json-fields.util';
import { parseFailure, parseJsonText, parsed, type ParseResult } from '../parse-result';

const SOURCE = 'calico-block-affinity';
const STATES = ['confirmed', 'pending', 'pendingDeletion'];

/** A BlockAffinity value (libcalico-go model/block_affinity.go): {"state":"confirmed","deleted":false}. */
export function parseCalicoBlockAffinity(node: string, cidr: string, value: string): ParseResult<BlockAffinity> {
  const json = parseJsonText(SOURCE, value);
  if (!json.ok) return json;
  const rec = asRecord(json.value);
  if (!rec) return parseFailure(SOURCE, 'expected a JSON object');
  const state = str(rec['state']);
  if (state === undefined) return parseFailure(SOURCE, 'state is missing');
  const warnings = STATES.includes(state) ? [] : [`unknown state ${state}`];
  return parsed({ node, cidr, state, deleted: bool(rec['deleted']) ?? false }, warnings);
}
