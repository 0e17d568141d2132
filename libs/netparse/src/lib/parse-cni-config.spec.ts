import { fixture } from './fixtures.test-util';
import { parseCniConfig } from './parse-cni-config';

const cni = (file: string) => parseCniConfig(file, fixture('cni', file));

describe('parseCniConfig', () => {
  it("should list flannel then portmap and report the bridge delegate when given kube-flannel's conflist", () => {
    expect(cni('10-flannel.conflist')).toEqual({
      file: '10-flannel.conflist',
      name: 'cbr0',
      cniVersion: '0.3.1',
      plugins: ['flannel', 'portmap'],
      plugin: 'flannel',
      mode: 'bridge',
    });
  });

  it("should name calico with its ipam type when given Calico's conflist", () => {
    expect(cni('10-calico.conflist')).toMatchObject({
      name: 'k8s-pod-network',
      plugins: ['calico', 'portmap', 'bandwidth'],
      plugin: 'calico',
      mode: 'calico-ipam',
    });
  });

  it('should read a single-plugin .conf file', () => {
    expect(cni('10-flannel.conf')).toMatchObject({
      plugins: ['flannel'],
      plugin: 'flannel',
      mode: 'bridge',
    });
    expect(cni('87-bridge.conf')).toMatchObject({
      plugins: ['bridge'],
      plugin: 'bridge',
      mode: 'host-local',
      cniVersion: '0.4.0',
    });
  });

  it('should return the error instead of throwing when the file is truncated or not a CNI config', () => {
    expect(cni('99-truncated.conflist')).toMatchObject({
      file: '99-truncated.conflist',
      plugins: [],
      error: expect.stringContaining('JSON'),
    });
    expect(parseCniConfig('x.conf', '[1,2]')).toMatchObject({
      plugins: [],
      error: 'expected a JSON object',
    });
    expect(parseCniConfig('x.conf', '{"name":"n"}')).toMatchObject({
      plugins: [],
      error: 'no plugin type in the file',
    });
  });
});
