import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
}

const openssl = (args: string[], cwd: string): void => {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.error?.message ?? run.stderr}`);
};

/** Null when the openssl CLI can run here, otherwise why not. */
export function opensslUnavailableReason(): string | null {
  const run = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return run.error || run.status !== 0 ? `openssl cannot run (${run.error?.message ?? run.stderr})` : null;
}

/** A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, written into `dir`. */
export function makeTestPki(dir: string): TestPki {
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=meshlens-test-ca'], dir);
  for (const who of ['server', 'client']) {
    openssl(['req', ...ec, '-keyout', `${who}-key.pem`, '-out', `${who}.csr`, '-subj', `/CN=meshlens-test-${who}`], dir);
    openssl(
      ['x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${who}.pem`, '-days', '1', '-extfile', `${who}.ext`],
      dir,
    );
  }
  return {
    caFile: join(dir, 'ca.pem'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server-key.pem'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client-key.pem'),
  };
}
