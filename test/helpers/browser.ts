import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'

// Headless Chromium for the page tests: Debian's /usr/bin/chromium through playwright-core (no other browser
// download works here), a fresh profile per use, and every console error, page error and failed request collected.

export const CHROMIUM = '/usr/bin/chromium'
export const haveChromium = existsSync(CHROMIUM)

const require = createRequire(import.meta.url)

/** Call at the top of a describe block: the browser checks are skipped, loudly, when Chromium is missing. */
export function warnWithoutChromium (what: string): void {
  if (!haveChromium) console.warn(`\n*** WARNING: ${CHROMIUM} is missing: the browser checks of ${what} are SKIPPED (apt-get install chromium) ***\n`)
}

export interface BrowserOptions { bypassCSP?: boolean; width?: number; javaScript?: boolean }

/** Runs `fn` with a page of a new headless Chromium; `problems` collects console errors/warnings and failed loads. */
export async function withBrowser<T> (opts: BrowserOptions, fn: (page: Page, problems: string[], context: BrowserContext) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-chromium-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, bypassCSP: opts.bypassCSP ?? false, javaScriptEnabled: opts.javaScript ?? true,
    viewport: { width: opts.width ?? 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = context.pages()[0] ?? await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`) })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
    return await fn(page, problems, context)
  } finally {
    await context.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

type AxeWindow = { axe?: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }

/** axe-core on the page as it is now: the serious and critical violations, one line each (`[]` is a pass). */
export async function axeViolations (page: Page, label = ''): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const result = await page.evaluate(async () => (globalThis as unknown as AxeWindow).axe!.run())
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label ? `${label}: ` : ''}${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`)
}
