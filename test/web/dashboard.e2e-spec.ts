import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FullReport, Link, Route } from '@meshlens/model';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// The test database helper is a workspace tool, not a project: there is no package name to import it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
import { CHROMIUM, hasChromium, launchChromium, screenshot, watchConsoleErrors } from './src/browser';
import { buildFixtureReport } from './src/fixture-reports';
import { API_MAIN, freePort, startApi, startWeb, type RunningProcess } from './src/web-stack';

// testTimeout in a project config is ignored when jest runs several projects; starting API, web and chromium is slow.
jest.setTimeout(120_000);

const describeWithChromium = hasChromium() ? describe : describe.skip;
if (!hasChromium()) {
  console.warn(`web-e2e skipped: ${CHROMIUM} is missing (Debian package "chromium"); no browser is ever downloaded`);
}

const routeDevs = (r: Route): string[] => (r.nexthops ? r.nexthops.map((h) => h.dev ?? '') : [r.dev ?? '']);

describeWithChromium('dashboard in a browser (real API, real Postgres, built web)', () => {
  const token = randomBytes(16).toString('hex');
  let db: TestDatabase;
  let api: RunningProcess;
  let web: RunningProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[];

  const open = async (path: string) => {
    const response = await page.goto(`${web.url}${path}`, { waitUntil: 'networkidle' });
    return response;
  };
  const rowCount = () => page.getByTestId('row-count').textContent();
  const columnTexts = (column: string) =>
    page.locator(`tbody td[data-column="${column}"]`).evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));

  beforeAll(async () => {
    // support/global-setup.mjs built api and web.
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: the global setup should have built it`);
    db = await createTestDatabase();
    api = await startApi(db.url, token);
    web = await startWeb(api.url);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
  });

  afterEach(() => {
    // Every page must load without a console error or an uncaught exception.
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await api?.stop();
    await db?.drop();
  });

  describe('before any agent reported', () => {
    it('should explain how to start an agent when no node has reported', async () => {
      await open('/');
      await page.getByRole('heading', { name: 'No node has reported yet' }).waitFor();
      expect(await page.locator('.empty-state pre').textContent()).toContain('dist/apps/agent/main.js');
      await screenshot(page, 'nodes-empty');
    });
  });

  describe('with two nodes seeded from real iproute2 captures', () => {
    let flannel: FullReport;
    let calico: FullReport;
    /** What the API serves is what the page must show (the API may merge rows that share a natural key). */
    let flannelRoutes: Route[];
    let flannelLinks: Link[];
    const apiGet = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${api.url}/api/v1/${path}`);
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };

    beforeAll(async () => {
      flannel = buildFixtureReport('flannel-vxlan-node', 'flannel-node-1', { cniFiles: ['10-flannel.conflist'] });
      calico = buildFixtureReport('calico-bgp-node', 'calico-node-1', {
        cniFiles: ['10-calico.conflist'],
        bird: 'bird-1.6',
      });
      for (const report of [flannel, calico]) {
        const response = await fetch(`${api.url}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(report),
        });
        expect({ status: response.status, body: await response.json() }).toMatchObject({
          status: 200,
          body: { nodeName: report.nodeName, ackedSeq: 1 },
        });
      }
      flannelRoutes = await apiGet<Route[]>('nodes/flannel-node-1/routes');
      flannelLinks = await apiGet<Link[]>('nodes/flannel-node-1/links');
      expect(flannelRoutes.length).toBeGreaterThan(0);
    });

    it('should list every seeded node with its modes and row counts when the nodes page opens', async () => {
      await open('/');
      expect(await rowCount()).toBe('2 nodes');
      expect(await columnTexts('name')).toEqual(['calico-node-1', 'flannel-node-1']);
      const flannelRow = page.locator('tbody tr', { has: page.getByRole('link', { name: 'flannel-node-1' }) });
      expect(await flannelRow.locator('td[data-column="routes"]').textContent()).toBe(String(flannelRoutes.length));
      expect(await flannelRow.locator('td[data-column="modes"]').textContent()).toContain('flannel-vxlan');
      expect(await flannelRow.locator('td[data-column="lastSeen"]').textContent()).toMatch(/just now|\d+ s ago/);
      await screenshot(page, 'nodes');
    });

    it('should proxy read-only /api requests to the API when the browser calls the web host', async () => {
      const response = await fetch(`${web.url}/api/v1/nodes`);
      expect(response.status).toBe(200);
      const names = ((await response.json()) as { name: string }[]).map((n) => n.name).sort();
      expect(names).toEqual(['calico-node-1', 'flannel-node-1']);
      expect((await fetch(`${web.url}/api/v1/nodes/no-such-node`)).status).toBe(404);
    });

    it('should show the node routes when the node link is followed', async () => {
      await open('/');
      // The overview's findings link the node too: follow the one in the nodes table.
      await page.getByRole('region', { name: 'nodes' }).getByRole('link', { name: 'flannel-node-1' }).click();
      await page.waitForURL(/\/nodes\/flannel-node-1$/);
      await page.getByRole('heading', { name: 'flannel-node-1' }).waitFor();
      await page.getByTestId('row-count').waitFor();
      expect(await rowCount()).toBe(`${flannelRoutes.length} routes`);
      const overlay = flannelRoutes.find((r) => r.dev === 'flannel.1');
      expect(overlay).toBeDefined();
      expect(await columnTexts('dst')).toContain(overlay?.dst);
      await screenshot(page, 'node-routes');
    });

    it('should filter rows and keep the query in the URL when typing in the search box', async () => {
      await open('/nodes/flannel-node-1?tab=routes');
      const total = flannelRoutes.length;
      const expected = flannelRoutes.filter((r) => routeDevs(r).some((d) => d.includes('flannel.1'))).length;
      expect(expected).toBeGreaterThan(0);
      expect(expected).toBeLessThan(total);
      await page.getByLabel('Search routes').pressSequentially('dev:flannel.1');
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid="row-count"]')?.textContent === text,
        `${expected} of ${total} routes`,
      );
      expect(new Set(await columnTexts('dev'))).toEqual(new Set(['flannel.1']));
      expect(new URL(page.url()).searchParams.get('q')).toBe('dev:flannel.1');
      await screenshot(page, 'node-routes-search');

      // The URL is the shareable state: opening it again shows the same rows.
      await open(new URL(page.url()).pathname + new URL(page.url()).search);
      expect(await page.getByLabel('Search routes').inputValue()).toBe('dev:flannel.1');
      expect(await rowCount()).toBe(`${expected} of ${total} routes`);
    });

    it('should sort by a column when its header is activated with the keyboard', async () => {
      await open('/nodes/flannel-node-1?tab=routes');
      const header = page.locator('th', { has: page.locator('button[data-column="metric"]') });
      await page.locator('button[data-column="metric"]').focus();
      await page.keyboard.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      const ascending = (await columnTexts('metric')).map(Number);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

      await page.keyboard.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      const descending = (await columnTexts('metric')).map(Number);
      expect(descending).toEqual([...ascending].sort((a, b) => b - a));
      expect(new URL(page.url()).searchParams.get('sort')).toBe('metric');
      expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');
    });

    it('should pass the family filter to the API when the URL asks for inet6 routes', async () => {
      await open('/nodes/flannel-node-1?tab=routes&family=inet6');
      const inet6 = flannelRoutes.filter((r) => r.family === 'inet6').length;
      expect(inet6).toBeGreaterThan(0);
      expect(await rowCount()).toBe(`${inet6} routes`);
      expect(await page.locator('select[name="family"]').inputValue()).toBe('inet6');
    });

    it('should show bridge ports, veth peers and vxlan parameters when the links tab opens', async () => {
      await open('/nodes/flannel-node-1?tab=links');
      expect(await rowCount()).toBe(`${flannelLinks.length} links`);
      const relationOf = (ifname: string) =>
        page
          .locator('tbody tr', {
            has: page.locator(`td[data-column="ifname"]`, { hasText: new RegExp(`^${ifname.replace('.', '\\.')}$`) }),
          })
          .locator('td[data-column="relation"]')
          .textContent();
      const links = flannelLinks;
      const bridge = links.find((l) => l.kind === 'bridge' && links.some((p) => p.master === l.ifname));
      expect(bridge).toBeDefined();
      const bridgeCell = await relationOf(bridge?.ifname ?? '');
      for (const port of links.filter((l) => l.master === bridge?.ifname)) expect(bridgeCell).toContain(port.ifname);
      const vxlan = links.find((l) => l.vxlan);
      expect(await relationOf(vxlan?.ifname ?? '')).toContain(`VNI ${vxlan?.vxlan?.vni} · port ${vxlan?.vxlan?.port}`);
      const veth = links.find((l) => l.kind === 'veth' && l.peerIfindex !== undefined);
      expect(await relationOf(veth?.ifname ?? '')).toMatch(/^peer /);
      await screenshot(page, 'node-links');
    });

    it('should show each table of the node when its tab is chosen', async () => {
      const tabs: [tab: string, noun: string, one: string, count: number][] = [
        ['routes', 'routes', 'route', (await apiGet<unknown[]>('nodes/calico-node-1/routes')).length],
        ['addresses', 'addresses', 'address', (await apiGet<unknown[]>('nodes/calico-node-1/addresses')).length],
        ['neighbors', 'neighbours', 'neighbour', (await apiGet<unknown[]>('nodes/calico-node-1/neighbors')).length],
        ['fdb', 'FDB entries', 'FDB entry', (await apiGet<unknown[]>('nodes/calico-node-1/fdb')).length],
        ['bgp', 'BGP sessions', 'BGP session', calico.tables.bgpSessions.length],
        ['cni', 'CNI configs', 'CNI config', calico.tables.cniConfigs.length],
      ];
      expect(calico.tables.bgpSessions.length).toBeGreaterThan(0);
      await open('/nodes/calico-node-1');
      for (const [tab, noun, one, count] of tabs) {
        await page.locator(`nav.tabs a[href*="tab=${tab}"]`).click();
        await page.waitForURL(new RegExp(`tab=${tab}`));
        const expected = `${count} ${count === 1 ? one : noun}`;
        await page.waitForFunction(
          (text) => document.querySelector('[data-testid="row-count"]')?.textContent === text,
          expected,
        );
        await screenshot(page, `calico-node-${tab}`);
      }
    });

    it('should follow the dark colour scheme and switch theme with the toggle', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await open('/');
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await background()).toBe('rgb(17, 18, 23)');
      await screenshot(page, 'nodes-dark');
      await open('/nodes/flannel-node-1?tab=routes');
      await screenshot(page, 'node-routes-dark');
      await page.getByRole('button', { name: 'Toggle colour theme' }).click();
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
      expect(await background()).toBe('rgb(244, 245, 247)');
      // The choice survives a reload.
      await open('/');
      expect(await background()).toBe('rgb(244, 245, 247)');
      await page.evaluate(() => localStorage.clear());
      await page.emulateMedia({ colorScheme: 'light' });
    });

    it('should answer 404 with a not-found page when the node is unknown', async () => {
      const response = await open('/nodes/no-such-node');
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      // Chromium logs the 404 document itself as a failed resource; any other error still fails the test.
      const others = consoleErrors.splice(0).filter((e) => !/status of 404/.test(e));
      expect(others).toEqual([]);
    });
  });

  describe('when the API is unreachable', () => {
    let orphan: RunningProcess;

    beforeAll(async () => {
      orphan = await startWeb(`http://127.0.0.1:${await freePort()}`);
    });
    afterAll(async () => {
      await orphan?.stop();
    });

    it('should show an error banner instead of crashing when the nodes page cannot reach the API', async () => {
      const response = await page.goto(`${orphan.url}/`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      expect(await page.locator('.error-banner').textContent()).toContain('The meshlens API is unreachable');
      await screenshot(page, 'nodes-api-unreachable');
    });
  });
});
