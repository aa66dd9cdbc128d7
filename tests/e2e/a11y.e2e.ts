// Accessibility gate (issue 11, item 8): axe-core over every slide of the built deck on all four tracks at 1280×720;
// any serious or critical violation fails. One page per track; slides are reached through the deck's own router
// (history + popstate) instead of a reload each, which keeps 4 × ~24 slides within a few tens of seconds.
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { framesLater, launchChromium } from './deck'
import { TRACK_IDS } from '../../engine'

const baseUrl = inject('baseUrl')
const slideCount = inject('slideCount')

let browser: Browser
beforeAll(async () => { browser = await launchChromium() })
afterAll(async () => browser?.close())

/** Goes to slide n through vue-router (popstate), as a click on a link would, and waits until it is shown. */
async function showSlide(page: Page, n: number, query: string) {
  await page.evaluate(([path]) => {
    history.pushState(history.state, '', path)
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }))
  }, [`/${n}${query}`])
  await page.locator(`.slidev-page-${n}`).waitFor({ state: 'visible', timeout: 15_000 })
  await framesLater(page) // charts lay out (contrast is read from what is drawn; the deck has no transitions)
}

/** A violation in one line: rule, impact, and the first few offending elements with axe's own summary. */
function describeViolation(v: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }) {
  const nodes = v.nodes.slice(0, 4).map((n) => `    ${JSON.stringify(n.target)} ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim()}`)
  return [`  ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}`, ...nodes].join('\n')
}

describe.each(TRACK_IDS)('axe-core on the %s track', (track) => {
  let page: Page
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    page = await context.newPage()
    await page.goto(`${baseUrl}/1?track=${track}`, { waitUntil: 'networkidle' })
    await page.waitForSelector('#slide-content', { timeout: 15_000 })
  })
  afterAll(async () => page?.context().close())

  it('has no serious or critical violation on any slide', async () => {
    const found: string[] = []
    let contrastChecked = 0 // guards against a vacuous pass (axe scoped to nothing, slides not shown)
    for (let n = 1; n <= slideCount; n++) {
      await showSlide(page, n, `?track=${track}`)
      // Only the slide: Slidev's own navigation controls are not ours to fix. Hidden neighbour slides are skipped by axe.
      // Legacy mode runs axe in the page itself: the default opens a blank page per run to merge frames (the deck has
      // no iframes), which tripled the time.
      const { violations, passes } = await new AxeBuilder({ page }).include('#slide-content').setLegacyMode().analyze()
      contrastChecked += passes.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      if (bad.length) found.push(`slide ${n}:\n${bad.map(describeViolation).join('\n')}`)
    }
    expect(contrastChecked).toBeGreaterThan(slideCount)
    expect(found, `axe-core on ?track=${track}:\n${found.join('\n')}`).toEqual([])
  })
})
