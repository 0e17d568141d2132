import type { FlannelConfig } from '@meshlens/model';
import { asRecord, bool, int, isIpv4, isIpv6, str } from '../json-fields.util';
import { parseFailure, parseJsonText, parsed, type ParseResult } from '../parse-result';
import { cidrParts, formatCidr } from './cidr.util';
import { goField } from './etcd-kv';

const SOURCE = 'flannel-config';

/** flanneld's default SubnetLen when the config has none (pkg/subnet/config.go CheckNetworkConfig). */
const defaultSubnetLen = (prefixlen: number): number => (prefixlen <= 22 ? 24 : prefixlen + 2);
const defaultIpv6SubnetLen = (prefixlen: number): number => (prefixlen <= 62 ? 64 : prefixlen + 2);

/** `<prefix>/config`: Network, SubnetLen, SubnetMin/Max, IPv6 fields, Backend {Type, VNI, Port}. */
export function parseFlannelConfig(prefix: string, value: string): ParseResult<FlannelConfig> {
  const json = parseJsonText(SOURCE, value);
  if (!json.ok) return json;
  const rec = asRecord(json.value);
  if (!rec) return parseFailure(SOURCE, 'expected a JSON object');
  const warnings: string[] = [];
  const enableIPv4 = bool(goField(rec, 'EnableIPv4')) ?? true;
  const enableIPv6 = bool(goField(rec, 'EnableIPv6')) ?? false;
  const rawNetwork = goField(rec, 'Network');
  const network = cidrParts(rawNetwork);
  if (enableIPv4 && (!network || network.bits !== 32)) {
    return parseFailure(SOURCE, `Network must be an IPv4 prefix, got ${JSON.stringify(rawNetwork ?? null)}`);
  }
  const rawV6 = goField(rec, 'IPv6Network');
  const network6 = cidrParts(rawV6);
  if (enableIPv6 && (!network6 || network6.bits !== 128)) {
    return parseFailure(SOURCE, `IPv6Network must be an IPv6 prefix, got ${JSON.stringify(rawV6 ?? null)}`);
  }
  const subnetLenRaw = goField(rec, 'SubnetLen');
  const subnetLen = int(subnetLenRaw) ?? 0;
  if (subnetLenRaw !== undefined && int(subnetLenRaw) === undefined) warnings.push('SubnetLen is not an integer; default used');
  const backendRaw = goField(rec, 'Backend');
  const backend = asRecord(backendRaw);
  if (backendRaw !== undefined && !backend) return parseFailure(SOURCE, 'Backend must be an object');
  const config: FlannelConfig = {
    prefix,
    network: network && network.bits === 32 ? formatCidr(network) : null,
    subnetLen: subnetLen > 0 ? subnetLen : network ? defaultSubnetLen(network.prefixlen) : 0,
    enableIPv4,
    enableIPv6,
    // flanneld runs the udp backend when the config names none.
    backend: { type: backend ? (str(goField(backend, 'Type')) ?? '') : 'udp' },
  };
  const vni = backend && int(goField(backend, 'VNI'));
  const port = backend && int(goField(backend, 'Port'));
  if (vni !== undefined) config.backend.vni = vni;
  if (port !== undefined) config.backend.port = port;
  const subnetMin = str(goField(rec, 'SubnetMin'));
  const subnetMax = str(goField(rec, 'SubnetMax'));
  if (subnetMin && isIpv4(subnetMin)) config.subnetMin = subnetMin;
  if (subnetMax && isIpv4(subnetMax)) config.subnetMax = subnetMax;
  if (network6 && network6.bits === 128) {
    config.ipv6Network = formatCidr(network6);
    const len6 = int(goField(rec, 'IPv6SubnetLen')) ?? 0;
    config.ipv6SubnetLen = len6 > 0 ? len6 : defaultIpv6SubnetLen(network6.prefixlen);
  } else if (rawV6 !== undefined && !(typeof rawV6 === 'string' && isIpv6(rawV6))) {
    warnings.push('IPv6Network is not an IPv6 prefix; ignored');
  }
  return parsed(config, warnings);
}
