import type { IpamBlock } from '@meshlens/model';
import { asRecord, bool, int, str } from '../json-fields.util';
import { parseFailure, parseJsonText, parsed, type ParseResult } from '../parse-result';
import { cidrParts, formatCidr } from './cidr.util';

const SOURCE = 'calico-ipam-block';

/**
 * An AllocationBlock (libcalico-go model/block.go): cidr, affinity "host:<node>", allocations (one slot per address:
 * an index into attributes, or null), unallocated, attributes [{handle_id, secondary{node,...}}], sequenceNumber,
 * deleted. Summarised to counts: the slot list is as long as the block.
 */
export function parseCalicoIpamBlock(keyCidr: string, value: string): ParseResult<IpamBlock> {
  const json = parseJsonText(SOURCE, value);
  if (!json.ok) return json;
  const rec = asRecord(json.value);
  if (!rec) return parseFailure(SOURCE, 'expected a JSON object');
  const cidr = cidrParts(rec['cidr']);
  if (!cidr) return parseFailure(SOURCE, `cidr is not a prefix: ${JSON.stringify(rec['cidr'] ?? null)}`);
  const allocations = rec['allocations'];
  if (!Array.isArray(allocations)) return parseFailure(SOURCE, 'allocations must be an array');
  if (allocations.some((a) => a !== null && int(a) === undefined)) {
    return parseFailure(SOURCE, 'allocations must hold attribute indexes or null');
  }
  const warnings: string[] = [];
  if (formatCidr(cidr) !== keyCidr) warnings.push(`value cidr ${formatCidr(cidr)} differs from the key's ${keyCidr}`);
  const size = 2 ** (cidr.bits - cidr.prefixlen);
  if (allocations.length !== size) warnings.push(`${allocations.length} allocation slots for ${size} addresses`);
  const affinity = str(rec['affinity']) ?? (str(rec['hostAffinity']) ? `host:${str(rec['hostAffinity'])}` : null);
  const node = affinity?.startsWith('host:') ? affinity.slice('host:'.length) : null;
  const attributes = Array.isArray(rec['attributes']) ? rec['attributes'] : [];
  let borrowed = 0;
  for (const a of allocations) {
    if (a === null || node === null) continue;
    const owner = str(asRecord(asRecord(attributes[a as number])?.['secondary'])?.['node']);
    if (owner && owner !== node) borrowed++;
  }
  return parsed(
    {
      cidr: formatCidr(cidr),
      affinity,
      node,
      size,
      allocated: allocations.filter((a) => a !== null).length,
      borrowed,
      strictAffinity: bool(rec['strictAffinity']) ?? false,
      deleted: bool(rec['deleted']) ?? false,
      sequenceNumber: int(rec['sequenceNumber']) ?? null,
    },
    warnings,
  );
}
