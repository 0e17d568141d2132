import type { FlannelConfig } from '@meshlens/model';
import { flannelCapacity } from './flannel-usage';

const config = (over: Partial<FlannelConfig>): FlannelConfig => ({
  prefix: '/coreos.com/network',
  network: '10.244.0.0/16',
  subnetLen: 24,
  enableIPv4: true,
  enableIPv6: false,
  backend: { type: 'vxlan' },
  ...over,
});

describe('flannelCapacity', () => {
  it('should skip only the first subnet when SubnetMin and SubnetMax are not set', () => {
    expect(flannelCapacity(config({}))).toBe(255);
  });

  it('should count SubnetMin..SubnetMax when the config sets them', () => {
    // flannel's documented example: 10.0.0.0/8 in /20s from 10.10.0.0 to 10.99.0.0.
    expect(flannelCapacity(config({ network: '10.0.0.0/8', subnetLen: 20, subnetMin: '10.10.0.0', subnetMax: '10.99.0.0' }))).toBe(1425);
  });

  it('should give null when the config has no IPv4 network', () => {
    expect(flannelCapacity(config({ network: null }))).toBeNull();
  });
});
