// Engineer A's instruments in the built deck, driven with mouse and keyboard for every track; the numbers they show
// are read back and compared with the engine's (imported here directly: same code as the deck's).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { framesLater, launchChromium, slidesWith } from './deck'
import { compressionSteps, evaluate, knee, leversThrough, paretoFrontier, TRACK_IDS, TRACKS } from '../../engine'
import type { Recipe, TrackId } from '../../engine'
import { formatBytes as formatAnyBytes, formatMetric } from '../../logic/format'

const baseUrl = inject('baseUrl')
const SHOTS = process.env.E2E_SHOTS // a folder: save screenshots there to look at them

let browser: Browser
let page: Page
const errors: string[] = []
const slide: Record<string, number> = {}

beforeAll(async () => {
  for (const name of ['QuantizationWorkbench', 'ParetoFrontierPlot', 'CompressionWaterfall']) {
    const [n] = await slidesWith(`<${name}`)
    if (!n) throw new Error(`no slide uses <${name}>`)
    slide[name] = n
  }
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
})
afterAll(async () => browser?.close())

async function open(name: string, track: TrackId, extra = '') {
  errors.length = 0
  await page.goto(`${baseUrl}/${slide[name]}?track=${track}${extra}`, { waitUntil: 'networkidle' })
  root = page.locator(`[data-instrument="${name}"]:visible`) // Slidev keeps neighbouring slides mounted, hidden
  await root.waitFor({ state: 'visible', timeout: 15_000 })
  await framesLater(page)
  return root
}
let root: Locator
const $ = (sel: string) => root.locator(sel)
const text = (sel: string) => $(sel).innerText()
const query = () => Object.fromEntries(new URL(page.url()).searchParams)
/** Bytes as the deck shows them on the track under test. */
let formatBytes = (bytes: number) => formatAnyBytes(bytes, 'si')
async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}
/** The instrument's box stays inside the slide (no overflow at 1280×720). */
async function expectInsideSlide() {
  const r = await root.evaluate((el) => {
    const s = el.closest('#slide-content')!.getBoundingClientRect()
    const i = el.getBoundingClientRect()
    return { ok: i.left >= s.left - 1 && i.right <= s.right + 1 && i.bottom <= s.bottom + 1, s: s.toJSON(), i: i.toJSON() }
  })
  expect(r.ok, JSON.stringify(r)).toBe(true)
}

describe.each(TRACK_IDS)('instruments A on %s', (track) => {
  beforeAll(() => { formatBytes = (bytes: number) => formatAnyBytes(bytes, TRACKS[track].units.bytes) })
  const base: Recipe = { precision: 'fp16', sparsity: 0, pattern: 'unstructured', student: TRACKS[track].baseline, distill: false, temperature: 4 }
  const unit = TRACKS[track].metric.unit

  it('quantization workbench: mouse and keyboard change the precision and the engine numbers follow', async () => {
    await open('QuantizationWorkbench', track)
    await expectInsideSlide()
    expect(await text('[data-readout="footprint"]')).toContain(formatBytes(evaluate(track, base).memory.totalBytes))
    await shot(`quant-${track}-fp16`)

    await $('[data-precision="int4"]').click() // mouse (how fast it repaints is npm run bench:ui's to measure, not a test's)
    await $('[data-readout="footprint"]').filter({ hasText: 'smaller' }).waitFor()
    const int4 = evaluate(track, { ...base, precision: 'int4' })
    expect(await text('[data-readout="footprint"]')).toContain(formatBytes(int4.memory.totalBytes))
    expect(await text('[data-readout="accuracy"]')).toContain(formatMetric(int4.accuracy, unit))
    await expect.poll(() => query().precision).toBe('int4') // the URL follows once input pauses (debounced)

    await $('[data-precision="int4"] input').focus()
    await page.keyboard.press('ArrowLeft') // keyboard: the focused radio group moves to INT8, the slide stays
    await page.waitForFunction(() => new URL(location.href).searchParams.get('precision') === 'int8')
    const int8 = evaluate(track, { ...base, precision: 'int8' })
    expect(await text('[data-readout="footprint"]')).toContain(formatBytes(int8.memory.totalBytes))
    expect(await root.isVisible()).toBe(true)

    const k = knee(track)
    expect(await text('[data-readout="cliff"]')).toContain(`Post-training: knee ${k.kneeBits} bit`) // marked and named from the start
    expect(await text('[data-readout="cliff"]')).toContain(`cliff ${k.cliffBits} bit`)
    await shot(`quant-${track}-int8-cliff`)
    expect(errors).toEqual([])
  })

  it('waterfall: OOM is stated for the FP16 baseline where it does not fit, and INT4 adds a step', async () => {
    await open('CompressionWaterfall', track)
    await expectInsideSlide()
    const m = evaluate(track, base).memory
    expect(await text('[data-readout="verdict"]')).toMatch(!m.fits ? /^OOM/ : m.weightsLevel === 'flash' ? /^WEIGHTS IN FLASH/ : /^FITS/)
    if (track === 'cloud') expect(m.fits).toBe(false)
    if (track === 'tiny') expect(m.weightsLevel).toBe('flash') // the MCU runs the FP16 model only by streaming weights from flash
    await shot(`waterfall-${track}-fp16`)
    await $('[data-precision="int4"]').click()
    const steps = compressionSteps(track, { ...base, precision: 'int4' })
    const last = steps[steps.length - 1].evaluation.memory
    await page.waitForFunction(() => new URL(location.href).searchParams.get('precision') === 'int4')
    const verdict = await text('[data-readout="verdict"]')
    expect(verdict).toMatch(!last.fits ? /^OOM/ : last.weightsLevel === 'flash' ? /^WEIGHTS IN FLASH/ : /^FITS/)
    expect(verdict).toContain(formatBytes(last.weightsLevel === 'flash' ? last.activationsBytes : last.totalBytes))
    await shot(`waterfall-${track}-int4`)
    expect(errors).toEqual([])
  })

  it('pareto (part 1: precision only): a focused frontier row names its recipe, Enter adopts it, the bubble-size toggle responds', async () => {
    await open('ParetoFrontierPlot', track)
    await expectInsideSlide()
    await shot(`pareto-${track}`)
    const front = paretoFrontier(track, leversThrough(1))
    expect(await text('[data-readout="levers"]')).toContain('4 recipes')
    const rows = $('[data-pareto-row]')
    expect(await text('[data-readout="page"]')).toBe(`1–3 of ${front.length}`)
    await rows.nth(0).focus()
    expect(await text('[data-readout="focused"]')).toContain(front[0].label)
    await page.keyboard.press('Enter')
    await page.waitForFunction((p) => new URL(location.href).searchParams.get('precision') === p, front[0].recipe.precision)
    expect(await text('[data-readout="current"]')).toContain('ON THE FRONTIER')
    await $('input[value="latency"]').check()
    expect(await $('input[value="latency"]').isChecked()).toBe(true)
    expect(errors).toEqual([])
  })
})
