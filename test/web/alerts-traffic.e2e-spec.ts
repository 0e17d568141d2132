import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Alert, AlertList, Counters, FullReport } from '@meshlens/model';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
// The test database helper is a workspace tool, not a project: there is no package name to import it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
import { hasChromium, launchChromium, screenshot, watchConsoleErrors } from './src/browser';
import { buildFixtureReport } from './src/fixture-reports';
import { API_MAIN, startApi, startWeb, type RunningProcess } from './src/web-stack';

jest.setTimeout(120_000);

const describeWithChromium = hasChromium() ? describe : describe.skip;
const NODE = 'calico-node-1';
const SESSION = 'Mesh_10_0_0_12';

/** eth0's counters after `seconds` of 1 Mb/s in and 8 packets/s with one drop a second. */
const countersAfter = (seconds: number): Counters[] => [
  {
    ifname: 'eth0',
    rxBytes: 1_000_000 + 125_000 * seconds,
    rxPackets: 5_000 + 8 * seconds,
    rxErrors: 0,
    rxDropped: seconds,
    txBytes: 2_000_000 + 62_500 * seconds,
    txPackets: 4_000 + 4 * seconds,
    txErrors: 0,
    txDropped: 0,
  },
];

describeWithChromium('alerts page, alert toasts and interface traffic in a browser (real API, built web)', () => {
  const token = randomBytes(16).toString('hex');
  let db: TestDatabase;
  let api: RunningProcess;
  let web: RunningProcess;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let seq = 0;
  const epoch = `web-e2e-alerts-${Date.now()}`;

  /**
   * With alert events on, a long-poll is always in flight ("networkidle" never comes): a page is ready once hydrated
   * and connected, which the topbar's indicator says.
   */
  const open = async (path: string) => {
    await page.goto(`${web.url}${path}`, { waitUntil: 'load' });
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  };
  const post = async (report: FullReport) => {
    const response = await fetch(`${api.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(report),
    });
    expect({
      status: response.status,
      body: await response.json(),
    }).toMatchObject({
      status: 200,
      body: { ackedSeq: report.seq },
    });
  };
  /** The Calico capture (BIRD 1.6, its sessions Established), at an instant and with counters of our choosing. */
  const calicoReport = (collectedAt: Date, counters: Counters[], session?: { state: string; bgpState: string }) => {
    seq += 1;
    const report = buildFixtureReport('calico-bgp-node', NODE, {
      cniFiles: ['10-calico.conflist'],
      bird: 'bird-1.6',
      seq,
      epoch,
    });
    report.collectedAt = collectedAt.toISOString();
    report.counters = counters;
    if (session) {
      report.tables.bgpSessions = report.tables.bgpSessions.map((s) =>
        s.name === SESSION
          ? {
              ...s,
              ...session,
              info: `${session.bgpState}  Received: Administrative shutdown`,
            }
          : s,
      );
    }
    return report;
  };
  const firing = async (): Promise<Alert[]> =>
    ((await (await fetch(`${api.url}/api/v1/alerts?state=firing`)).json()) as AlertList).alerts;

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: the global setup should have built it`);
    db = await createTestDatabase();
    api = await startApi(db.url, token);
    web = await startWeb(api.url, { live: true });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
    // Three reports 10 s apart in the recent past: the counters give rates over two 10 s steps.
    const start = Date.now() - 40_000;
    for (const offset of [0, 10, 20]) await post(calicoReport(new Date(start + offset * 1000), countersAfter(offset)));
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

  it('should relay socket.io long-polling to the API when a client connects through the web host', async () => {
    const socket = io(web.url, {
      path: '/socket.io',
      addTrailingSlash: false,
      transports: ['polling'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('should chart bits, packets, errors and drops per second of the busiest interface when the node page opens', async () => {
    await open(`/nodes/${NODE}`);
    const charts = page.getByTestId('traffic-chart');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="traffic-chart"]').length === 4);
    expect(await charts.evaluateAll((c) => c.map((x) => x.getAttribute('data-metric')))).toEqual([
      'bits',
      'packets',
      'errors',
      'drops',
    ]);
    // Two 10 s steps lie between the three samples.
    expect(Number(await charts.first().getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
    expect(await charts.first().locator('figcaption').textContent()).toContain('eth0');
    const eth0 = page.getByTestId('traffic-iface').filter({ hasText: 'eth0' });
    // 125 000 bytes/s in = 1 Mb/s; one drop a second.
    expect(await eth0.locator('td').nth(1).textContent()).toBe('1.00 Mb/s');
    expect(await eth0.locator('td').nth(4).textContent()).toBe('1 /s');
    expect(await page.locator('.traffic-chart .recharts-line-curve').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'node-traffic');
  });

  it('should raise a toast at once and list the alert when a BGP session leaves Established', async () => {
    await open('/alerts');
    expect(await page.getByTestId('firing-count').textContent()).toBe('0 firing');
    await post(
      calicoReport(new Date(), countersAfter(30), {
        state: 'start',
        bgpState: 'Active',
      }),
    );
    const toast = page.getByTestId('alert-toast').filter({ hasText: SESSION });
    await toast.waitFor({ timeout: 5_000 });
    const [alert] = await firing();
    expect(alert?.kind).toBe('bgp-session-down');
    expect(await toast.textContent()).toContain(`firing ${alert?.ruleName}`);
    // The page re-reads the API on the event: the alert is listed without a reload.
    await page.getByTestId('firing-count').filter({ hasText: '1 firing' }).waitFor({ timeout: 5_000 });
    const row = page.locator('tbody tr', { hasText: SESSION });
    expect(await row.locator('td[data-column="node"]').textContent()).toBe(NODE);
    await screenshot(page, 'alerts-firing-toast');
  });

  it('should acknowledge and silence an alert from its row and end the silence from the silences tab', async () => {
    await open('/alerts');
    const [alert] = await firing();
    expect(alert?.subject).toBe(SESSION);
    const label = `${alert?.ruleName} on ${NODE} ${SESSION}`;
    await page
      .getByRole('button', {
        name: `Acknowledge ${label}`,
      })
      .click();
    await page.locator('td[data-column="status"]', { hasText: 'acked by dashboard' }).waitFor();
    expect((await firing())[0]?.ackedBy).toBe('dashboard');

    await page.getByLabel(`Silence duration for ${label}`).selectOption({ label: '4 h' });
    await page
      .getByRole('button', {
        name: `Silence ${label}`,
      })
      .click();
    await page.locator('td[data-column="status"]', { hasText: 'silenced' }).waitFor();
    const silenced = (await firing())[0];
    expect(silenced?.silencedBy).toBeTruthy();
    await screenshot(page, 'alerts-acked-silenced');

    await page.getByRole('link', { name: /^Silences/ }).click();
    await page.waitForURL(/state=silences/);
    const silenceRow = page.locator('tbody tr', { hasText: `node=${NODE}` });
    expect(await silenceRow.locator('td[data-column="createdBy"]').textContent()).toBe('dashboard');
    const until = Date.parse(
      ((await silenceRow.locator('td[data-column="endsAt"]').textContent()) ?? '').replace(' ', 'T'),
    );
    expect(until - Date.now()).toBeGreaterThan(3.9 * 3_600_000);
    await screenshot(page, 'alerts-silences');
    await page.getByRole('button', { name: `End silence ${silenced?.silencedBy}` }).click();
    await page.getByText('No silence is active').waitFor();
  });

  it('should move the alert to resolved when the session is Established again', async () => {
    await open('/alerts?state=resolved');
    await post(calicoReport(new Date(), countersAfter(40)));
    await page.locator('tbody tr', { hasText: SESSION }).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('firing-count').textContent()).toBe('0 firing');
    await screenshot(page, 'alerts-resolved');
  });

  it('should render the alerts page in the dark theme without console errors', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open('/alerts?state=resolved');
    await screenshot(page, 'alerts-dark');
    await open(`/nodes/${NODE}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="traffic-chart"]').length === 4);
    await screenshot(page, 'node-traffic-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
