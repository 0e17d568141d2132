import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainPath } from './explain-path';
import { fixtureDir, loadFixtureCluster } from './__testing__/load-fixture-cluster';

const UDP = fixtureDir('flannel-udp-2node');

describe('explainPath on a Flannel UDP-backend cluster (real captures)', () => {
  const cluster = loadFixtureCluster(UDP);

  it('should hand the packet to flanneld on flannel0 and send it over UDP 8285 to the node serving the subnet', () => {
    const path = explainPath(cluster, '10.246.1.10', '10.246.2.10');
    expect(path.failure).toBeUndefined();
    expect(path.status).toBe('delivered');
    expect(path.hops.find((h) => h.kind === 'encapsulate')?.encapsulation).toEqual({
      type: 'udp',
      outerSrc: '192.168.251.11',
      outerDst: '192.168.251.12',
      port: 8285,
      overhead: 28,
      mtu: 1472,
    });
    expect(path.hops.at(-1)).toMatchObject({ node: 'node-2', kind: 'deliver' });
  });

  it('should leave flannel0 as the kernel says (ip route get)', () => {
    const kernel = JSON.parse(readFileSync(join(UDP, 'node-1', 'route-get-remote-pod.json'), 'utf8'))[0];
    const first = explainPath(cluster, '10.246.1.10', '10.246.2.10').hops.find((h) => h.kind === 'route');
    expect({ dev: first?.dev, gateway: first?.nextHop }).toEqual({ dev: kernel.dev, gateway: kernel.gateway });
  });

  it('should say flanneld has nowhere to send a packet for a subnet no node serves', () => {
    expect(explainPath(cluster, '10.246.1.10', '10.246.9.10').failure).toMatchObject({ code: 'vtep-unknown', node: 'node-1' });
  });
});
