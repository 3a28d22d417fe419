// The status page in a real headless Chromium (Debian's, driven by playwright-core):
// it loads, shows a failing source as failing, fits a phone screen, and logs no console error.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app/app.js';
import { startHttp, type HttpRunnable } from '../../../src/http/start.js';
import { deleteByPrefix, testPrefix } from '../../helpers/redis.js';
import { storeItems, testApp, testItem } from './app-helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const prefix = testPrefix('status-browser');
let app: App;
let http: HttpRunnable;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (CI does it in .ci/setup-extra), or set CHROMIUM_PATH.`);
  }
  app = await testApp(prefix, {
    yaml: `sources:
  - id: good-news
    kind: rss
    title: Good news
    url: https://good.example.org/feed.xml
  - id: broken-feed
    kind: rss
    title: Broken feed
    url: https://broken.example.org/a/very/long/path/that/should/wrap/and/not/push/the/page/wider/than/a/phone/feed.xml
meetings:
  - group: itu-t-fg-mv
    title: 9th meeting
    start: 2099-10-16
    end: 2099-10-20
    timeZone: Europe/Zurich
    location: Geneva
`,
  });
  const now = new Date().toISOString();
  await app.stores.health.set({ sourceId: 'good-news', lastSuccess: now, lastAttempt: now, consecutiveFailures: 0, itemsSeen: 3, healthy: true, seeded: true });
  await app.stores.health.set({ sourceId: 'broken-feed', lastAttempt: now, lastError: { kind: 'http-status', message: 'the server answered an error (HTTP 503 Service Unavailable)', at: now }, consecutiveFailures: 6, itemsSeen: 0, healthy: false, seeded: false });
  await storeItems(app, [
    testItem(1, { sourceId: 'good-news', title: 'ITU-T focus group debates a digital identity for every metaverse user', tags: ['digital-identity', 'metaverse'] }),
    testItem(2, { sourceId: 'good-news', title: `<img src=x onerror="console.error('injected')"><script>console.error('injected')</script>`, url: 'javascript:console.error("injected")' }),
  ]);
  http = await startHttp(app, { host: '127.0.0.1', roles: new Set(['http']) });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await http?.stop();
  await app?.close();
  await deleteByPrefix(prefix);
});

describe('status page in a browser', () => {
  it('loads on a phone-sized screen, shows the failing source as failing, and logs no console error', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()}`));
    try {
      const response = await page.goto(`${http.url}/`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');

      expect(await page.title()).toBe('standards-watch — status');
      const broken = page.locator('tr[data-source="broken-feed"]');
      expect(await broken.getAttribute('data-state')).toBe('failing');
      expect(await broken.locator('.badge').innerText()).toBe('failing');
      expect(await broken.innerText()).toContain('HTTP 503 Service Unavailable');
      expect(await page.locator('tr[data-source="good-news"] .badge').innerText()).toBe('ok');
      expect(await page.getByRole('alert').innerText()).toBe('1 source is failing.');

      // The failing badge stands out in colour from the healthy one.
      // (Browser-side code as strings: this project's TypeScript has no DOM typings.)
      const colours = await page.evaluate<string[]>(`[...document.querySelectorAll('.badge')].map((e) => getComputedStyle(e).backgroundColor)`);
      expect(new Set(colours).size).toBeGreaterThan(1);

      expect(await page.locator('#items li').count()).toBe(2);
      expect(await page.locator('#items').innerText()).toContain('digital identity for every metaverse user');
      // The hostile title is shown as text, and its javascript: link is not a link.
      expect(await page.locator('#items').innerText()).toContain('<script>');
      expect(await page.locator('#items a[href^="javascript"]').count()).toBe(0);
      expect(await page.locator('#meetings').innerText()).toContain('9th meeting');
      expect(await page.locator('#queues tr[data-queue="deliver"]').count()).toBe(1);

      // Readable on a phone: the page itself never scrolls sideways, and the text is not tiny.
      const layout = await page.evaluate<{ scrollWidth: number; innerWidth: number; fontSize: number }>(
        `({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, fontSize: parseFloat(getComputedStyle(document.body).fontSize) })`,
      );
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.fontSize).toBeGreaterThanOrEqual(14);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
