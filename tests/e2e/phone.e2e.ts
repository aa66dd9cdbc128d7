// The student's deck on a phone (390×844, touch): the slide reflows full width in one column instead of Slidev's
// letterbox; a lock's question and answer controls are full width and touch-sized; a student answers a lock on the
// phone, offline and in a live class while following the presenter; instruments stack without spilling sideways.
// The projector (1280×720) keeps Slidev's scaled canvas.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startClassServer, type ClassServer } from '../../server/app.ts'
import { DEFAULT_POLLS } from '../../server/defaultPolls.ts'
import { LOCKS, lockAnswer } from '../../engine'
import { framesLater, launchChromium, slidesWith } from './deck'

const baseUrl = inject('baseUrl')
const distDir = inject('distDir')
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }
const MIN_TARGET = 44 // px: the smallest touch target (WCAG 2.5.5, Apple HIG)

let browser: Browser
const contexts: BrowserContext[] = []
let lock1 = 0
const INSTRUMENTS = ['TrackPicker', 'QuantizationWorkbench', 'CompressionWaterfall', 'ParetoFrontierPlot', 'SparsityWorkbench', 'SpeedupWaterfall',
  'DistillationWorkbench', 'StakeholderChallenge', 'SiliconLedger', 'StudentTakeaway']

beforeAll(async () => {
  ;[lock1] = await slidesWith('quantizationAccuracy')
  browser = await launchChromium()
})
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
})

async function phone(url: string): Promise<Page> {
  const ctx = await browser.newContext(PHONE)
  contexts.push(ctx)
  const page = await ctx.newPage()
  await page.goto(url, { waitUntil: 'networkidle' })
  await page.locator('#slide-content .slidev-page').filter({ visible: true }).first().waitFor({ timeout: 15_000 })
  return page
}
const lockBox = (p: Page) => p.locator('#slide-content .prediction-lock').filter({ visible: true }).first()

