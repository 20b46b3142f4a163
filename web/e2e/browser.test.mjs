// The storefront and the CRM in real headless Chromium (Debian's package, driven by playwright-core),
// against a running stack: BrowserIT starts the stack, prepares the data and runs this file with
// OMS_WEB_URL, OMS_PRODUCT_* (a product with stock), OMS_IMPORT_CSV (200 orders), OMS_INVENTORY_PID
// and OMS_SCREENSHOTS. Every page is photographed into OMS_SCREENSHOTS.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const env = process.env;
const WEB = env.OMS_WEB_URL;
const SHOTS = env.OMS_SCREENSHOTS ?? 'screenshots';
const CHROMIUM = env.OMS_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 60_000;
let browser;

before(async () => {
  assert.ok(WEB, 'OMS_WEB_URL names the running web apps');
  assert.ok(existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install chromium (README, prerequisites)`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`console: ${m.text()}`);
  });
  return { page, context, problems };
}

/** Runs a browser test; on failure a screenshot and the page's address say where it stood. */
function browserTest(name, body) {
  test(name, async () => {
    const { page, context, problems } = await newPage();
    try {
      await body(page);
      assert.deepEqual(problems, [], 'errors in the page');
    } catch (e) {
      await shot(page, `failed-${name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
      throw new Error(`${e.message}\n  at ${page.url()}\n  page errors: ${problems.join('; ')}`, { cause: e });
    } finally {
      await context.close();
    }
  });
}

// the demo realm's passwords (keycloak/oms-realm.json, README: demo logins)
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function signIn(page, user, password) {
  await page.waitForSelector('#username');
  await shot(page, `keycloak-login-${user}`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#kc-login');
}

browserTest('an anonymous visitor searches the catalogue and sees availability, not stock numbers', async (page) => {
  await page.goto(`${WEB}/`);
  await page.waitForSelector('.card.product');
  await page.fill('input[type=search]', env.OMS_PRODUCT_NAME);
  const card = page.locator(`.card.product[data-sku="${env.OMS_PRODUCT_SKU}"]`);
  await card.waitFor();
  assert.equal(await page.locator('.card.product').count(), 1, 'the search narrows the catalogue');
  assert.equal(await card.locator('.availability').textContent(), 'In stock');
  assert.doesNotMatch(await card.textContent(), /on hand|reserved/i);
  await shot(page, 'storefront-catalogue-search');
});

browserTest('alice signs in, places an order and watches it go PENDING → CONFIRMED live', async (page) => {
  await page.goto(`${WEB}/#/product/${env.OMS_PRODUCT_ID}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.goto(`${WEB}/#/cart`);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await signIn(page, 'alice', 'alice-demo');
  await page.waitForSelector('[data-testid=signed-in]');
  await page.waitForSelector('text=Checkout');
  for (const [label, value] of [
    ['Street', '1 Browser Street'],
    ['City', 'Berlin'],
    ['Postal code', '10115'],
    ['Country', 'DE'],
  ]) {
    const field = page.getByLabel(label, { exact: true });
    if (!(await field.inputValue())) await field.fill(value);
  }
  await shot(page, 'storefront-checkout');
  // inventory is frozen while the order is placed: it stays PENDING until the page follows it live
  const inventory = Number(env.OMS_INVENTORY_PID);
  process.kill(inventory, 'SIGSTOP');
  try {
    // a double click sends one order (the button is disabled and the idempotency key is the same)
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.waitForURL(/#\/orders\/[0-9a-f-]{36}$/);
    await page.evaluate(() => {
      window.notReloaded = true;
    });
    await page.waitForSelector('h1 [data-status=PENDING]');
    await page.waitForSelector('.live:text("● live")');
    await shot(page, 'storefront-order-pending');
  } finally {
    process.kill(inventory, 'SIGCONT');
  }
  await page.waitForSelector('h1 [data-status=CONFIRMED]', { timeout: 120_000 });
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the status changed without a reload');
  const timeline = await page.locator('[data-testid=timeline] li').allTextContents();
  assert.match(timeline.join('\n'), /PENDING[\s\S]*CONFIRMED/);
  await shot(page, 'storefront-order-confirmed');
  await page.goto(`${WEB}/#/orders`);
  await page.waitForSelector('table tbody tr');
  const sameOrder = await page.locator('tbody tr', { hasText: 'CONFIRMED' }).count();
  assert.ok(sameOrder >= 1);
  await shot(page, 'storefront-my-orders');
});

browserTest(
  'sam imports a CSV of 200 orders with progress and per-row results, then the report counts them',
  async (page) => {
    await page.goto(`${WEB}/crm/`);
    await signIn(page, 'sam', 'sam-demo');
    await page.waitForSelector('.board');
    await shot(page, 'crm-order-board');

    await page.goto(`${WEB}/crm/#/reports`);
    const eur = page.locator('[data-testid=totals] [data-currency=EUR] .orders-total');
    await eur.waitFor();
    const before = Number(await eur.textContent());
    await shot(page, 'crm-reports-before');

    await page.goto(`${WEB}/crm/#/import`);
    await page.setInputFiles('input[type=file]', env.OMS_IMPORT_CSV);
    await page.waitForSelector('[data-testid=preview]');
    assert.equal(await page.locator('[data-testid=valid-count]').textContent(), '200');
    assert.equal(await page.locator('[data-testid=problem-count]').textContent(), '0');
    await shot(page, 'crm-import-preview');
    await page.getByRole('button', { name: /Send 200 orders/ }).click();
    await page.waitForSelector('[data-testid=progress]:text("100%")', { timeout: 180_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=results] tbody tr').length === 200);
    assert.equal(await page.locator('[data-testid=accepted]').textContent(), '200');
    assert.equal(await page.locator('[data-testid=results] tr.accepted a').count(), 200, 'every row links its order');
    await shot(page, 'crm-import-done');

    await page.goto(`${WEB}/crm/#/board`);
    await page.goto(`${WEB}/crm/#/reports`);
    await eur.waitFor();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=totals] [data-currency=EUR] .orders-total')?.textContent) >= n,
      before + 200,
    );
    await shot(page, 'crm-reports-after');
  },
);
