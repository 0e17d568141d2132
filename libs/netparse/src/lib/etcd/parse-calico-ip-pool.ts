import type { CalicoIpPool } from '@meshlens/model';
import { asRecord, bool, int, str } from '../json-fields.util';
import { parseFailure, parseJsonText, parsed, type ParseResult } from '../parse-result';
import { cidrParts, formatCidr } from './cidr.util';

const SOURCE = 'calico-ip-pool';

/** A projectcalico.org/v3 IPPool resource; Calico's defaults: blockSize 26 (v4) / 122 (v6), modes Never. */
export function parseCalicoIpPool(name: string, value: string): ParseResult<CalicoIpPool> {
  const json = parseJsonText(SOURCE, value);
  if (!json.ok) return json;
  const rec = asRecord(json.value);
  const spec = rec && asRecord(rec['spec']);
  if (!rec || !spec) return parseFailure(SOURCE, 'expected a resource object with a spec');
  if (rec['kind'] !== undefined && rec['kind'] !== 'IPPool') return parseFailure(SOURCE, `kind is ${JSON.stringify(rec['kind'])}, not IPPool`);
  const cidr = cidrParts(spec['cidr']);
  if (!cidr) return parseFailure(SOURCE, `spec.cidr is not a prefix: ${JSON.stringify(spec['cidr'] ?? null)}`);
  const warnings: string[] = [];
  const blockSize = int(spec['blockSize']) ?? (cidr.bits === 32 ? 26 : 122);
  if (blockSize < cidr.prefixlen || blockSize > cidr.bits) warnings.push(`blockSize ${blockSize} does not fit ${formatCidr(cidr)}`);
  const metaName = str(asRecord(rec['metadata'])?.['name']);
  return parsed(
    {
      name: metaName ?? name,
      cidr: formatCidr(cidr),
      blockSize,
      ipipMode: str(spec['ipipMode']) || 'Never',
      vxlanMode: str(spec['vxlanMode']) || 'Never',
      natOutgoing: bool(spec['natOutgoing']) ?? false,
      disabled: bool(spec['disabled']) ?? false,
      nodeSelector: str(spec['nodeSelector']) || 'all()',
    },
    warnings,
  );
}