/** Visible elements of the slide whose visible part leaves the window sideways (clipping ancestors taken into account). */
function sidewaysSpill(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const W = document.documentElement.clientWidth
    const out: string[] = []
    for (const el of document.querySelectorAll('#slide-content *')) {
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue
      let { left, right } = el.getBoundingClientRect()
      for (let a = el.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a)
        if (cs.overflowX === 'visible' && cs.clip === 'auto') continue
        const c = a.getBoundingClientRect()
        left = Math.max(left, c.left); right = Math.min(right, c.right)
      }
      if (right - left >= 1 && (left < -1 || right > W + 1))
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} [${Math.round(left)}, ${Math.round(right)}]`)
    }
    return out
  })
}

async function box(l: Locator) {
  const b = await l.boundingBox()
  if (!b) throw new Error('not laid out')
  return b
}

describe('a phone (390×844)', () => {
  it('shows lock 1 full width, not a letterbox: both questions and every control visible, at least 44 px tall', async () => {
    const p = await phone(`${baseUrl}/${lock1}?track=tiny`)
    const lock = lockBox(p)
    expect((await box(lock)).width).toBeGreaterThan(0.9 * 390 - 24)
    for (const q of [LOCKS.quantization.question, LOCKS.quantizationAccuracy.question]) await expect.poll(() => lock.getByText(q).isVisible()).toBe(true)
    // the question is set in readable type, not scaled down to ~40% as in the letterbox
    expect(await lock.locator('legend.question').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(18)
    const controls = [lock.locator('input[type="number"]'), lock.locator('input[type="range"]'), ...[0, 1, 2, 3].map((i) => lock.locator('label.lock-option').nth(i)),
      lock.getByRole('button', { name: 'Lock in my prediction' })]
    for (const c of controls) {
      expect(await c.isVisible()).toBe(true)
      expect((await box(c)).height).toBeGreaterThanOrEqual(MIN_TARGET)
    }
    // options and the button span the column: one per row, thumb-wide
    for (const c of controls.slice(2)) expect((await box(c)).width).toBeGreaterThan(300)
    expect(await sidewaysSpill(p)).toEqual([])
  })

  it('dragging the slider with a finger sets the prediction and stays on the slide (not a swipe to the next one)', async () => {
    const p = await phone(`${baseUrl}/${lock1}?track=tiny`)
    const slider = lockBox(p).locator('input[type="range"]')
    const b = await box(slider)
    const y = b.y + b.height / 2
    const cdp = await p.context().newCDPSession(p)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x?: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: x === undefined ? [] : [{ x, y }] })
    await touch('touchStart', b.x + 4)
    for (let k = 1; k <= 10; k++) await touch('touchMove', b.x + 4 + ((b.width - 8) * k) / 10)
    await touch('touchEnd')
    await framesLater(p, 20) // a third of a second: a swipe (even one waiting for the next slide's code) would have navigated
    expect(new URL(p.url()).pathname).toBe(`/${lock1}`)
    expect(Number(await lockBox(p).locator('input[type="number"]').inputValue())).toBe(LOCKS.quantization.range!.max)
  })

  it('a student answers lock 1 with touch, offline, and reads the reveal', async () => {
    const p = await phone(`${baseUrl}/${lock1}?track=tiny`)
    const lock = lockBox(p)
    await lock.locator('input[type="number"]').fill('2')
    await lock.locator('label.lock-option').nth(0).tap()
    await lock.getByRole('button', { name: 'Lock in my prediction' }).tap()
    await expect.poll(() => lock.getAttribute('data-phase')).toBe('locked')
    expect(new URL(p.url()).pathname).toBe(`/${lock1}`) // tapping controls is not a swipe to another slide
    await lock.getByRole('button', { name: 'Reveal the answer' }).tap()
    await expect.poll(() => lock.getAttribute('data-phase')).toBe('revealed')
    for (const id of ['quantization', 'quantizationAccuracy'] as const) {
      const reveal = lock.locator(`.lock-reveal[data-part="${id}"]`)
      expect(await reveal.locator('[data-testid="lock-key"]').textContent()).toContain(lockAnswer('tiny', id).explanation)
      expect((await box(reveal)).width).toBeGreaterThan(300) // stacked, not side by side
    }
    expect(await sidewaysSpill(p)).toEqual([])
  })

  it.each(INSTRUMENTS)('%s stacks in one column without spilling sideways, with touch-sized controls', async (name) => {
    const [n] = await slidesWith(`<${name}`)
    expect(n).toBeGreaterThan(0)
    const p = await phone(`${baseUrl}/${n}?track=edge`)
    const root = p.locator(`#slide-content [data-instrument="${name}"]`).filter({ visible: true }).first()
    await root.waitFor({ timeout: 15_000 })
    await framesLater(p) // charts lay out
    expect(await sidewaysSpill(p)).toEqual([])
    // one column: the instrument's panes, and the parts of each pane, sit one under the other
    const sideBySide = await root.evaluate((r) => [r, ...r.children].flatMap((box) => {
      // panes are block-level boxes (words in a sentence, such as <b>, flow side by side as they should)
      const kids = [...box.children].filter((c) => (c as HTMLElement).offsetParent !== null && !c.classList.contains('sr-only')
        && !getComputedStyle(c).display.startsWith('inline') && c.getBoundingClientRect().height > 4)
      return kids.slice(1).flatMap((c, k) => (c.getBoundingClientRect().top < kids[k].getBoundingClientRect().bottom - 1
        ? [`${kids[k].className} | ${c.className}`]
        : []))
    }), null)
    expect(sideBySide).toEqual([])
    const small = await root.evaluate((r, min) => [...r.querySelectorAll('button, select, input[type="range"], input[type="number"]')]
      .filter((c) => (c as HTMLElement).offsetParent !== null && !c.closest('.sr-only'))
      .map((c) => ({ c: `${c.tagName.toLowerCase()} "${(c.textContent ?? '').trim().slice(0, 30)}"`, h: c.getBoundingClientRect().height }))
      .filter((x) => x.h < min), MIN_TARGET)
    expect(small).toEqual([])
  })

  it('"Your takeaway" is read in the page\'s own scroll, not in a box scrolling inside it', async () => {
    const [n] = await slidesWith('<StudentTakeaway')
    const p = await phone(`${baseUrl}/${n}?track=edge`)
    const body = p.locator('#slide-content [data-instrument="StudentTakeaway"] .body').filter({ visible: true }).first()
    await body.waitFor({ timeout: 15_000 })
    await framesLater(p)
    expect(await body.evaluate((b) => b.scrollHeight - b.clientHeight)).toBeLessThanOrEqual(1)
    expect(await p.evaluate(() => document.querySelector('#slide-container')!.scrollHeight > innerHeight)).toBe(true) // the page scrolls instead
  })
})

