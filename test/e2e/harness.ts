/**
 * Browser-test harness (shared by the portal and admin e2e tests): starts `npm run dev` on a free
 * port with fresh state, waits for /healthz, launches Debian's Chromium through playwright-core with
 * a fresh profile, and stops both. Helpers run axe-core in the page and measure a page's own weight.
 *
 *   const h = await startHarness();
 *   const context = await h.newContext({ locale: 'zh-CN' });
 *   ...
 *   await h.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { devVar } from '../../scripts/dev-vars';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = join(root, 'test-results');
/** The operator token `npm run dev` generated into `.dev.vars`. */
export const adminToken = () => devVar(root, 'ADMIN_TOKEN');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A phone: the viewport the shopper page is designed for first. */
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;

export interface ContextOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  isMobile?: boolean;
  hasTouch?: boolean;
  javaScriptEnabled?: boolean;
}

export interface Harness {
  baseUrl: string;
  port: number;
  /** This server's local D1/DO/R2 state (`--persist-to`), for a test that writes to it directly. */
  stateDir: string;
  /** A new browser with its own fresh profile (user-data-dir). */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** Saves a full-page screenshot under test-results/; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`npm run dev exited early (${server.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${baseUrl}/healthz not healthy within ${timeoutMs / 1000} s`);
}

export async function startHarness(options: { ticker?: boolean; log?: boolean } = {}): Promise<Harness> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'aftercare-e2e-state-'));
  mkdirSync(resultsDir, { recursive: true });
  const args = ['run', 'dev', '--', '--persist-to', state, ...(options.ticker ? [] : ['--no-ticker'])];
  // Own process group, so stop() ends wrangler and its workerd children, and nothing else.
  const server = spawn('npm', args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', options.log ? 'inherit' : 'ignore', options.log ? 'inherit' : 'pipe'],
    detached: true,
  });
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const contexts: Array<{ context: BrowserContext; dir: string }> = [];
  const stop = async () => {
    for (const { context, dir } of contexts.splice(0)) {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    if (server.exitCode === null && server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    baseUrl,
    port,
    stateDir: state,
    async newContext(opts = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'aftercare-e2e-profile-'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        headless: true,
        args: chromiumArgs,
        baseURL: baseUrl,
        ...opts,
      });
      contexts.push({ context, dir });
      return context;
    },
    async screenshot(page, name) {
      const path = join(resultsDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    stop,
  };
}

const axeSource = () => readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core (WCAG 2.x A/AA + best practices) in the page; returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Browser-side code is passed as text: the project's TypeScript has no DOM types (Workers types).
  // Evaluated rather than added as a <script>, so it also runs on pages opened with JavaScript off.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${axeSource()}\n;undefined`);
  return page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`);
}

/**
 * axe needs timers, which do not run on a page opened with JavaScript off: audit a copy of that
 * page's DOM (scripts removed, so it stays exactly as a no-JS visitor sees it) in a page of a
 * JavaScript-enabled context.
 */
export async function runAxeOnStaticCopy(page: Page, auditContext: BrowserContext): Promise<AxeViolation[]> {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const copy = await auditContext.newPage();
  try {
    await copy.setContent(html);
    return await runAxe(copy);
  } finally {
    await copy.close();
  }
}

export interface PageWeight {
  html: number;
  css: number;
  js: number;
  total: number;
}

/**
 * The page's own weight, uncompressed: the HTML document plus same-origin stylesheets and scripts
 * (inline CSS and JS are inside the HTML). Images and fonts are not counted.
 */
export async function pageWeight(page: Page): Promise<PageWeight> {
  return page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const html = (nav && nav.decodedBodySize) || new TextEncoder().encode(document.documentElement.outerHTML).byteLength;
    let css = 0;
    let js = 0;
    for (const r of performance.getEntriesByType('resource')) {
      if (new URL(r.name).origin !== location.origin) continue;
      if (r.initiatorType === 'link' && r.name.split('?')[0].endsWith('.css')) css += r.decodedBodySize;
      if (r.initiatorType === 'script') js += r.decodedBodySize;
    }
    return { html, css, js, total: html + css + js };
  })()`);
}
