import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLANNEL_VXLAN_NETWORK, VXLAN_MTU, UNDERLAY_MTU } from './lab-plan';
import type { LabNode } from './lab-state';

/** Per-node stand-ins for /etc/cni/net.d and /run/flannel/subnet.env, as flannel's and Calico's installers write them. */
export function writeCniFiles(node: LabNode, etcdEndpoint: string): { cniDir: string; flannelSubnetEnv: string } {
  const cniDir = join(node.dir, 'cni', 'net.d');
  const flannelSubnetEnv = join(node.dir, 'run', 'flannel', 'subnet.env');
  mkdirSync(cniDir, { recursive: true });
  mkdirSync(join(node.dir, 'run', 'flannel'), { recursive: true });
  const flannel = {
    name: 'cbr0',
    cniVersion: '0.3.1',
    plugins: [
      { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  };
  const calico = {
    name: 'k8s-pod-network',
    cniVersion: '0.3.1',
    plugins: [
      {
        type: 'calico',
        log_level: 'info',
        datastore_type: 'etcdv3',
        etcd_endpoints: etcdEndpoint,
        nodename: node.name,
        mtu: UNDERLAY_MTU,
        ipam: { type: 'calico-ipam' },
        policy: { type: 'k8s' },
      },
      { type: 'portmap', snat: true, capabilities: { portMappings: true } },
    ],
  };
  writeFileSync(join(cniDir, '10-calico.conflist'), JSON.stringify(calico, null, 2) + '\n');
  writeFileSync(join(cniDir, '10-flannel.conflist'), JSON.stringify(flannel, null, 2) + '\n');
  const gateway = node.vxlanSubnet.replace(/\.0\/24$/, '.1/24');
  writeFileSync(
    flannelSubnetEnv,
    [`FLANNEL_NETWORK=${FLANNEL_VXLAN_NETWORK}`, `FLANNEL_SUBNET=${gateway}`, `FLANNEL_MTU=${VXLAN_MTU}`, 'FLANNEL_IPMASQ=true', ''].join('\n'),
  );
  return { cniDir, flannelSubnetEnv };
}
