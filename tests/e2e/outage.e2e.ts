// A slide that fails to load while the network (or the class server) is down retries by itself when it is back:
// the slide-error layout (layouts/error.vue) waits for the server to answer, then reloads on the same slide.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startClassServer, type ClassServer } from '../../server/app.ts'
import { DEFAULT_POLLS } from '../../server/defaultPolls.ts'
import { LIVE_PROBE } from '../../server/api.ts'
import { launchChromium, slidesWith } from './deck'

const baseUrl = inject('baseUrl')
const distDir = inject('distDir')
let browser: Browser

beforeAll(async () => { browser = await launchChromium() })
afterAll(async () => browser?.close())

describe('an outage while moving', () => {
  it('a slide whose code could not be fetched says so, then loads by itself when the server answers again', async () => {
    // a slide far from the first, so its code is not fetched ahead of time
    const target = (await slidesWith('<SiliconLedger'))[0]
    expect(target).toBeGreaterThan(5)
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${baseUrl}/1?track=tiny`, { waitUntil: 'networkidle' })

    // the network drops; the deck moves on (as it does when it follows the presenter)
    await page.route('**/*', (route) => route.abort('internetdisconnected'))
    await page.evaluate((n) => {
      type Router = { push(to: { path: string; query: unknown }): Promise<unknown>; currentRoute: { value: { query: unknown } } }
      const router = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $router: Router } } } })
        .__vue_app__.config.globalProperties.$router
      return router.push({ path: `/${n}`, query: router.currentRoute.value.query })
    }, target)
    const error = page.locator('[data-testid="slide-error"]').filter({ visible: true })
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await error.first().textContent()).toMatch(/could not be loaded.*Retrying by itself/s)

    // the network is back: no key pressed, the slide appears, on the same slide and track
    await page.unroute('**/*')
    await expect.poll(() => page.locator('[data-testid="ledger-recipe"]').filter({ visible: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    const url = new URL(page.url())
    expect(url.pathname.split('/').filter(Boolean).at(-1)).toBe(String(target))
    expect(url.searchParams.get('track')).toBe('tiny')
    expect(await page.locator('[data-testid="slide-error"]').filter({ visible: true }).count()).toBe(0)
    await page.close()
  })
})

describe('a class service not there yet', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outage-e2e-'))
  let server: ClassServer
  beforeAll(async () => { server = await startClassServer({ secret: 'outage-Sesame-1', dataDir, polls: DEFAULT_POLLS, staticDir: distDir, port: 0, host: '127.0.0.1' }) })
  afterAll(async () => { await server?.close(); rmSync(dataDir, { recursive: true, force: true }) })

  it('a deck opened while its proxy answers 502 starts on its own, then joins the class when the service is back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    // a hosted service behind nginx, restarting: the deck's files load, the service's answers are the gateway's 502
    let down = true
    await page.route(`**${LIVE_PROBE}`, (route) => (down ? route.fulfill({ status: 502, body: 'Bad Gateway' }) : route.continue()))
    await page.goto(`${server.url}/1?track=edge`, { waitUntil: 'networkidle' })
    const joinCard = page.locator('[data-testid="join-card"]').filter({ visible: true })
    expect(await joinCard.count()).toBe(0) // on its own: no room to show
    down = false
    await expect.poll(() => joinCard.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await page.close()
  })
})
