// Every slide of the built deck renders in Chromium at 1280×720 without console errors, page errors,
// failed requests, or content spilling out of the slide.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { framesLater, launchChromium } from './deck'

const baseUrl = inject('baseUrl')
const slideCount = inject('slideCount')

let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    // a request cut short by the next page.goto is not a fault of the deck
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`)
  })
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`) })
})
afterAll(async () => browser?.close())

/** Elements of the visible slide whose box leaves the slide's box, by more than a pixel of rounding. */
async function overflowOf(p: Page) {
  return p.evaluate(() => {
    const slide = document.querySelector<HTMLElement>('#slide-content')
    if (!slide) return { missing: true, horizontal: [] as string[], vertical: [] as string[] }
    const box = slide.getBoundingClientRect()
    const horizontal: string[] = []
    const vertical: string[] = []
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`
    /** The part of an element's box that can be seen: cut by every ancestor that clips its overflow. */
    const visibleRect = (el: Element) => {
      let { left, right, top, bottom } = el.getBoundingClientRect()
      for (let a = el.parentElement; a && a !== slide; a = a.parentElement) {
        const cs = getComputedStyle(a)
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible' && cs.clip === 'auto') continue
        const c = a.getBoundingClientRect()
        left = Math.max(left, c.left); right = Math.min(right, c.right)
        top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom)
      }
      return { left, right, top, bottom, empty: right - left < 1 || bottom - top < 1 }
    }
    for (const el of slide.querySelectorAll('*')) {
      // not drawn: hidden, or inside a closed <details> (Chromium still lays that content out)
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue
      const r = visibleRect(el)
      if (r.empty) continue // nothing of it can be seen (e.g. a screen-reader-only table)
      if (r.left < box.left - 1 || r.right > box.right + 1) horizontal.push(describe(el))
      if (r.bottom > box.bottom + 1) vertical.push(describe(el))
    }
    return { missing: false, horizontal, vertical }
  })
}

describe('every slide of the built deck', () => {
  it('has slides to check', () => expect(slideCount).toBeGreaterThan(15))

  for (let n = 1; n <= slideCount; n++) {
    it(`slide ${n} renders cleanly at 1280×720`, async () => {
      problems.length = 0
      await page.goto(`${baseUrl}/${n}`, { waitUntil: 'networkidle' })
      await page.waitForSelector('#slide-content', { timeout: 15_000 })
      await framesLater(page) // let charts lay out
      const overflow = await overflowOf(page)
      expect(overflow.missing).toBe(false)
      expect(problems, problems.join('\n')).toEqual([])
      expect(overflow.horizontal, `spills sideways:\n${overflow.horizontal.join('\n')}`).toEqual([])
      expect(overflow.vertical, `spills below:\n${overflow.vertical.join('\n')}`).toEqual([])
    })
  }

  it('the cover shows no room to join when no class service is there (a recorded viewer)', async () => {
    await page.goto(`${baseUrl}/1`, { waitUntil: 'networkidle' })
    await page.waitForSelector('#slide-content', { timeout: 15_000 })
    expect(await page.locator('[data-testid="join-card"]').count()).toBe(0)
  })
})
