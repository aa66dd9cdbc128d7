// Engineer B's instruments in the built deck, driven with mouse and keyboard for every track; the numbers they show
// are read back and compared with the engine's (imported here directly: same code as the deck's).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { framesLater, launchChromium, slidesWith } from './deck'
import { evaluate, part2Target, TRACK_IDS, TRACKS, verdictWord } from '../../engine'
import { distillationStudent } from '../../engine/lessons'
import type { Recipe, TrackId } from '../../engine'
import { formatJoules, formatMs, formatValue, sig } from '../../logic/format'
import { challenge } from '../../logic/distillation'

const baseUrl = inject('baseUrl')
const SHOTS = process.env.E2E_SHOTS

let browser: Browser
let page: Page
const errors: string[] = []
const slide: Record<string, number> = {}
const NAMES = ['SparsityWorkbench', 'SpeedupWaterfall', 'DistillationWorkbench', 'StakeholderChallenge', 'SiliconLedger']

beforeAll(async () => {
  for (const name of NAMES) {
    const [n] = await slidesWith(`<${name}`)
    if (!n) throw new Error(`no slide uses <${name}>`)
    slide[name] = n
  }
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
})
afterAll(async () => browser?.close())

let current = ''
async function open(name: string, track: TrackId, extra = '') {
  errors.length = 0
  current = name
  await page.goto(`${baseUrl}/${slide[name]}?track=${track}${extra}`, { waitUntil: 'networkidle' })
  await page.evaluate(() => sessionStorage.clear())
  await page.reload({ waitUntil: 'networkidle' })
  const root = page.locator(`#slide-content [data-instrument="${name}"]`)
  await root.waitFor({ state: 'visible', timeout: 15_000 })
  await framesLater(page)
  return root
}
// scoped to the instrument: Slidev keeps the neighbouring slides (with their own selects) in the DOM
const q = (sel: string) => page.locator(`#slide-content [data-instrument="${current}"] ${sel}`).first()
const text = (sel: string) => q(sel).innerText()
const query = () => Object.fromEntries(new URL(page.url()).searchParams)
const recipeNow = (track: TrackId): Recipe => {
  const p = query()
  return {
    precision: (p.precision ?? 'fp16') as Recipe['precision'], sparsity: Number(p.sparsity ?? 0) / 100,
    pattern: (p.pattern ?? 'unstructured') as Recipe['pattern'], student: p.student ?? TRACKS[track].baseline,
    distill: p.distill === '1', temperature: Number(p.temperature ?? 4),
  }
}
async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}
/** The instrument stays inside the slide and has no horizontal scroll (1280×720). */
async function expectInsideSlide(name: string) {
  const r = await page.evaluate((n) => {
    const s = document.querySelector('#slide-content')!.getBoundingClientRect()
    const el = document.querySelector(`#slide-content [data-instrument="${n}"]`)!
    const i = el.getBoundingClientRect()
    const outside = [...el.querySelectorAll('*')].filter((c) => {
      const b = c.getBoundingClientRect()
      // screen-reader-only fallbacks are clipped to nothing: they never show
      return b.width > 0 && c.closest('.sr-only') === null && (b.right > s.right + 1 || b.bottom > s.bottom + 1)
    }).map((c) => `${c.tagName}.${c.className}`)
    const inner = outside.length === 0
    return { ok: i.left >= s.left - 1 && i.right <= s.right + 1 && i.bottom <= s.bottom + 1 && inner, outside: outside.slice(0, 5), s: s.toJSON(), i: i.toJSON() }
  }, name)
  expect(r.ok, JSON.stringify(r)).toBe(true)
}

