import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// The test database helper is a workspace tool, not a project: there is no package name to import it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
import { hasChromium, launchChromium } from './src/browser';
import { API_MAIN, startApi, startWeb, type RunningProcess } from './src/web-stack';

jest.setTimeout(120_000);

const describeWithChromium = hasChromium() ? describe : describe.skip;

describeWithChromium('dashboard login when the API asks for keys (real API, built web, chromium)', () => {
  const key = randomBytes(32).toString('hex');
  let db: TestDatabase;
  let api: RunningProcess;
  let web: RunningProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: the global setup should have built it`);
    db = await createTestDatabase();
    // startApi and startWeb pass the environment on: the API gets the key's hash, the web no key of its own.
    const saved = { ...process.env };
    process.env['MESHLENS_API_KEYS'] = `reader:sha256:${createHash('sha256').update(key).digest('hex')}`;
    delete process.env['MESHLENS_API_KEY'];
    try {
      api = await startApi(db.url, randomBytes(16).toString('hex'));
      delete process.env['MESHLENS_API_KEYS'];
      web = await startWeb(api.url);
    } finally {
      process.env = saved;
    }
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await api?.stop();
    await db?.drop();
  });

  it('should send a browser without a session to /login, and answer 401 on the /api relay', async () => {
    await page.goto(`${web.url}/mesh`);

    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/mesh');
    expect((await fetch(`${web.url}/api/v1/nodes`)).status).toBe(401);
  });

  it('should say so and set no cookie when the key is wrong', async () => {
    await page.fill('input[name=key]', 'not-the-key');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL(/error=invalid/);

    expect(await page.locator('.login [role=alert]').textContent()).toMatch(/does not accept this key/);
    expect(await context.cookies()).toEqual([]);
  });

  it('should keep the key in an httpOnly cookie and go where the user was headed when the key is right', async () => {
    await page.fill('input[name=key]', key);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL(/\/mesh$/);

    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'meshlens_session', httpOnly: true, sameSite: 'Lax' });
    // The browser's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // The web's /api relay uses it on the user's behalf.
    expect((await context.request.get(`${web.url}/api/v1/nodes`)).status()).toBe(200);
  });

  it('should render the pages and the alerts page with the logged-in key when the web has none of its own', async () => {
    for (const path of ['/', '/alerts', '/mesh']) {
      const answer = await page.goto(`${web.url}${path}`);

      expect(answer?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(path);
      // A page read without the user's key would show the API's 401 here.
      expect(await page.locator('.error-banner').count()).toBe(0);
    }
  });

  it('should refuse a next that leaves the site', async () => {
    await page.goto(`${web.url}/login?next=//evil.example.com/`);

    expect(await page.locator('input[name=next]').inputValue()).toBe('/');
  });
});
