// The dashboard and GraphiQL in a real browser: Debian's headless Chromium driven by playwright-core.
// CI installs Chromium (.ci/run); elsewhere, without /usr/bin/chromium, these tests are skipped.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEntente } from '../src/app.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { DASHBOARD_DIR, data, DATA_DIR, entente, EXAMPLES_DIR } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url));
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);

let server: Server;
let base: string;
let browser: Browser;
/** Requests the pages made to anything but the service: there must be none. */
const outside: string[] = [];
/** What the pages' content security policies refused: there must be nothing. */
const refused: string[] = [];

beforeAll(async () => {
  if (!available) return;
  // The server's own listener, so that the pages get its headers (their security policies above all).
  const { handler } = await entente();
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // As root in a sandbox, with no network: no sandbox, and no background traffic to Google.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

// Every page runs under its content security policy: nothing it does may be refused.
afterEach(() => {
  expect(refused).toEqual([]);
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(`${path}: ${message.text()}`);
  });
  // Only the service may be reached; anything else is recorded and refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(`${base}${path}`);
  return page;
}

async function openDashboard(): Promise<Page> {
  const page = await open('/');
  await page.waitForSelector('body[data-ready=true]');
  return page;
}

/** Makes a change, waits until the dashboard shows it, then returns the event rows' titles. */
async function titlesAfter(page: Page, change: () => Promise<unknown>): Promise<string[]> {
  await change();
  await page.waitForSelector('body[data-ready=true]');
  return page.locator('#events tbody tr .title').allInnerTexts();
}

function talksRow(page: Page) {
  return page.locator('#events tbody tr', { hasText: 'NCC representatives hold talks' });
}

describe.skipIf(!available)('the dashboard in Chromium', () => {
  it("loads and shows the article's events on the timeline, the histogram and the network", async () => {
    const page = await openDashboard();
    const policy = await page.evaluate(() => fetch('/').then((r) => r.headers.get('content-security-policy')));
    expect(policy).toContain("script-src 'self'");
    expect(await page.locator('#events tbody tr').count()).toBe(25);
    expect(await page.locator('#count').innerText()).toBe('25 events, times in UTC');
    expect(await page.locator('#timeline rect.event').count()).toBe(25);
    expect(await page.locator('#histogram .bar').count()).toBeGreaterThan(0);
    // Who met whom by default: the meetings' participants, not the Council's co-voting members.
    const metNames = await page.locator('#network .node title').allTextContents();
    expect(metNames).toEqual(expect.arrayContaining(['Sergei Lavrov', 'National Coordination Committee for Democratic Change in Syria']));
    expect(metNames).not.toContain('China');
    await page.screenshot({ path: `${SCREENSHOTS}dashboard.png`, fullPage: true });
    await page.selectOption('#via', 'VOTED_TOGETHER');
    await page.waitForSelector('body[data-ready=true]');
    expect(await page.locator('#network .node title').allTextContents()).toContain('China');
    expect(outside).toEqual([]);
    await page.close();
  });

  it('changes the times shown with the display zone: the Moscow talks start at 00:00 Moscow, 20:00 the day before UTC', async () => {
    const page = await openDashboard();
    expect(await talksRow(page).locator('.start').innerText()).toBe('2012-11-28 20:00');
    await titlesAfter(page, () => page.selectOption('select[name=zone]', 'Europe/Moscow'));
    expect(await talksRow(page).locator('.start').innerText()).toBe('2012-11-29 00:00');
    expect(await talksRow(page).locator('.end').innerText()).toBe('2012-11-30 00:00');
    await titlesAfter(page, () => page.selectOption('select[name=zone]', 'America/New_York'));
    expect(await talksRow(page).locator('.start').innerText()).toBe('2012-11-28 15:00');
    await page.close();
  });

  it('filters by kind, search, meeting status, actor and window', async () => {
    const page = await openDashboard();
    const votes = await titlesAfter(page, async () => {
      await page.uncheck('input[value=MEETING]');
      await page.uncheck('input[value=STATEMENT]');
    });
    expect(votes).toHaveLength(3);
    expect(votes.every((title) => title.startsWith('Security Council vote'))).toBe(true);
    await titlesAfter(page, () => page.click('button[type=reset]'));

    const rome = await titlesAfter(page, () => page.fill('input[name=search]', 'rome'));
    expect(rome).toHaveLength(3);
    await titlesAfter(page, () => page.fill('input[name=search]', ''));

    const planned = await titlesAfter(page, async () => {
      await page.uncheck('input[value=STATEMENT]');
      await page.uncheck('input[value=VOTE]');
      await page.selectOption('select[name=status]', 'PLANNED');
    });
    expect(planned).toEqual(['NCC conference in Rome to further unite Syrian opposition groups']);
    await titlesAfter(page, () => page.click('button[type=reset]'));

    const lavrov = await titlesAfter(page, () => page.selectOption('select[name=actors]', { label: 'Sergei Lavrov' }));
    expect(lavrov).toHaveLength(2);

    // Russia with its members, speaking: what Lavrov, Bogdanov and Churkin said, not what Manna said about Russia.
    const russiaSaid = await titlesAfter(page, async () => {
      await page.selectOption('select[name=actors]', { label: 'Russia' });
      await page.selectOption('select[name=actorRole]', 'speaker');
    });
    const expectedSaid = await data('{ timeline(first: 100, filter: { speakers: ["russia"], includeMembers: true }) { edges { node { title } } } }');
    expect(russiaSaid).toEqual(expectedSaid.timeline.edges.map((e: any) => e.node.title));
    expect(russiaSaid.some((title) => title.startsWith('Sergei Lavrov'))).toBe(true);
    expect(russiaSaid.some((title) => title.startsWith('Haytham Manna'))).toBe(false);
    const russiaOnly = await titlesAfter(page, () => page.uncheck('input[name=includeMembers]'));
    expect(russiaOnly).toEqual(["Russia has not commented on Brahimi's new plans"]);

    // The window's dates are days in the display zone: 28 November in Moscow ends when the talks begin.
    await titlesAfter(page, () => page.click('button[type=reset]'));
    const moscowDay = await titlesAfter(page, async () => {
      await page.selectOption('select[name=zone]', 'Europe/Moscow');
      await page.fill('input[name=from]', '2012-11-28');
      await page.fill('input[name=to]', '2012-11-28');
    });
    expect(moscowDay).toEqual(['The National Coalition for Syrian Revolutionary and Opposition Forces is created']);
    const utcDay = await titlesAfter(page, () => page.selectOption('select[name=zone]', 'UTC'));
    const expected = await data('{ timeline(first: 100, filter: { from: "2012-11-28T00:00:00Z", to: "2012-11-29T00:00:00Z" }) { edges { node { title } } } }');
    expect(utcDay).toEqual(expected.timeline.edges.map((e: any) => e.node.title));
    expect(utcDay).toContain('NCC representatives hold talks with Sergei Lavrov and Mikhail Bogdanov in Moscow');

    await titlesAfter(page, () => page.click('button[type=reset]'));
    const window = await titlesAfter(page, async () => {
      await page.selectOption('select[name=zone]', 'Europe/Rome');
      await page.fill('input[name=from]', '2012-12-01');
      await page.fill('input[name=to]', '2012-12-31');
    });
    expect(window).toEqual(['NCC conference in Rome to further unite Syrian opposition groups']);
    // The export links carry the same filter.
    expect(await page.locator('#export-ics').getAttribute('href')).toContain('zone=Europe%2FRome');
    await page.close();
  });

  it("highlights the selected event's cited passage in the source panel", async () => {
    const page = await openDashboard();
    await talksRow(page).click();
    const marks = await page.locator('#source mark').allInnerTexts();
    expect(marks).toEqual([
      'Representatives of the opposition group, also known as the National Coordination Body, held talks with Russian Foreign Minister Sergei Lavrov and his deputy Mikhail Bogdanov in Moscow on Thursday.',
      'Lavrov reiterated after his talks with the NCC on Thursday',
    ]);
    expect(await page.locator('#details h3').innerText()).toBe('NCC representatives hold talks with Sergei Lavrov and Mikhail Bogdanov in Moscow');
    // A vote cites two sources: both are shown, each with its passage marked.
    await page.locator('#events tbody tr', { hasText: 'S/2012/77' }).click();
    expect(await page.locator('#source h3').count()).toBe(2);
    expect(await page.locator('#source mark').allInnerTexts()).toContain(
      'vetoing three resolutions in the UN Security Council that called for tougher measures against Assad',
    );
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-selected.png`, fullPage: true });
    await page.close();
  });
});

describe.skipIf(!available)('GraphiQL in Chromium', () => {
  it('loads with no network access beyond the service and runs its first example tab', async () => {
    const before = outside.length;
    const page = await open('/graphql');
    // The policy the browser enforced: only this origin's scripts, and the editor's workers from files.
    const policy = await page.evaluate(() => fetch('/graphql', { headers: { accept: 'text/html' } }).then((r) => r.headers.get('content-security-policy')));
    expect(policy).toContain("script-src 'self'");
    // The editor's workers run from their files (a refused worker would fall back to the page).
    await expect.poll(() => page.workers().map((worker) => new URL(worker.url()).pathname.split('.')[0])).toContain('/graphiql/worker-graphql');
    await page.waitForSelector('.graphiql-container');
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual([
      'NestedTimeline',
      'TimeZones',
      'WhoSaidWhat',
      'Vetoes',
      'ActorTimeline',
      'SearchAndPaging',
      'RefetchById',
      'Histogram',
      'Network',
      'WhatDidRussiaSay',
    ]);
    await page.locator('.graphiql-execute-button').click();
    // The first tab's timeline, as the API counts it.
    const { timeline } = await data('{ timeline(filter: { from: "2012-11-29T00:00:00+04:00" }) { totalCount } }');
    expect(timeline.totalCount).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`"totalCount":\\s${timeline.totalCount},`));
    await page.screenshot({ path: `${SCREENSHOTS}graphiql.png` });
    expect(outside.slice(before)).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!available)('GraphiQL tabs', () => {
  it('opens every example tab with a click, and runs it without errors', async () => {
    const page = await open('/graphql');
    await page.waitForSelector('.graphiql-container');
    const tabs = page.locator('.graphiql-tab');
    const count = await tabs.count();
    expect(count).toBe(10);
    for (let i = 0; i < count; i++) {
      const name = (await tabs.nth(i).innerText()).trim();
      await tabs.nth(i).click();
      await expect.poll(() => tabs.nth(i).getAttribute('aria-selected'), { message: name }).toBe('true');
      // The editor writes spaces as no-break spaces.
      await expect
        .poll(async () => (await page.locator('.graphiql-query-editor .view-lines').innerText()).replace(/\u00a0/g, ' '), { message: name })
        .toContain(`query ${name}`);
      // GraphiQL works out the tab's operations from the editor after a short debounce; run it
      // as a person would, a moment after the tab has opened.
      await page.waitForTimeout(700);
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000, message: name }).toContain('"data"');
      expect(await page.locator('.result-window').innerText(), name).not.toContain('"errors"');
    }
    await page.close();
  });
});

describe.skipIf(!available)('the TimelineJS export in TimelineJS itself', () => {
  it('builds a slide per event, with dates that mean the requested zone in a browser set to it', async () => {
    // Knight Lab's own library parses our JSON, in a browser whose zone is the one we asked for.
    const dist = join(dirname(createRequire(import.meta.url).resolve('@knight-lab/timelinejs/package.json')), 'dist');
    const [script, css] = await Promise.all([readFile(join(dist, 'js/timeline.js'), 'utf8'), readFile(join(dist, 'css/timeline.css'), 'utf8')]);
    const context = await browser.newContext({ timezoneId: 'Europe/Moscow', viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
    const data = await (await fetch(`${base}/export/timeline.json?zone=Europe/Moscow`)).json();
    await page.setContent(`<html><head><style>${css}</style></head><body><div id="timeline" style="width:1100px;height:700px"></div></body></html>`);
    await page.addScriptTag({ content: script });
    // TimelineJS is an untyped browser global, so this runs as plain JavaScript source.
    await page.evaluate(`window.timeline = new TL.Timeline('timeline', ${JSON.stringify(data)}, { language: 'en', font: null })`);
    await page.waitForFunction('window.timeline.config?.events?.length > 0');
    const parsed: any[] = await page.evaluate(
      'window.timeline.config.events.map((e) => ({ id: e.unique_id, start: e.start_date.data.date_obj.toISOString(), end: e.end_date.data.date_obj.toISOString(), display: e.display_date }))',
    );
    expect(parsed).toHaveLength(25);
    const talks = parsed.find((e: any) => e.id === 'meeting-ncc-talks-with-lavrov-and-bogdanov');
    // 29 November, midnight in Moscow, is 20:00 UTC the day before.
    expect(talks.start).toBe('2012-11-28T20:00:00.000Z');
    expect(talks.display).toContain('whole day');
    const churkin = parsed.find((e: any) => e.id === 'statement-churkin-pressure-on-damascus');
    expect(churkin.start).toBe('2012-11-29T16:00:00.000Z');
    expect(churkin.end).toBe('2012-11-29T20:00:00.000Z');
    // Whole days keep their length: Rome is 48 hours, 17 December 00:00 to 19 December 00:00 in Rome.
    const rome = parsed.find((e: any) => e.id === 'meeting-rome-opposition-conference');
    expect([rome.start, rome.end]).toEqual(['2012-12-16T23:00:00.000Z', '2012-12-18T23:00:00.000Z']);
    await page.waitForSelector('.tl-slide');
    await page.screenshot({ path: `${SCREENSHOTS}timelinejs.png` });
    expect(outside).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!available)('a subscription from the browser', () => {
  it('receives timelineChanged through an EventSource when the data change, resolved against the new revision', async () => {
    // An app of its own: its revision is changed under it.
    const app = await loadEntente({ dataDir: DATA_DIR, examplesDir: EXAMPLES_DIR, dashboardDir: DASHBOARD_DIR });
    const live = createServer(app.handler);
    await new Promise<void>((resolve) => live.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(live.address() as { port: number }).port}`;
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(`live: ${message.text()}`);
    });
    try {
      // The dashboard's page, whose policy lets it connect to its own origin only.
      await page.goto(`${origin}/`);
      const subscription = 'subscription { timelineChanged(filter: { kinds: [MEETING] }) { revision upserted { slug title actors { slug } } removed } }';
      await page.evaluate((query) => {
        const events: unknown[] = [];
        (window as unknown as { received: unknown[] }).received = events;
        const source = new EventSource(`/graphql?query=${encodeURIComponent(query)}`);
        source.addEventListener('next', (event) => events.push(JSON.parse((event as MessageEvent<string>).data)));
        (window as unknown as { opened: Promise<void> }).opened = new Promise((resolve) => source.addEventListener('open', () => resolve()));
      }, subscription);
      await page.evaluate(() => (window as unknown as { opened: Promise<void> }).opened);
      const { dataset } = app;
      const events = dataset.events.map((event) => (event.id === 'rome-opposition-conference' ? { ...event, title: 'Renamed in the browser test' } : event));
      app.revisions.swap(new MemoryStore({ ...dataset, events, version: 'browser-test-revision' }));
      await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length > 0, undefined, { timeout: 10_000 });
      const [payload] = (await page.evaluate(() => (window as unknown as { received: unknown[] }).received)) as {
        data: { timelineChanged: { revision: string; upserted: { slug: string; title: string; actors: { slug: string }[] }[]; removed: string[] } };
      }[];
      expect(payload!.data.timelineChanged).toMatchObject({
        revision: 'browser-test-revision',
        removed: [],
        upserted: [{ slug: 'rome-opposition-conference', title: 'Renamed in the browser test' }],
      });
      expect(payload!.data.timelineChanged.upserted[0]!.actors.length).toBeGreaterThan(0);
    } finally {
      await page.close();
      app.changes.close();
      await new Promise((resolve) => live.close(resolve));
    }
  }, 30_000);
});
