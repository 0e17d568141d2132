// Paint times of the dashboard for a 1000-node cluster, from the browser's own performance timing: a Calico cluster
// with two in-cluster route reflectors is seeded through the real ingest endpoint of the built API (fresh database on
// a real Postgres), the built web (`next start`) is opened in Debian's chromium, and the overview and the subnet map
// are loaded several times each. Target: both paint in under 1 s.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Address, BgpSession, Counters, FullReport, Link, Route } from '@meshlens/model';
import type { Browser } from 'playwright-core';
// The browser and process helpers of the browser tests: one way to start chromium, the API and the web.
import { CHROMIUM, hasChromium, launchChromium } from '../test/web/src/browser';
import { API_MAIN, startApi, startWeb, type RunningProcess } from '../test/web/src/web-stack';
import { percentile, reportFigures, round } from './bench-output.util';
import { startBenchDatabase, type BenchDatabase } from './support/bench-database';
import { assertValidReport } from './support/fixture-reports';

const NODES = Number(process.env['MESHLENS_BENCH_WEB_NODES'] ?? 1000);
const RUNS = Number(process.env['MESHLENS_BENCH_WEB_RUNS'] ?? 5);
const POST_CONCURRENCY = 8;
const REFLECTORS = 2;
/** Calico's default pool shape: /26 blocks, one per node here (1024 fit in the /16). */
const POOL = { base: [10, 64], blockPrefix: 26 } as const;

const underlayIp = (i: number) => `172.20.${Math.floor((i + 10) / 256)}.${(i + 10) % 256}`;
const blockOf = (i: number) => `${POOL.base[0]}.${POOL.base[1]}.${Math.floor((i * 64) / 256)}.${(i * 64) % 256}`;
const nodeName = (i: number) => `node-${String(i).padStart(4, '0')}`;
const protocolName = (ip: string) => `Node_${ip.replace(/\./g, '_')}`;

const session = (peerIp: string, localIp: string): BgpSession => ({
  name: protocolName(peerIp),
  state: 'up',
  bgpState: 'Established',
  since: '09:00:00',
  info: 'Established',
  neighborAddress: peerIp,
  neighborAs: 64512,
  localAs: 64512,
  neighborId: peerIp,
  sourceAddress: localIp,
  routesImported: 1,
  routesExported: 1,
  routesPreferred: 1,
  holdTimer: '180/240',
  keepaliveTimer: '20/80',
});

const route = (r: Partial<Route> & Pick<Route, 'dst'>): Route => ({
  table: 'main',
  family: 'inet',
  type: 'unicast',
  protocol: 'boot',
  scope: 'global',
  metric: 0,
  tos: 0,
  flags: [],
  ...r,
});

/**
 * Node i of the cluster as its agent would report it: lo, eth0 and two pods behind cali veths; its block as Calico's
 * `blackhole ... proto bird` plus a /32 per pod; BGP to the reflectors (a reflector: to every other node). Routes to
 * the other 999 blocks are one covering route learned from the reflector instead of 999 rows, so the seed stays
 * about ten rows a table per node (a full table would be a million route rows for the API to read per request).
 */
