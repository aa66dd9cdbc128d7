// `npm run build && npm run bench:follow [-- --students N] [--rounds R] [--dist DIR]`: how long a following student's deck
// takes to show the presenter's slide, in a live class on this machine. Builds nothing: serves DIR (default dist/) with
// the class service (as `npm run class` does, fresh data folder), opens a presenter and N students (default 10, on the four
// tracks in turn: eleven decks, as in the rehearsal of issue 19) in Debian's Chromium, each in a context of its own at the
// projector's 1280×720. The presenter signs in, then, for each chart-heavy slide (the quantization workbench, the sparsity
// workbench, the part-1 Pareto plot), moves R times (default 12) from the slide before it to it (→) and back (←).
// For every move and student: "shown" = the presenter's key press until the student's deck is on the slide (its URL), and
// "painted" = until the first frame (rAF) at which the student's slide is visible with every canvas on it drawn (a pixel
// that is not transparent), i.e. the chart is on screen. Both are one clock (same machine, timeOrigin + now). Also the
// main-thread long tasks (> 50 ms) on the student's page within that window: their sum and the longest.
// Prints p50/p95 per slide and direction; a slide's first visit (the deck loads it) apart from the moves back to it.
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { startClassServer } from '../server/app.ts'
import { DEFAULT_POLLS } from '../server/defaultPolls.ts'
import { launchChromium, slidesWith } from '../tests/e2e/deck'

const { values: opt } = parseArgs({ options: {
  students: { type: 'string', default: '10' }, rounds: { type: 'string', default: '12' }, dist: { type: 'string', default: 'dist' },
} })
const N = Number(opt.students)
const ROUNDS = Number(opt.rounds)
if (!Number.isInteger(N) || N < 1 || N > 60) throw new Error('--students must be an integer 1..60')
if (!Number.isInteger(ROUNDS) || ROUNDS < 2) throw new Error('--rounds must be an integer ≥ 2 (the first visit, then the moves back)')
const TRACKS = ['cloud', 'edge', 'mobile', 'tiny']
const TIMEOUT_MS = 20_000

const secret = 'bench-' + Math.random().toString(36).slice(2)
const dataDir = mkdtempSync(join(tmpdir(), 'follow-bench-'))
const server = await startClassServer({ secret, dataDir, polls: DEFAULT_POLLS, staticDir: resolve(opt.dist), port: 0, host: '127.0.0.1' })
const browser = await launchChromium()

/** In every page before the deck loads: long tasks as they happen, and `__followProbe(no)`, which starts a rAF watch
 *  that records when this deck is on slide `no` and when that slide is painted with its charts drawn. */
