import type { FlannelLease } from '@meshlens/model';
import { asRecord, int, ip, isIpv4, isIpv6, str } from '../json-fields.util';
import { parseFailure, parseJsonText, parsed, type ParseResult } from '../parse-result';
import type { EtcdKv } from './etcd-kv';
import { goField } from './etcd-kv';

const SOURCE = 'flannel-lease';
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

const macOf = (v: unknown): string | null => (typeof v === 'string' && MAC.test(v) ? v.toLowerCase() : null);

/**
 * A lease value as flanneld's lease.LeaseAttrs marshals it: PublicIP, PublicIPv6 (null when unused; absent before
 * dual stack), BackendType, BackendData {VNI, VtepMAC} (host-gw: no BackendData), BackendV6Data.
 */
export function parseFlannelLease(
  prefix: string,
  kv: EtcdKv,
  subnet: string,
  ipv6Subnet: string | null,
): ParseResult<FlannelLease> {
  const json = parseJsonText(SOURCE, kv.value);
  if (!json.ok) return json;
  const rec = asRecord(json.value);
  if (!rec) return parseFailure(SOURCE, 'expected a JSON object');
  const rawIp = goField(rec, 'PublicIP');
  const publicIp = typeof rawIp === 'string' && isIpv4(rawIp) ? rawIp : undefined;
  if (!publicIp) return parseFailure(SOURCE, `PublicIP must be an IPv4 address, got ${JSON.stringify(rawIp ?? null)}`);
  const rawIp6 = goField(rec, 'PublicIPv6');
  const publicIpv6 = typeof rawIp6 === 'string' && isIpv6(rawIp6) ? (ip(rawIp6) ?? null) : null;
  const warnings: string[] = [];
  if (rawIp6 !== undefined && rawIp6 !== null && publicIpv6 === null) warnings.push('PublicIPv6 is not an IPv6 address');
  const backendData = asRecord(goField(rec, 'BackendData'));
  const backendV6Data = asRecord(goField(rec, 'BackendV6Data'));
  const rawMac = backendData ? goField(backendData, 'VtepMAC') : undefined;
  const vtepMac = macOf(rawMac);
  if (rawMac !== undefined && vtepMac === null) return parseFailure(SOURCE, `VtepMAC is not a MAC address: ${JSON.stringify(rawMac)}`);
  const lease: FlannelLease = {
    prefix,
    key: kv.key,
    subnet,
    ipv6Subnet,
    publicIp,
    publicIpv6,
    backendType: str(goField(rec, 'BackendType')) ?? null,
    vni: (backendData && int(goField(backendData, 'VNI'))) ?? null,
    vtepMac,
    ipv6VtepMac: backendV6Data ? macOf(goField(backendV6Data, 'VtepMAC')) : null,
    etcdLeaseId: /^\d+$/.test(kv.lease) && kv.lease !== '0' ? kv.lease : null,
    expiresAt: null,
    node: null,
  };
  return parsed(lease, warnings);
}
