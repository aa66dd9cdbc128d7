// The presenter view (issue 19, #5 and #6): the notes read at arm's length at 1280×720 and 1920×1080 (a full-height
// column beside the slide, ≥ 20 px type, no table breaking words, every slide's notes within a couple of screens), and
// the timer every [mm:ss] cue counts on survives a reload of the presenter view and a second presenter tab.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { framesLater, launchChromium } from './deck'

const baseUrl = inject('baseUrl')
const slideCount = inject('slideCount')
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => { browser = await launchChromium() })
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
})

async function context(width: number, height: number): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height } })
  contexts.push(ctx)
  return ctx
}

/** The notes pane as laid out: its box, the notes' type size, how many screens they take, and table cells broken mid-word. */
function notes(p: Page) {
  return p.evaluate(() => {
    const pane = document.querySelector<HTMLElement>('.slidev-presenter .grid-section.note')!
    const note = pane.querySelector<HTMLElement>('.slidev-note')
    const r = pane.getBoundingClientRect()
    const text = note?.querySelector('p, li')
    const broken = [...(note?.querySelectorAll('td, th') ?? [])].filter((c) => {
      const lh = parseFloat(getComputedStyle(c).lineHeight) || parseFloat(getComputedStyle(c).fontSize) * 1.2
      return !/\s/.test(c.textContent!.trim()) && c.getBoundingClientRect().height > 1.6 * lh
    }).map((c) => c.textContent!.trim())
    return { width: r.width, height: r.height, font: text ? parseFloat(getComputedStyle(text).fontSize) : 0,
      screens: note ? note.scrollHeight / note.clientHeight : 0, broken }
  })
}

describe.each([[1280, 720], [1920, 1080]])('the presenter view at %i×%i', (width, height) => {
  it('gives the notes a full-height column beside the slide, at a size read at arm\'s length, on every slide', async () => {
    const p = await (await context(width, height)).newPage()
    await p.goto(`${baseUrl}/presenter/1`, { waitUntil: 'networkidle' })
    const long: string[] = []
    for (let n = 1; n <= slideCount; n++) {
      await expect.poll(() => new URL(p.url()).pathname).toBe(`/presenter/${n}`)
      await framesLater(p)
      const m = await notes(p)
      expect(m.width, `slide ${n}: notes width`).toBeGreaterThanOrEqual(0.38 * width)
      expect(m.height, `slide ${n}: notes height`).toBeGreaterThanOrEqual(0.8 * height)
      if (m.font) expect(m.font, `slide ${n}: notes type`).toBeGreaterThanOrEqual(20)
      expect(m.broken, `slide ${n}: table cells broken mid-word`).toEqual([])
      if (m.screens > 2.5) long.push(`slide ${n}: ${m.screens.toFixed(1)} screens`)
      await p.keyboard.press('ArrowRight')
    }
    expect(long, 'notes longer than two and a half screens of the pane').toEqual([])
  })
})

describe('the presenter\'s timer', () => {
  const clock = (p: Page) => p.locator('.slidev-presenter .grid-section.bottom .font-mono').first()
  const seconds = async (p: Page) => {
    const t = (await clock(p).textContent())!.replace(/\s/g, '')
    const m = t.match(/^(?:(\d+):)?(\d+):(\d\d)$/)
    return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null // '-:--' when stopped
  }

  it('keeps running through a reload of the presenter view and shows in a second presenter tab', async () => {
    const ctx = await context(1280, 720)
    const p = await ctx.newPage()
    await p.goto(`${baseUrl}/presenter/2`, { waitUntil: 'networkidle' })
    expect(await seconds(p)).toBeNull()
    await clock(p).hover()
    await p.locator('.slidev-presenter .grid-section.bottom [class*="i-carbon:play"]').click()
    await expect.poll(() => seconds(p), { timeout: 5000 }).toBeGreaterThanOrEqual(2)

    const second = await ctx.newPage()
    await second.goto(`${baseUrl}/presenter/2`, { waitUntil: 'networkidle' })
    await expect.poll(() => seconds(second)).toBeGreaterThanOrEqual(2)
    await expect.poll(() => seconds(p), { message: 'the first tab keeps its running timer', timeout: 5000 }).toBeGreaterThanOrEqual(3)

    await p.reload({ waitUntil: 'networkidle' })
    await expect.poll(() => seconds(p)).toBeGreaterThanOrEqual(3)
    const a = (await seconds(p))!
    await expect.poll(() => seconds(p), { message: 'still running after the reload', timeout: 5000 }).toBeGreaterThan(a)
  })
})
