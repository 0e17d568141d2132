import type { AlertList, Topology } from '@meshlens/model';
import type { Browser, Page } from 'playwright-core';
// test/lab and test/lab-e2e are test projects without an import path: their helpers are imported, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bgpDrop, bgpRestore, findNode, labPreflight } from '../lab';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startCluster, stopCluster, type ClusterParts, type LabCluster } from '../lab-e2e/support/lab-cluster';
import { CHROMIUM, hasChromium, launchChromium, screenshot, watchConsoleErrors } from './src/browser';
import { startWeb, type RunningProcess } from './src/web-stack';

jest.setTimeout(240_000);

// Its own prefix and state folder: never touches another lab.
const PREFIX = 'mlweb';
const STATE_DIR = `.data/lab-web-${process.pid}`;
const DROPPED = 'node-2';
/** The acceptance figure: from `bgp-drop` to red edges and a toast in the browser. */
const LIVE_WITHIN_MS = 3_000;

const problems = [...labPreflight(), ...(hasChromium() ? [] : [`missing ${CHROMIUM} (Debian package chromium)`])];
const describeLab = problems.length ? describe.skip : describe;

const bgpEdgeStates = (topology: Topology) =>
  topology.edges.filter((e) => e.kind === 'bgp').map((e) => `${e.a}|${e.b}:${e.state}`);

describeLab(`the dashboard on the namespace lab${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`, () => {
  const parts: ClusterParts = {};
  let cluster: LabCluster;
  let web: RunningProcess;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let beforeDrop: string;

  const topology = async (): Promise<Topology> => (await fetch(`${cluster.base}/api/v1/topology`)).json();
  /** Alert events keep a long-poll in flight: a page is ready once hydrated and connected (the topbar says so). */
  const open = async (path: string) => {
    await page.goto(`${web.url}${path}`, { waitUntil: 'load' });
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  };
  const drawnStates = () =>
    page
      .locator('[data-testid="mesh-edge"][data-kind="bgp"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state') ?? ''));

  beforeAll(async () => {
    // The lab, the built API on a fresh database, one built agent per node reporting every second.
    cluster = await startCluster({ nodes: 3, prefix: PREFIX, stateDir: STATE_DIR, intervalSeconds: 1 }, parts);
    await eventually(
      async () => {
        const states = bgpEdgeStates(await topology());
        return states.length === 3 && states.every((s) => s.endsWith(':up')) ? true : undefined;
      },
      60_000,
      `the 3 mesh sessions up in the API\n${cluster.output()}`,
    );
    web = await startWeb(cluster.base, { live: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    consoleErrors = watchConsoleErrors(page);
  });

  afterEach(() => {
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await stopCluster(parts);
  }, 120_000);

  it("should draw the lab's three BGP sessions up on the mesh", async () => {
    await open('/mesh?kind=bgp');
    expect(await drawnStates()).toEqual(['up', 'up', 'up']);
    beforeDrop = new Date().toISOString();
    await screenshot(page, 'lab-mesh');
  });

  it('should turn the dropped node’s edges red and raise a toast within 3 s of bgp-drop', async () => {
    await open('/mesh?kind=bgp');
    const started = Date.now();
    const dropping = bgpDrop(cluster.lab, DROPPED);
    const red = page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="mesh-edge"][data-kind="bgp"]')].filter(
          (r) => r.getAttribute('data-state') === 'down',
        ).length === 2,
      undefined,
      { timeout: 20_000 },
    );
    const toast = page.getByTestId('alert-toast').filter({ hasText: DROPPED }).first().waitFor({ timeout: 20_000 });
    let redAt = 0;
    let toastAt = 0;
    await Promise.all([red.then(() => (redAt = Date.now())), toast.then(() => (toastAt = Date.now())), dropping]);
    console.log(`bgp-drop ${DROPPED}: edges red after ${redAt - started} ms, toast after ${toastAt - started} ms`);
    expect(redAt - started).toBeLessThan(LIVE_WITHIN_MS);
    expect(toastAt - started).toBeLessThan(LIVE_WITHIN_MS);

    // Both sessions of the dropped node, drawn in the edge colour for "down" on the canvas too.
    const rows = page.locator('[data-testid="mesh-edge"][data-state="down"]');
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allTextContents()) expect(text).toContain(DROPPED);
    const redPixels = await page.getByTestId('mesh-canvas').evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - 0xe5) < 20 && Math.abs(data[i + 1] - 0x53) < 20 && Math.abs(data[i + 2] - 0x4b) < 20)
          hits += 1;
      }
      return hits;
    });
    expect(redPixels).toBeGreaterThan(50);
    await screenshot(page, 'lab-mesh-bgp-drop');
  });

  it('should list the firing session alerts of the drop on the alerts page', async () => {
    // node-2's two sessions and each peer's session towards node-2 (the peers see it within a report or two).
    const sessions = await eventually(
      async () => {
        const firing = (await (await fetch(`${cluster.base}/api/v1/alerts?state=firing`)).json()) as AlertList;
        const down = firing.alerts.filter((a) => a.kind === 'bgp-session-down');
        return down.length === 4 ? down : undefined;
      },
      20_000,
      `4 firing bgp-session-down alerts\n${cluster.output()}`,
    );
    await open('/alerts');
    for (const alert of sessions) {
      await page.locator('tbody tr', { hasText: alert.subject }).filter({ hasText: alert.node }).first().waitFor();
    }
    expect(await page.getByTestId('firing-count').textContent()).toMatch(/^[4-9] firing$/);
    await screenshot(page, 'lab-alerts');
  });

  it('should show the mesh as it was before the drop when time travelling', async () => {
    await page.goto(`${web.url}/mesh?kind=bgp&at=${encodeURIComponent(beforeDrop)}`, { waitUntil: 'load' });
    await page.getByTestId('mesh-canvas').waitFor();
    expect(await drawnStates()).toEqual(['up', 'up', 'up']);
    expect(await page.getByTestId('time-mode').textContent()).toBe('past');
    await screenshot(page, 'lab-mesh-before-drop');
  });

  it('should draw the edges up again and resolve the alerts live after bgp-restore', async () => {
    await open('/mesh?kind=bgp');
    await bgpRestore(cluster.lab, findNode(cluster.lab, DROPPED).name);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="mesh-edge"][data-kind="bgp"]')].every(
          (r) => r.getAttribute('data-state') === 'up',
        ),
      undefined,
      { timeout: 20_000 },
    );
    await open('/alerts?state=resolved');
    expect(await page.locator('tbody tr', { hasText: DROPPED }).count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'lab-alerts-resolved');
  });
});