describe('a phone in a live class', () => {
  const SECRET = `phone-${Math.random().toString(36).slice(2)}-Sesame`
  const dataDir = mkdtempSync(join(tmpdir(), 'phone-e2e-'))
  let server: ClassServer
  beforeAll(async () => { server = await startClassServer({ secret: SECRET, dataDir, polls: DEFAULT_POLLS, staticDir: distDir, port: 0, host: '127.0.0.1' }) })
  afterAll(async () => { await server?.close(); rmSync(dataDir, { recursive: true, force: true }) })

  it('follows the presenter to lock 1, answers both parts, and sees the reveal', async () => {
    const student = await phone(`${server.url}/1`)
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    contexts.push(ctx)
    const presenter = await ctx.newPage()
    await presenter.goto(`${server.url}/presenter/${lock1}`)
    const controls = presenter.locator('[data-testid="presenter-controls"]').filter({ visible: true }).first()
    await controls.locator('input[type="password"]').fill(SECRET)
    await controls.getByRole('button', { name: 'Unlock controls' }).click()
    await expect.poll(() => new URL(student.url()).pathname, { timeout: 15_000 }).toBe(`/${lock1}`)

    const lock = lockBox(student)
    await expect.poll(() => lock.getAttribute('data-phase')).toBe('open')
    await lock.locator('input[type="number"]').fill('1.9')
    await lock.locator('label.lock-option').nth(1).tap()
    await lock.getByRole('button', { name: 'Lock in my prediction' }).tap()
    await expect.poll(() => lock.textContent()).toMatch(/answer sent/)
    await expect.poll(() => controls.textContent()).toMatch(/1 answer in/)

    await controls.getByRole('button', { name: 'Reveal' }).click()
    await expect.poll(() => lock.getAttribute('data-phase'), { timeout: 10_000 }).toBe('revealed')
    await expect.poll(() => lock.locator('.lock-reveal[data-part="quantizationAccuracy"] .gap').textContent())
      .toContain(`you chose “${LOCKS.quantizationAccuracy.options![1]}”`)
    expect(await sidewaysSpill(student)).toEqual([])
  })
})

describe('a phone in a live class, on the ledger and "The class on the frontier"', () => {
  const SECRET = `phone-${Math.random().toString(36).slice(2)}-Frontier`
  const dataDir = mkdtempSync(join(tmpdir(), 'phone-frontier-e2e-'))
  let server: ClassServer
  beforeAll(async () => { server = await startClassServer({ secret: SECRET, dataDir, polls: DEFAULT_POLLS, staticDir: distDir, port: 0, host: '127.0.0.1' }) })
  afterAll(async () => { await server?.close(); rmSync(dataDir, { recursive: true, force: true }) })

  it('submits the contract with nothing cut at the edge, and reads the revealed room: plots with a width, one under the other, and ✱ you', async () => {
    const [ledger] = await slidesWith('<SiliconLedger')
    const [frontier] = await slidesWith('<ClassFrontier')
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    contexts.push(ctx)
    const presenter = await ctx.newPage()
    await presenter.goto(`${server.url}/presenter/${ledger}`)
    const chip = presenter.locator('[data-testid="class-chip"]')
    await chip.locator('input[type="password"]').fill(SECRET)
    await chip.getByRole('button', { name: 'Unlock controls' }).click()
    await expect.poll(() => chip.textContent()).toMatch(/students follow your slide/)

    const student = await phone(`${server.url}/${ledger}?track=edge`)
    const submit = student.locator('[data-testid="submit-contract"]').filter({ visible: true }).first()
    await expect.poll(() => submit.getAttribute('data-state'), { timeout: 10_000 }).toBe('unsent')
    const button = submit.getByRole('button', { name: 'Submit my contract' })
    const b = await box(button)
    expect(b.x, '"Submit my contract" starts inside the window').toBeGreaterThanOrEqual(0)
    expect(b.x + b.width).toBeLessThanOrEqual(390)
    expect(await sidewaysSpill(student)).toEqual([])
    await button.tap()
    await expect.poll(() => submit.getAttribute('data-state')).toBe('sent')

    await presenter.locator('body').press('ArrowRight')
    await expect.poll(() => new URL(student.url()).pathname, { timeout: 10_000 }).toBe(`/${frontier}`)
    const live = presenter.locator('[data-instrument="ClassFrontier"]').filter({ visible: true }).first()
    await live.getByRole('button', { name: 'Close contracts' }).click()
    await expect.poll(() => live.locator('[data-testid="contract-count"]').textContent()).toMatch(/CLOSED/)
    await live.getByRole('button', { name: 'Reveal to the class' }).click()

    const v = student.locator('[data-instrument="ClassFrontier"]').filter({ visible: true }).first()
    await expect.poll(() => v.getAttribute('data-phase'), { timeout: 10_000 }).toBe('revealed')
    await expect.poll(() => v.locator('figure.class-plot').count()).toBeGreaterThan(0)
    await framesLater(student) // charts lay out
    for (const fig of await v.locator('figure.class-plot').all()) {
      const f = await box(fig)
      expect(f.width, 'a plot as wide as the column').toBeGreaterThan(300)
      expect((await box(fig.locator('canvas'))).height, 'a plot tall enough to read').toBeGreaterThan(180)
    }
    // the legend reads as lines of words, not a one-word column, and marks you
    const legend = v.locator('.legend')
    expect((await box(legend)).width).toBeGreaterThan(300)
    expect(await legend.textContent()).toContain('✱ you')
    // the plots, the counts and the best recipes one under the other, none over another
    const parts = await Promise.all([v.locator('.plots'), v.locator('[data-testid="class-counts"]'), v.locator('[data-testid="class-best"]').first()].map(box))
    for (let i = 1; i < parts.length; i++) expect(parts[i].y).toBeGreaterThanOrEqual(parts[i - 1].y + parts[i - 1].height - 1)
    expect(await sidewaysSpill(student)).toEqual([])
  })
})

