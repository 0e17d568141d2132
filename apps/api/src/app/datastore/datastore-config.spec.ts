import { isDatastoreConfigured, loadDatastoreConfig } from './datastore-config';

describe('loadDatastoreConfig', () => {
  it('should watch the default prefixes and report not configured when no endpoint is set', () => {
    const config = loadDatastoreConfig({});
    expect(config).toEqual({
      endpoints: [],
      tls: undefined,
      auth: undefined,
      prefixes: [
        { source: 'flannel', prefix: '/coreos.com/network' },
        { source: 'calico', prefix: '/calico' },
      ],
    });
    expect(isDatastoreConfigured(config)).toBe(false);
  });

  it('should read several endpoints, TLS files, credentials and prefixes when all are set', () => {
    const config = loadDatastoreConfig({
      MESHLENS_ETCD_ENDPOINTS: 'https://10.0.0.1:2379, https://10.0.0.2:2379',
      MESHLENS_ETCD_CA: 'ca.pem',
      MESHLENS_ETCD_CERT: 'client.pem',
      MESHLENS_ETCD_KEY: 'client-key.pem',
      MESHLENS_ETCD_USERNAME: 'meshlens',
      MESHLENS_ETCD_PASSWORD: 'secret',
      MESHLENS_FLANNEL_PREFIX: '/flannel/vxlan,/flannel/host-gw',
      MESHLENS_CALICO_PREFIX: '',
    });
    expect(config).toEqual({
      endpoints: ['https://10.0.0.1:2379', 'https://10.0.0.2:2379'],
      tls: { caFile: 'ca.pem', certFile: 'client.pem', keyFile: 'client-key.pem' },
      auth: { username: 'meshlens', password: 'secret' },
      prefixes: [
        { source: 'flannel', prefix: '/flannel/vxlan' },
        { source: 'flannel', prefix: '/flannel/host-gw' },
      ],
    });
    expect(isDatastoreConfigured(config)).toBe(true);
  });

  it('should name every bad variable when the settings are inconsistent', () => {
    expect(() =>
      loadDatastoreConfig({
        MESHLENS_ETCD_ENDPOINTS: '10.0.0.1:2379',
        MESHLENS_ETCD_CERT: 'client.pem',
        MESHLENS_ETCD_USERNAME: 'meshlens',
        MESHLENS_FLANNEL_PREFIX: 'coreos.com/network/',
      }),
    ).toThrow(
      /MESHLENS_ETCD_ENDPOINTS.*\n.*MESHLENS_FLANNEL_PREFIX.*\n.*MESHLENS_ETCD_CERT and MESHLENS_ETCD_KEY.*\n.*MESHLENS_ETCD_USERNAME and MESHLENS_ETCD_PASSWORD/,
    );
  });
});