const nodeReport = (i: number): FullReport => {
  const ip = underlayIp(i);
  const block = blockOf(i);
  const pods = [0, 1].map((k) => `${block.split('.').slice(0, 3).join('.')}.${Number(block.split('.')[3]) + k}`);
  const cali = pods.map((_, k) => `cali${(i * 2 + k).toString(16).padStart(11, '0')}`);
  const links: Link[] = [
    { ifindex: 1, ifname: 'lo', kind: 'loopback', mtu: 65536, operstate: 'UNKNOWN', flags: ['LOOPBACK', 'UP', 'LOWER_UP'] },
    {
      ifindex: 2,
      ifname: 'eth0',
      kind: 'device',
      mtu: 1500,
      operstate: 'UP',
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      mac: `52:54:00:${[i >> 16, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`,
    },
    ...cali.map((ifname, k) => ({
      ifindex: 10 + k,
      ifname,
      kind: 'veth',
      mtu: 1500,
      operstate: 'UP',
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      mac: 'ee:ee:ee:ee:ee:ee',
      peerIfindex: 3,
      peerNetnsId: k,
    })),
  ];
  const addresses: Address[] = [
    { ifname: 'lo', family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host' },
    { ifname: 'eth0', family: 'inet', local: ip, prefixlen: 16, scope: 'global', broadcast: '172.20.255.255' },
  ];
  const reflectors = Array.from({ length: REFLECTORS }, (_, r) => r);
  const routes: Route[] = [
    route({ dst: '0.0.0.0/0', gateway: '172.20.0.1', dev: 'eth0' }),
    route({ dst: '172.20.0.0/16', dev: 'eth0', protocol: 'kernel', scope: 'link', prefsrc: ip }),
    route({ dst: `${block}/26`, type: 'blackhole', protocol: 'bird' }),
    route({ dst: `${POOL.base.join('.')}.0.0/16`, gateway: underlayIp(i === 0 ? 1 : 0), dev: 'eth0', protocol: 'bird' }),
    ...pods.map((pod, k) => route({ dst: `${pod}/32`, dev: cali[k], scope: 'link' })),
  ];
  const peers = reflectors.includes(i)
    ? Array.from({ length: NODES }, (_, j) => j).filter((j) => j !== i)
    : reflectors;
  const counters: Counters[] = [
    {
      ifname: 'eth0',
      rxBytes: 10_000_000 + i,
      rxPackets: 20_000,
      rxErrors: 0,
      rxDropped: 0,
      txBytes: 9_000_000,
      txPackets: 18_000,
      txErrors: 0,
      txDropped: 0,
    },
  ];
  return {
    kind: 'full',
    nodeName: nodeName(i),
    seq: 1,
    epoch: `web-bench-${i}`,
    collectedAt: new Date().toISOString(),
    identity: {
      hostname: nodeName(i),
      kernel: '6.1.0-bench',
      underlayAddresses: [ip],
      modes: ['calico-bgp'],
      agentVersion: 'bench',
    },
    bgp: { socket: '/var/run/calico/bird.ctl', status: 'ok', version: '1.6.8' },
    counters,
    errors: [],
    tables: {
      links,
      addresses,
      routes,
      neighbors: [],
      fdb: [],
      bgpSessions: peers.map((j) => session(underlayIp(j), ip)),
      cniConfigs: [],
    },
  };
};

interface PaintTiming {
  fcpMs: number;
  lcpMs: number;
  ttfbMs: number;
  domContentLoadedMs: number;
}

/** The browser's own figures for one load of `url` in a fresh context (no cache, no hydrated state). */
async function measure(browser: Browser, url: string, ready: string): Promise<PaintTiming> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForSelector(ready, { timeout: 60_000 });
    return await page.evaluate(
      () =>
        new Promise<PaintTiming>((resolve) => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          // The largest element painted so far: the nodes table, the address grid. Read once the page settled.
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve({
              fcpMs: fcp,
              lcpMs: entries[entries.length - 1]?.startTime ?? NaN,
              ttfbMs: nav.responseStart,
              domContentLoadedMs: nav.domContentLoadedEventEnd,
            });
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

describe('web bench', () => {
  let db: BenchDatabase | undefined;
  let api: RunningProcess | undefined;
  let web: RunningProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await api?.stop();
    await db?.stop();
  });

  it('measures overview and subnet map paint times for a 1000-node cluster', async () => {
    if (!hasChromium()) {
      reportFigures('web', { skipped: `missing ${CHROMIUM} (Debian package chromium)` });
      return;
    }
    for (const built of [API_MAIN, 'apps/web/.next/BUILD_ID']) {
      if (!existsSync(built)) throw new Error(`${built} is missing: npx nx run-many -t build -p api web`);
    }
    const reports = Array.from({ length: NODES }, (_, i) => nodeReport(i));
    assertValidReport(reports[0]);
    assertValidReport(reports[NODES - 1]);

    db = await startBenchDatabase();
    const token = randomBytes(16).toString('hex');
    api = await startApi(db.url, token);
    const seedStarted = performance.now();
    let next = 0;
    const post = async () => {
      while (next < reports.length) {
        const report = reports[next++];
        const response = await fetch(`${api?.url}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(report),
        });
        if (response.status !== 200) throw new Error(`${report.nodeName}: ${response.status} ${await response.text()}`);
      }
    };
    await Promise.all(Array.from({ length: POST_CONCURRENCY }, post));
    const seedMs = performance.now() - seedStarted;

    // What the pages wait for: the API's answer time for each call they make (one call each, the cluster idle).
    const apiMs: Record<string, number> = {};
    for (const path of ['nodes', 'topology', 'checks', 'alerts?state=firing', 'subnets', 'ippools', 'ipam/blocks']) {
      const t0 = performance.now();
      await (await fetch(`${api.url}/api/v1/${path}`)).arrayBuffer();
      apiMs[`api${path.replace(/\W.*$/, '').replace(/^./, (c) => c.toUpperCase())}Ms`] = round(performance.now() - t0, 0);
    }

    // MESHLENS_BENCH_WEB_LIVE=off: pages without the alert event stream, to see what it costs.
    const live = process.env['MESHLENS_BENCH_WEB_LIVE'] !== 'off';
    web = await startWeb(api.url, { live });
    browser = await launchChromium();
    const pages = {
      overview: { path: '/', ready: '[data-testid="row-count"]' },
      subnetMap: { path: '/subnets', ready: '[data-testid="subnet-map"]' },
    };
    // The first load of each page warms the server (modules, connections); it is not counted.
    const timings: Record<keyof typeof pages, PaintTiming[]> = { overview: [], subnetMap: [] };
    for (const [name, p] of Object.entries(pages) as [keyof typeof pages, (typeof pages)['overview']][]) {
      await measure(browser, `${web.url}${p.path}`, p.ready);
      for (let run = 0; run < RUNS; run++) timings[name].push(await measure(browser, `${web.url}${p.path}`, p.ready));
    }

    // What was painted is the whole cluster: the table counts every node, the map every block.
    const check = await browser.newPage();
    await check.goto(`${web.url}/`, { waitUntil: 'load' });
    const rowCount = await check.getByTestId('row-count').textContent();
    if (rowCount !== `${NODES} nodes`) throw new Error(`overview shows "${rowCount}", expected ${NODES} nodes`);
    await check.goto(`${web.url}/subnets`, { waitUntil: 'load' });
    const used = await check.locator('.subnet-map .cell.used').count();
    if (used !== NODES) throw new Error(`subnet map colours ${used} blocks, expected ${NODES}`);
    await check.close();

    const fig = (xs: PaintTiming[], key: keyof PaintTiming) => round(median(xs.map((t) => t[key])), 0);
    reportFigures('web', {
      overviewPaint1000NodesMs: fig(timings.overview, 'lcpMs'),
      overviewFirstPaint1000NodesMs: fig(timings.overview, 'fcpMs'),
      overviewTtfb1000NodesMs: fig(timings.overview, 'ttfbMs'),
      subnetMapPaint1000NodesMs: fig(timings.subnetMap, 'lcpMs'),
      subnetMapFirstPaint1000NodesMs: fig(timings.subnetMap, 'fcpMs'),
      subnetMapTtfb1000NodesMs: fig(timings.subnetMap, 'ttfbMs'),
      overviewPaintMaxMs: round(Math.max(...timings.overview.map((t) => t.lcpMs)), 0),
      subnetMapPaintMaxMs: round(Math.max(...timings.subnetMap.map((t) => t.lcpMs)), 0),
      nodes: NODES,
      runsPerPage: RUNS,
      liveEvents: live,
      seedReportsSeconds: round(seedMs / 1000, 1),
      ...apiMs,
      loadAverage1m: round(loadavg()[0], 2),
    });
  });
});
