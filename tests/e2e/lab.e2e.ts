// The lab bench in real Chromium: each measurement appears within budget, the page stays responsive while the
// worker trains, leaving the slide cancels, and nothing logs an error or spills out of the slide.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, listSlides } from './deck'

const baseUrl = inject('baseUrl')
let browser: Browser
let page: Page
const problems: string[] = []
let slides: number[] = []

beforeAll(async () => {
  // LAB_E2E_SLIDES="2,3,4" overrides (for a test deck); otherwise the slides titled "Lab bench"
  slides = process.env.LAB_E2E_SLIDES
    ? process.env.LAB_E2E_SLIDES.split(',').map(Number)
    : (await listSlides()).flatMap((s, i) => (/lab bench/i.test(s.title ?? '') ? [i + 1] : []))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`))
})
afterAll(async () => browser?.close())

const inSlide = (n: number, sel: string) => `.slidev-page-${n} ${sel}`
async function partOf(n: number): Promise<string> {
  await page.goto(`${baseUrl}/${n}`, { waitUntil: 'networkidle' })
  return (await page.locator(inSlide(n, '[data-lab-part]')).getAttribute('data-lab-part')) ?? ''
}
async function waitDone(n: number, timeout = 15_000) {
  await page.waitForFunction((s) => {
    const st = document.querySelector(s)?.getAttribute('data-status')
    return st === 'done' || st === 'error'
  }, inSlide(n, '[data-lab-frame] [role=status]'), { timeout })
}

describe('lab bench in Chromium', () => {
  it('has the three parts', async () => {
    const parts = []
    for (const n of slides) parts.push(await partOf(n))
    expect(parts.sort()).toEqual(['distillation', 'quantization', 'sparsity'])
  })

  it('each part measures within budget, fits the slide, and logs no errors', async () => {
    for (const n of slides) {
      const part = await partOf(n)
      const t0 = Date.now()
      await waitDone(n)
      if (part === 'sparsity') await page.waitForSelector(inSlide(n, '[data-lab-table="kernels"]'), { timeout: 15_000 })
      const seconds = (Date.now() - t0) / 1000
      console.log(`lab ${part}: results ${seconds.toFixed(1)} s after load`)
      expect(await page.locator(inSlide(n, '[data-status]')).getAttribute('data-status')).toBe('done')
      const box = await page.locator(inSlide(n, '[data-lab-frame]')).boundingBox()
      expect(box && box.y + box.height).toBeLessThanOrEqual(720)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    }
    expect(problems).toEqual([])
  })

  it('distillation: the main thread stays responsive while the worker trains; leaving the slide cancels', async () => {
    let n = -1
    for (const k of slides) if ((await partOf(k)) === 'distillation') n = k
    await page.goto(`${baseUrl}/${n}`, { waitUntil: 'networkidle' })
    await waitDone(n)
    // a configuration not cached yet: T = 7
    await page.evaluate(() => {
      ;(window as unknown as { __gaps: number[] }).__gaps = []
      let last = performance.now()
      const tick = () => { const t = performance.now(); (window as unknown as { __gaps: number[] }).__gaps.push(t - last); last = t; requestAnimationFrame(tick) }
      requestAnimationFrame(tick)
    })
    const range = page.locator(inSlide(n, 'input[type=range]'))
    await range.fill('7')
    await range.dispatchEvent('change')
    await page.waitForSelector(inSlide(n, '[data-status="running"]'), { timeout: 5000 })
    await waitDone(n, 20_000)
    const gaps = await page.evaluate(() => (window as unknown as { __gaps: number[] }).__gaps)
    console.log(`distillation: ${gaps.length} frames, worst frame gap ${Math.max(...gaps).toFixed(0)} ms`)
    expect(Math.max(...gaps)).toBeLessThan(250)
    // start another configuration and leave the slide at once
    await range.fill('13')
    await range.dispatchEvent('change')
    await page.waitForSelector(inSlide(n, '[data-status="running"]'), { timeout: 5000 })
    await range.blur() // Slidev ignores arrow keys while an input has focus
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-status') === 'cancelled', inSlide(n, '[role=status]'), { timeout: 5000 })
    expect(problems).toEqual([])
  })
})
