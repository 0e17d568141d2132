import type { Metadata } from 'next';
import { ErrorBanner } from '../../components/error-banner';
import { FindingsList } from '../../components/findings-list';
import { SubnetGrid } from '../../components/subnets/subnet-grid';
import { fetchIpamBlocks, fetchIpPools, fetchSubnets, fetchTopologyOutline } from '../../lib/api/api-client';
import { parseAt } from '../../lib/at-param';
import type { RawSearchParams } from '../../lib/node-page-state';
import { buildSubnetMaps } from '../../lib/subnets/subnet-maps';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Subnets' };

const value = <T,>(result: PromiseSettledResult<T>): T | undefined =>
  result.status === 'fulfilled' ? result.value : undefined;

export default async function SubnetsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const at = parseAt((await searchParams)['at']);
  const results = await Promise.allSettled([
    fetchSubnets(),
    fetchIpPools(),
    fetchIpamBlocks(),
    fetchTopologyOutline(at),
  ] as const);
  const [subnets, pools, blocks, topology] = [
    value(results[0]),
    value(results[1]),
    value(results[2]),
    value(results[3]),
  ];
  const failures = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
  const maps = buildSubnetMaps(subnets, pools, blocks, topology);
  const configured = subnets?.status.configured ?? pools?.status.configured ?? false;
  const findings = [...(subnets?.findings ?? []), ...(pools?.findings ?? []), ...(blocks?.findings ?? [])];
  const unique = [...new Map(findings.map((f) => [`${f.code}|${f.subject}`, f])).values()];
  return (
    <>
      <div className="page-header">
        <h1>Subnets</h1>
        <p className="summary">
          {configured ? (
            <span className="badge badge-good">etcd watched</span>
          ) : (
            <span
              className="badge"
              title="set MESHLENS_ETCD_ENDPOINTS on the API to read Flannel leases and Calico IPAM"
            >
              etcd not configured
            </span>
          )}
          <span>Address space coloured by node; brighter blocks are fuller</span>
          {at && <span className="badge badge-warn">reported subnets as of {at}; etcd data is current</span>}
        </p>
      </div>
      {failures.map((f, i) => (
        <ErrorBanner key={i} error={f} />
      ))}
      {maps.length === 0 && failures.length === 0 && (
        <div className="empty-state">
          <h2>No address space to draw</h2>
          <p>
            Pod subnets appear when nodes report their Flannel or Calico routes, and in full when the API watches etcd
            (MESHLENS_ETCD_ENDPOINTS): Flannel&apos;s network and leases, Calico&apos;s IP pools and IPAM blocks.
          </p>
        </div>
      )}
      {maps.map((spec) => (
        <SubnetGrid key={spec.id} spec={spec} />
      ))}
      {unique.length > 0 && (
        <section className="section">
          <h2>Datastore findings</h2>
          <FindingsList findings={unique} />
        </section>
      )}
    </>
  );
}