function probe(): void {
  const w = window as unknown as Record<string, unknown>
  const now = () => performance.timeOrigin + performance.now()
  const longTasks: { start: number; duration: number }[] = []
  w.__longTasks = longTasks
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch { /* no long-task timing */ }
  const drawn = (c: HTMLCanvasElement) => {
    if (!c.width || !c.height || !c.checkVisibility()) return false
    const ctx = c.getContext('2d')
    if (!ctx) return false
    const px = ctx.getImageData(0, 0, c.width, c.height).data
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true
    return false
  }
  w.__followProbe = (no: number) => {
    const r: { shown?: number; painted?: number } = {}
    w.__followResult = r
    const tick = () => {
      if (w.__followResult !== r) return
      const onSlide = Number(location.pathname.split('/').filter(Boolean).at(-1) ?? 1) === no
      if (onSlide) {
        r.shown ??= now()
        const page = [...document.querySelectorAll<HTMLElement>(`[data-slidev-no="${no}"]`)].find((e) => e.checkVisibility())
        const content = page?.querySelector('.slidev-layout')
        if (page && content && content.childElementCount > 0) {
          const canvases = [...page.querySelectorAll('canvas')]
          if (canvases.every(drawn)) { r.painted = now(); return }
        }
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  }
}

async function person(path: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await ctx.newPage()
  // tsx compiles this file with esbuild's keepNames, which wraps the functions we send to the page in a `__name` helper
  await page.addInitScript('window.__name = (f) => f')
  await page.addInitScript(probe)
  await page.goto(server.url + path)
  return page
}

const slideOf = async (tag: string) => {
  const [n] = await slidesWith(tag)
  if (!n) throw new Error(`no slide with ${tag}`)
  return n
}
const targets: [string, number][] = [
  ['quantization workbench', await slideOf('<QuantizationWorkbench')],
  ['sparsity workbench', await slideOf('<SparsityWorkbench')],
  ['Pareto plot (part 1)', await slideOf('<ParetoFrontierPlot :part="1"')],
]

const students: Page[] = []
for (let i = 0; i < N; i++) students.push(await person(`/1?track=${TRACKS[i % TRACKS.length]}`))
const presenter = await person('/presenter/1')
await presenter.locator('.presenter-secret input[type="password"]').fill(secret)
await presenter.locator('.presenter-secret button[type="submit"]').click()
await presenter.locator('[data-testid="class-chip"]', { hasText: 'students follow your slide' }).waitFor()
// the presenter's own key press is the start of every move
await presenter.evaluate(() => {
  const w = window as unknown as Record<string, unknown>
  addEventListener('keydown', (e) => { w.__t0 = performance.timeOrigin + e.timeStamp }, { capture: true })
})

const presenterAt = () => Number(new URL(presenter.url()).pathname.split('/').filter(Boolean).at(-1))
/** Presenter keys its way to `no` (students follow; not timed), then everyone settles. */
async function walkTo(no: number): Promise<void> {
  while (presenterAt() !== no) {
    await presenter.keyboard.press(presenterAt() < no ? 'ArrowRight' : 'ArrowLeft')
    await presenter.waitForTimeout(40)
  }
  for (const s of students) await s.waitForURL((u) => u.pathname.endsWith(`/${no}`), { timeout: TIMEOUT_MS })
  await presenter.waitForTimeout(1500)
}

interface Sample { shown: number; painted: number; longSum: number; longMax: number }
/** One timed move of the presenter (one key) to slide `no`; every student's figures. */
async function move(key: 'ArrowRight' | 'ArrowLeft', no: number): Promise<Sample[]> {
  for (const s of students) await s.evaluate((n) => (window as unknown as { __followProbe: (n: number) => void }).__followProbe(n), no)
  await presenter.keyboard.press(key)
  const t0 = await presenter.evaluate(() => (window as unknown as { __t0: number }).__t0)
  const out: Sample[] = []
  for (const s of students) {
    await s.waitForFunction(() => (window as unknown as { __followResult: { painted?: number } }).__followResult.painted, null, { timeout: TIMEOUT_MS, polling: 50 })
    out.push(await s.evaluate((t0) => {
      const w = window as unknown as { __followResult: { shown: number; painted: number }; __longTasks: { start: number; duration: number }[] }
      const r = w.__followResult
      const tasks = w.__longTasks.filter((t) => t.start + t.duration > t0 && t.start < r.painted)
      return { shown: r.shown - t0, painted: r.painted - t0, longSum: tasks.reduce((a, t) => a + t.duration, 0), longMax: Math.max(0, ...tasks.map((t) => t.duration)) }
    }, t0))
  }
  await presenter.waitForTimeout(600) // the room settles before the next move
  return out
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]
const fmt = (xs: number[]) => `${pct(xs, 0.5).toFixed(0).padStart(5)} / ${pct(xs, 0.95).toFixed(0).padStart(5)}`
console.log(`${N} students + presenter, ${ROUNDS} moves each way per slide, Chromium ${browser.version()}, ${cpus().length} CPUs (load ${loadavg()[0].toFixed(1)}), ${opt.dist}`)
console.log(`${'move'.padEnd(44)} ${'shown p50 / p95'.padStart(16)} ${'painted p50 / p95'.padStart(18)} ${'long tasks Σ p50 / p95'.padStart(23)} ${'longest p50 / p95'.padStart(18)}   ms`)
const report = (name: string, xs: Sample[]) => console.log(`${name.padEnd(44)} ${fmt(xs.map((x) => x.shown)).padStart(16)} ${fmt(xs.map((x) => x.painted)).padStart(18)} `
  + `${fmt(xs.map((x) => x.longSum)).padStart(23)} ${fmt(xs.map((x) => x.longMax)).padStart(18)}`)
try {
  for (const [name, no] of targets) {
    await walkTo(no - 1)
    const first = await move('ArrowRight', no) // the deck's first visit: it loads the slide
    const back = await move('ArrowLeft', no - 1)
    const to: Sample[] = []
    for (let i = 1; i < ROUNDS; i++) {
      to.push(...await move('ArrowRight', no))
      back.push(...await move('ArrowLeft', no - 1))
    }
    report(`→ ${name} (${no}), first visit`, first)
    report(`→ ${name} (${no}), again`, to)
    report(`← back to the plain slide ${no - 1}`, back)
  }
} finally {
  await browser.close()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
}