describe.each(TRACK_IDS)('instruments B on %s', (track) => {
  it('sparsity workbench: keyboard moves the ratio, mouse tries and picks 2:4; numbers = engine', async () => {
    await open('SparsityWorkbench', track)
    await expectInsideSlide('SparsityWorkbench')
    const slider = q('[data-testid="sparsity-slider"]')
    await slider.focus()
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sparsity') === '30')
    expect(await text('[data-testid="sparsity-value"]')).toBe('30%')
    expect(await text('[data-testid="sparsity-readout"]')).toContain(formatMs(evaluate(track, recipeNow(track)).latencyMs))
    if (part2Target(track) === null) {
      // nothing to hit on this track: no game, the engine's verdict instead
      expect(await text('[data-testid="tries-window"]')).toMatch(/No part-2 target/)
    } else {
      expect(await text('[data-testid="tries-count"]')).toBe('Try 0 / 10') // arrows do not burn tries
      await page.keyboard.press('Enter')
      expect(await text('[data-testid="tries-count"]')).toMatch(/Try 1 \/ 10/)
      await q('[data-testid="restart-button"]').click()
      await q('[data-testid="try-button"]').click()
      expect(await text('[data-testid="tries-count"]')).toBe('Try 1 / 10')
    }

    await q('input[value="2:4"]').click()
    await page.waitForFunction(() => new URL(location.href).searchParams.get('pattern') === '2:4')
    expect(await text('[data-testid="sparsity-value"]')).toBe('50%')
    expect(await slider.isDisabled()).toBe(true)
    const e = evaluate(track, recipeNow(track))
    expect(await text('[data-testid="sparsity-speedup"]')).toContain(`${sig(e.realizedSpeedup, 2)}×`)
    await shot(`sparsity-${track}-2to4`)

    await q('[data-testid="sparsity-precision"] input[value="binary"]').check()
    await page.waitForFunction(() => new URL(location.href).searchParams.get('precision') === 'binary')
    const bin = evaluate(track, recipeNow(track))
    const vetoShown = await q('[data-testid="accuracy-veto"]').isVisible().catch(() => false)
    expect(vetoShown).toBe(bin.accuracy < (await import('../../engine')).accuracyFloor(track))
    await expectInsideSlide('SparsityWorkbench')
    await shot(`sparsity-${track}-binary`)
    expect(errors).toEqual([])
  })

  it('speedup waterfall: the headline and steps are the engine’s', async () => {
    await open('SpeedupWaterfall', track, '&sparsity=50&pattern=unstructured')
    await expectInsideSlide('SpeedupWaterfall')
    const e = evaluate(track, recipeNow(track))
    expect(await text('[data-testid="waterfall-headline"]')).toContain(`${sig(e.realizedSpeedup, 2)}×`)
    const steps = await text('[data-testid="waterfall-steps"]')
    for (const s of e.speedupSteps) expect(steps).toContain(s.name)
    await shot(`waterfall-speedup-${track}`)
    expect(errors).toEqual([])
  })

  it('distillation workbench: opens on a gap; select a student, toggle with Space, slide T with keys; rows = engine', async () => {
    await open('DistillationWorkbench', track)
    await expectInsideSlide('DistillationWorkbench')
    // arriving on the teacher, it opens on the engine's opening student from scratch, and the URL says so
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('student') === id, distillationStudent(track))
    expect(await text('[data-testid="gap-recovered"]')).toMatch(/points? below the teacher/)
    await shot(`distill-${track}-opening`)
    const smallest = [...TRACKS[track].models].sort((a, b) => a.params.value - b.params.value)[0].id
    await q('[data-testid="student-select"]').selectOption(smallest)
    await q('[data-testid="distill-toggle"]').focus()
    await page.keyboard.press('Space')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('distill') === '1')
    await q('[data-testid="temperature-slider"]').focus()
    await page.keyboard.press('ArrowRight') // 4 → 5
    await page.waitForFunction(() => new URL(location.href).searchParams.get('temperature') === '5')
    const r = recipeNow(track)
    expect(r.student).toBe(smallest)
    const d = evaluate(track, r)
    expect(await text('[data-row="distilled"]')).toContain(`${sig(d.accuracy)}`)
    expect(await text('[data-row="distilled"]')).toContain(formatJoules(d.energyPerInferenceJ))
    // the lock is not revealed in this browser: its answer cannot be read early on the workbench
    expect(await q('[data-testid="answer-toggle"]').count()).toBe(0)
    expect(await text('[data-testid="answer-later"]')).toMatch(/once the prediction is revealed/)
    await expectInsideSlide('DistillationWorkbench')
    await shot(`distill-${track}`)
    expect(errors).toEqual([])
  })

  it('stakeholder challenge: lock in a reference, move to a smaller student; verdict = engine', async () => {
    await open('StakeholderChallenge', track, '&precision=int8')
    await expectInsideSlide('StakeholderChallenge')
    await q('[data-testid="lock-reference"]').click()
    const reference = recipeNow(track)
    const smallest = [...TRACKS[track].models].sort((a, b) => a.params.value - b.params.value)[0].id
    await q('[data-testid="student-select"]').selectOption(smallest)
    await q('[data-testid="distill-toggle"]').check()
    await page.waitForFunction(() => new URL(location.href).searchParams.get('distill') === '1')
    const res = challenge(track, recipeNow(track), reference)
    expect(await text('[data-testid="challenge-verdict"]')).toContain(res.pass ? 'PASS' : 'FAIL')
    expect(await text('[data-testid="reference-energy"]')).toBe(formatJoules(res.referenceJ))
    await shot(`challenge-${track}`)
    expect(errors).toEqual([])
  })

  it('ledger: every check as the engine says; the Markdown download is the contract', async () => {
    await open('SiliconLedger', track, '&precision=int4')
    await expectInsideSlide('SiliconLedger')
    const e = evaluate(track, recipeNow(track))
    for (const c of e.checks) {
      const row = await text(`[data-check="${c.name}"]`)
      expect(row).toContain(formatValue(c.value, c.unit, TRACKS[track].units.bytes))
      expect(row).toContain(verdictWord(c)) // PASS, FAIL, or VETO for the accuracy floor
    }
    const [download] = await Promise.all([page.waitForEvent('download'), q('[data-testid="download-md"]').click()])
    expect(download.suggestedFilename()).toBe(`silicon-contract-${track}.md`)
    const path = await download.path()
    const md = readFileSync(path, 'utf8')
    expect(md).toContain(`# The Silicon Contract — ${TRACKS[track].name}`)
    for (const c of e.checks) expect(md).toContain(`| ${c.name} |`)
    await shot(`ledger-${track}`)
    await q('[data-testid="recipe-reset"]').click()
    await page.waitForFunction(() => new URL(location.href).searchParams.get('precision') === 'fp16')
    expect(errors).toEqual([])
  })
})