/** Text in the lock drawn smaller than `min` px on screen (font size × the canvas's scale), with what it says. */
function smallText(p: Page, min: number): Promise<string[]> {
  return p.evaluate((min) => {
    const canvas = document.querySelector<HTMLElement>('#slide-content')!
    const scale = canvas.getBoundingClientRect().width / canvas.offsetWidth
    const lock = [...document.querySelectorAll('#slide-content .prediction-lock')].find((e) => (e as HTMLElement).offsetParent !== null)!
    return [...lock.querySelectorAll('*')].filter((e) => e.checkVisibility() && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .map((e) => ({ px: parseFloat(getComputedStyle(e).fontSize) * scale, text: e.textContent!.trim().slice(0, 40) }))
      .filter((x) => x.px < min - 0.05).map((x) => `${x.px.toFixed(1)} px: ${x.text}`)
  }, min)
}

describe('the projector (1280×720)', () => {
  it('draws every text of lock 1 at 18 px or more, open and revealed', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    contexts.push(ctx)
    const p = await ctx.newPage()
    // a last class baked into the build, so the reveal draws both distributions
    const values = [1.5, 1.8, 1.9, 2, 2, 2, 2.5, 4]
    await p.route('**/baked-results.json', (r) => r.fulfill({ json: { bakedAt: '2026-01-01T00:00:00Z', polls: {
      quantization: { poll: 'quantization', round: 1, kind: 'number', count: values.length, values, median: 2, unit: '×' },
      quantizationAccuracy: { poll: 'quantizationAccuracy', round: 1, kind: 'choice', count: 8, counts: [3, 3, 1, 1] },
    } } }))
    await p.goto(`${baseUrl}/${lock1}?track=mobile`, { waitUntil: 'networkidle' })
    const lock = lockBox(p)
    await lock.locator('input[type="number"]').fill('2')
    await lock.locator('label.lock-option').nth(2).click()
    expect(await smallText(p, 18)).toEqual([])
    await lock.getByRole('button', { name: 'Lock in my prediction' }).click()
    await lock.getByRole('button', { name: 'Reveal the answer' }).click()
    await expect.poll(() => lock.getAttribute('data-phase')).toBe('revealed')
    await expect.poll(() => lock.locator('.lock-bars').count()).toBe(2)
    expect(await smallText(p, 18)).toEqual([])
  })

  it("keeps Slidev's scaled canvas: the lock slide is the 980-wide canvas scaled to the window", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    contexts.push(ctx)
    const p = await ctx.newPage()
    await p.goto(`${baseUrl}/${lock1}`, { waitUntil: 'networkidle' })
    const canvas = await p.locator('#slide-content').evaluate((e) => ({ w: (e as HTMLElement).offsetWidth, t: getComputedStyle(e).transform }))
    expect(canvas.w).toBe(980)
    expect(canvas.t).toMatch(/^matrix\(1\.30/) // 1280 / 980
  })
})
