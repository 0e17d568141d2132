import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FullReport, PathExplanation, Topology } from '@meshlens/model';
import type { Browser, Page } from 'playwright-core';
// The test database helper is a workspace tool, not a project: there is no package name to import it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
import { hasChromium, launchChromium, screenshot, watchConsoleErrors } from './src/browser';
import { buildFixtureReport, buildTwoNodeReport } from './src/fixture-reports';
import { API_MAIN, startApi, startWeb, type RunningProcess } from './src/web-stack';

jest.setTimeout(120_000);

const describeWithChromium = hasChromium() ? describe : describe.skip;
const SRC_POD = '10.244.1.10';
const DST_POD = '10.244.2.10';

describeWithChromium('overview, mesh, path and subnet pages in a browser (real API, real Postgres, built web)', () => {
  const token = randomBytes(16).toString('hex');
  let db: TestDatabase;
  let api: RunningProcess;
  let web: RunningProcess;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  const open = (path: string) => page.goto(`${web.url}${path}`, { waitUntil: 'networkidle' });
  const apiGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api.url}/api/v1/${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const post = async (report: FullReport) => {
    const response = await fetch(`${api.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(report),
    });
    expect({ status: response.status, body: await response.json() }).toMatchObject({
      status: 200,
      body: { nodeName: report.nodeName, ackedSeq: report.seq },
    });
  };
  const pause = () => new Promise((r) => setTimeout(r, 50));

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: the global setup should have built it`);
    db = await createTestDatabase();
    api = await startApi(db.url, token);
    web = await startWeb(api.url);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
  });

  afterEach(() => {
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await api?.stop();
    await db?.drop();
  });

  describe('before any agent reported', () => {
    it.each([
      ['/', 'No node has reported yet'],
      ['/mesh', 'No node to draw'],
      ['/subnets', 'No address space to draw'],
      ['/path', 'No pod known yet'],
    ])('should render %s with its empty state and no console error when the API has no data', async (path, heading) => {
      const response = await open(path);
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { name: heading }).waitFor();
      await screenshot(page, `empty${path === '/' ? '-overview' : path.replace('/', '-')}`);
    });
  });

  describe('with two Flannel VXLAN nodes whose FDB entry broke, and a Calico node with BIRD', () => {
    /** An instant after every node reported and before node-1 lost its FDB entry to node-2. */
    let beforeBreak: string;
    let now: Topology;
    let then: Topology;

    beforeAll(async () => {
      await post(buildTwoNodeReport('node-1', 1));
      await post(buildTwoNodeReport('node-2', 1));
      await post(
        buildFixtureReport('calico-bgp-node', 'calico-node-1', { cniFiles: ['10-calico.conflist'], bird: 'bird-1.6' }),
      );
      await pause();
      beforeBreak = new Date().toISOString();
      await pause();
      const broken = buildTwoNodeReport('node-1', 2);
      broken.tables.fdb = broken.tables.fdb.filter((f) => !(f.dev === 'flannel.1' && f.dst));
      await post(broken);
      now = await apiGet<Topology>('topology');
      then = await apiGet<Topology>(`topology?at=${encodeURIComponent(beforeBreak)}`);
      expect(now.edges.length).toBeGreaterThan(0);
    });

    it('should show health cards, health and findings per node when the overview opens', async () => {
      await open('/');
      const findings = await apiGet<unknown[]>('checks');
      expect(await page.getByTestId('stat-nodes').textContent()).toBe('3');
      expect(await page.getByTestId('stat-findings').textContent()).toBe(String(findings.length));
      const alerts = await fetch(`${api.url}/api/v1/alerts?state=firing`);
      const firing = alerts.ok ? ((await alerts.json()) as { alerts: unknown[] }).alerts.length : '—';
      expect(await page.getByTestId('stat-alerts').textContent()).toBe(String(firing));
      const node1 = page.locator('tbody tr', { has: page.getByRole('link', { name: 'node-1', exact: true }) });
      expect(await node1.locator('td[data-column="health"]').textContent()).toMatch(/failing|degraded|healthy/);
      expect(await node1.locator('td[data-column="modes"]').textContent()).toContain('flannel-vxlan');
      await screenshot(page, 'overview');
    });

    it('should draw every topology edge on the canvas and list it with its state when the mesh opens', async () => {
      await open('/mesh');
      const canvas = page.getByTestId('mesh-canvas');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="mesh-canvas"]')?.getAttribute('data-edges-drawn')) >= 0,
      );
      expect(Number(await canvas.getAttribute('data-edges-drawn'))).toBe(now.edges.length);
      expect(Number(await canvas.getAttribute('data-nodes-drawn'))).toBe(now.nodes.length);
      const states = await page
        .getByTestId('mesh-edge')
        .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-state')}`));
      expect(states.sort()).toEqual(now.edges.map((e) => `${e.kind}:${e.state}`).sort());
      expect(states).toContain('vxlan:one-sided');
      await screenshot(page, 'mesh');
    });

    it('should show the sides and their states when the pointer rests on an edge', async () => {
      await open('/mesh');
      // The one-sided VXLAN edge is drawn dashed in amber (#d4a72c, nearly opaque): find one of its pixels.
      const spot = await page.getByTestId('mesh-canvas').evaluate((el) => {
        const canvas = el as HTMLCanvasElement;
        const ratio = canvas.width / canvas.clientWidth;
        const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
        const near = (v: number | undefined, want: number) => Math.abs((v ?? -999) - want) < 20;
        const hits: number[] = [];
        for (let i = 0; i < data.length; i += 4) {
          if (near(data[i], 0xd4) && near(data[i + 1], 0xa7) && near(data[i + 2], 0x2c)) hits.push(i / 4);
        }
        // The middle of the edge's pixels, away from the nodes at its ends.
        const p = hits[Math.floor(hits.length / 2)];
        return p === undefined ? undefined : { x: (p % canvas.width) / ratio, y: Math.floor(p / canvas.width) / ratio };
      });
      const box = await page.getByTestId('mesh-canvas').boundingBox();
      if (!box || !spot) throw new Error('no one-sided edge drawn');
      await page.mouse.move(box.x + spot.x, box.y + spot.y);
      const tooltip = page.getByRole('tooltip');
      await tooltip.waitFor();
      const edge = now.edges.find((e) => e.state === 'one-sided');
      const text = await tooltip.textContent();
      expect(text).toContain('one-sided');
      for (const side of edge?.sides ?? []) expect(text).toContain(side.via);
      await screenshot(page, 'mesh-edge-hover');
    });

    it('should show the earlier state of the mesh and keep ?at= in the nav when time travelling', async () => {
      await open(`/mesh?at=${encodeURIComponent(beforeBreak)}`);
      const states = await page
        .getByTestId('mesh-edge')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
      expect(states.sort()).toEqual(then.edges.map((e) => e.state).sort());
      expect(states).toContain('up');
      expect(states).not.toContain('one-sided');
      expect(await page.getByTestId('time-mode').textContent()).toBe('past');
      const pathHref = await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Path' })
        .getAttribute('href');
      expect(new URL(pathHref ?? '', web.url).searchParams.get('at')).toBe(beforeBreak);
      await screenshot(page, 'mesh-past');
    });

    it('should show a node table as it was and keep ?at= on its tabs when the node page is opened in the past', async () => {
      const at = encodeURIComponent(beforeBreak);
      const past = await apiGet<unknown[]>(`nodes/node-1/fdb?at=${at}`);
      const current = await apiGet<unknown[]>('nodes/node-1/fdb');
      expect(past.length).toBe(current.length + 1);
      await open(`/nodes/node-1?tab=fdb&at=${at}`);
      expect(await page.getByTestId('row-count').textContent()).toBe(`${past.length} FDB entries`);
      const routesTab = await page.locator('nav.tabs a[href*="tab=routes"]').getAttribute('href');
      expect(new URL(routesTab ?? '', web.url).searchParams.get('at')).toBe(beforeBreak);
      await open('/nodes/node-1?tab=fdb');
      expect(await page.getByTestId('row-count').textContent()).toBe(`${current.length} FDB entries`);
    });

    it('should open the node page when a node of the mesh is clicked', async () => {
      await open('/mesh?kind=vxlan');
      // Find a Flannel node's fill (#4e79a7) in the drawn pixels and click there.
      const spot = await page.getByTestId('mesh-canvas').evaluate((el) => {
        const canvas = el as HTMLCanvasElement;
        const ratio = canvas.width / canvas.clientWidth;
        const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] === 0x4e && data[i + 1] === 0x79 && data[i + 2] === 0xa7) {
            const p = i / 4;
            return { x: (p % canvas.width) / ratio, y: Math.floor(p / canvas.width) / ratio };
          }
        }
        return undefined;
      });
      const box = await page.getByTestId('mesh-canvas').boundingBox();
      if (!box || !spot) throw new Error('no node drawn');
      // The first matching pixel is the top of the disc: aim a little lower, at its middle.
      await page.mouse.move(box.x + spot.x, box.y + spot.y + 5);
      const hit =
        (await page.getByTestId('mesh-canvas').evaluate((c) => (c as HTMLElement).style.cursor)) === 'pointer';
      await page.getByRole('tooltip').waitFor();
      await page.mouse.click(box.x + spot.x, box.y + spot.y + 5);
      expect(hit).toBe(true);
      await page.waitForURL(/\/nodes\//);
    });

    it('should walk the pod pair hop by hop with the VXLAN encapsulation when asked for the state before the break', async () => {
      const expected = await apiGet<PathExplanation>(
        `path?src=${SRC_POD}&dst=${DST_POD}&at=${encodeURIComponent(beforeBreak)}`,
      );
      expect(expected.status).toBe('delivered');
      await open(`/path?src=${SRC_POD}&dst=${DST_POD}&at=${encodeURIComponent(beforeBreak)}`);
      const kinds = await page
        .getByTestId('path-hop')
        .evaluateAll((hops) => hops.map((h) => h.getAttribute('data-kind')));
      expect(kinds).toEqual(expected.hops.map((h) => h.kind));
      const encap = page.getByRole('definition').filter({ hasText: /^1$/ });
      expect(await encap.count()).toBeGreaterThan(0);
      expect(await page.getByTestId('path-failure').count()).toBe(0);
      await page.locator('.hop-encapsulate details.cites summary').first().click();
      await screenshot(page, 'path-delivered');
    });

    it('should end the walk with a red block naming the failure when the FDB entry is missing now', async () => {
      await open('/path');
      expect(
        await page.locator('datalist#pod-ips option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      ).toEqual(expect.arrayContaining([SRC_POD, DST_POD]));
      await page.getByLabel('From', { exact: true }).fill(SRC_POD);
      await page.getByLabel('To', { exact: true }).fill(DST_POD);
      await page.getByRole('button', { name: 'Explain' }).click();
      await page.getByTestId('path-failure').waitFor();
      expect(await page.getByTestId('path-failure').textContent()).toContain('fdb-missing');
      await screenshot(page, 'path-broken');
    });

    it("should draw the pod subnets coloured by node and show a block's node and routes when clicked", async () => {
      await open('/subnets');
      const map = page.getByRole('region', { name: 'Pod subnets in 10.244.0.0/16' });
      const used = map.locator('.cell.used');
      expect(await used.count()).toBeGreaterThanOrEqual(2);
      await map.locator('.cell[data-cidr="10.244.2.0/24"]').click();
      const details = page.getByTestId('cell-details');
      await details.getByRole('link', { name: 'node-2', exact: true }).waitFor();
      await details.locator('.route-lines li').first().waitFor();
      await screenshot(page, 'subnets');
    });

    it('should stay readable in the dark theme', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await open('/mesh');
      await screenshot(page, 'mesh-dark');
      await open(`/path?src=${SRC_POD}&dst=${DST_POD}`);
      await screenshot(page, 'path-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });
  });
});
