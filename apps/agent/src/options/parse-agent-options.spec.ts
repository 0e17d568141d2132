import { hostname } from 'node:os';
import { parseAgentOptions, parseByteSize } from './parse-agent-options';

const ok = (argv: string[], env: Record<string, string> = {}) => {
  const r = parseAgentOptions(argv, env);
  if (!r.ok) throw new Error(r.message);
  return r.options;
};

describe('parseAgentOptions', () => {
  it('should fill every default when only a token is given', () => {
    const o = ok(['--token', 't']);

    expect(o).toMatchObject({
      api: 'http://127.0.0.1:3000',
      token: 't',
      nodeName: hostname().toLowerCase(),
      interval: 5,
      bgpInterval: 1,
      birdSockets: ['/var/run/calico/bird.ctl'],
      cniDir: '/etc/cni/net.d',
      stateDir: `.data/agent/${hostname().toLowerCase()}`,
      once: false,
      dryRun: false,
      logLevel: 'info',
    });
    expect(o.netns).toBeUndefined();
  });

  it('should accept repeated and comma-separated BIRD sockets', () => {
    expect(ok(['--token=t', '--bird-socket', '/a.ctl,/b.ctl', '--bird-socket=/c.ctl']).birdSockets).toEqual(['/a.ctl', '/b.ctl', '/c.ctl']);
  });

  it('should read MESHLENS_* variables when the command line does not set them', () => {
    const o = ok(['--interval', '2'], {
      MESHLENS_API: 'http://api.test:8080',
      MESHLENS_AGENT_TOKEN: 'from-env',
      MESHLENS_NODE_NAME: 'node-7',
      MESHLENS_INTERVAL: '30',
      MESHLENS_NETNS: 'ag-n1',
      MESHLENS_QUEUE_MAX_BYTES: '2MiB',
      MESHLENS_BIRD_SOCKET: '/x.ctl,/y.ctl',
    });

    expect(o).toMatchObject({
      api: 'http://api.test:8080',
      token: 'from-env',
      nodeName: 'node-7',
      interval: 2,
      netns: 'ag-n1',
      queueMaxBytes: 2 * 1024 * 1024,
      stateDir: '.data/agent/node-7',
      birdSockets: ['/x.ctl', '/y.ctl'],
    });
  });

  it('should run every collector by default and only the listed ones when --collectors is given', () => {
    expect(ok(['--token', 't']).collectors).toContain('bgpSessions');
    expect(ok(['--token', 't', '--collectors', 'links, routes']).collectors).toEqual(['links', 'routes']);
  });

  it('should allow a missing token when only printing with --dry-run', () => {
    expect(ok(['--once', '--dry-run'])).toMatchObject({ once: true, dryRun: true, token: undefined });
  });

  it.each([
    [['--interval', 'soon', '--token', 't'], '--interval'],
    [['--interval', '0', '--token', 't'], '--interval'],
    [['--api', 'ftp://x', '--token', 't'], '--api'],
    [['--node-name', 'Node_1', '--token', 't'], '--node-name'],
    [['--netns', 'a b', '--token', 't'], '--netns'],
    [['--queue-max-bytes', 'lots', '--token', 't'], '--queue-max-bytes'],
    [['--log-level', 'loud', '--token', 't'], '--log-level'],
    [['--collectors', 'links,bogus', '--token', 't'], '--collectors'],
    [['--frobnicate'], 'frobnicate'],
    [[], '--token'],
  ])('should fail with exit code 2 naming the option when given %j', (argv, named) => {
    const r = parseAgentOptions(argv, {});

    expect(r.ok).toBe(false);
    expect(r.ok ? 0 : r.exitCode).toBe(2);
    expect(r.ok ? '' : r.message).toContain(named);
  });

  it('should return the help text with exit code 0 when asked for help', () => {
    const r = parseAgentOptions(['--help'], {});

    expect(r).toMatchObject({ ok: false, exitCode: 0 });
    expect(r.ok ? '' : r.message).toContain('--bird-socket');
  });
});

describe('parseByteSize', () => {
  it.each([
    ['1048576', 1048576],
    ['64MiB', 64 * 1024 * 1024],
    ['512k', 512 * 1024],
    ['1G', 1024 ** 3],
  ])('should read %s as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });
});
