// Input-to-paint latency of the instruments in the built deck, in Chromium. For each control, set a new value and take
// two times, in each of two ways of timing the input:
// - at the start of a frame (the budget's figure): Chromium delivers a slider drag's input events aligned to frames, just
//   before the frame's animation callbacks, so the work they cause lands in that frame. The input is set in an animation
//   callback; "update" = until Vue's re-render and the charts' redraw have run (the microtasks after the input), and
//   "painted" = until that frame was drawn (the first task after it: style, layout, paint and commit included). This is
//   the input's own work on the main thread, which must fit one 60 fps frame with room to spare (p95 <= 12 ms).
// - at a random moment: "painted" = until just after the next frame was drawn (rAF, then a macrotask), which also holds
//   the wait for that frame's vsync (0 to 16.7 ms at 60 Hz, whatever the work): what a click waits, shown for reference.
// Usage: npm run build && npm run bench:ui [-- DIST]   (state the machine's load beside the numbers: `uptime`)
import { availableParallelism, loadavg } from 'node:os'
import { preview } from 'vite'
import { launchChromium, slidesWith } from '../tests/e2e/deck'

const dist = process.argv[2] ?? 'dist'
const ROUNDS = 40

const server = await preview({ configFile: false, logLevel: 'warn', build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0 } })
const base = server.resolvedUrls!.local[0].replace(/\/$/, '')
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
// tsx compiles this file with esbuild's keepNames, which wraps the functions we send to the page in a `__name` helper
await page.addInitScript('window.__name = (f) => f')

interface Times { update: number; painted: number; nextVsync: number }

/** Sets `values` in turn on the visible control matching `selector` and times each input-to-painted-frame. */
async function time(slideTag: string, selector: string, values: string[]): Promise<Times[]> {
  const [n] = await slidesWith(slideTag)
  await page.goto(`${base}/${n}`, { waitUntil: 'networkidle' })
  await page.waitForTimeout(4000) // Slidev preloads every slide after 3 s: measure with all of them mounted, as in class
  return page.evaluate(async ({ selector, values, rounds }) => {
    const el = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(selector)].find((e) => e.checkVisibility())
    if (!el) throw new Error(`no visible ${selector}`)
    const set = (i: number) => {
      if (el instanceof HTMLInputElement && el.type === 'checkbox') {
        el.click()
      } else if (el instanceof HTMLSelectElement) {
        el.value = el.options[i % el.options.length].value
        el.dispatchEvent(new Event('change', { bubbles: true }))
      } else if (el instanceof HTMLInputElement && el.type === 'radio') {
        const radios = [...document.querySelectorAll<HTMLInputElement>(`input[name="${el.name}"]`)].filter((r) => r.checkVisibility())
        radios[i % radios.length].click()
      } else {
        el.value = values[i % values.length]
        el.dispatchEvent(new Event('input', { bubbles: true }))
        el.dispatchEvent(new Event('change', { bubbles: true }))
      }
    }
    const macrotask = () => new Promise<void>((ok) => setTimeout(ok, 0))
    const microtasks = () => new Promise<void>((ok) => queueMicrotask(ok)) // queued after Vue's flush of the input's changes
    const nextFrame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()))
    const out: Times[] = []
    for (let i = 0; i < rounds; i++) {
      // at the start of a frame: the input, its re-render and redraw, and the paint of that same frame
      await nextFrame()
      let t0 = performance.now()
      set(2 * i)
      const afterFrame = macrotask() // the first task after this frame: runs once it is drawn
      await microtasks()
      const update = performance.now() - t0
      await afterFrame
      const painted = performance.now() - t0
      await new Promise((ok) => setTimeout(ok, 50)) // let the debounced URL write settle between changes
      // at a random moment: until the next frame is drawn, vsync wait included
      t0 = performance.now()
      set(2 * i + 1)
      await new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)))
      out.push({ update, painted, nextVsync: performance.now() - t0 })
      await new Promise((ok) => setTimeout(ok, 50))
    }
    return out
  }, { selector, values, rounds: ROUNDS })
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]
// Every recipe control of the three workbenches and the stakeholder's challenge. The first five change readouts and at
// most move your point on a chart, which is redrawn (the two drags, part 1's precision, part 2's pattern, the challenge's
// precision); the last three change a chart's curves, and chart.js lays it out again (update()).
const cases: [string, string, string, string[]][] = [
  ['precision radio (quantization workbench)', '<QuantizationWorkbench', '[data-instrument="QuantizationWorkbench"] input[type=radio]', []],
  ['pruning-ratio slider (sparsity workbench)', '<SparsityWorkbench', '[data-instrument="SparsityWorkbench"] input[type=range]', ['10', '35', '60', '85', '20', '50']],
  ['temperature slider (distillation workbench)', '<DistillationWorkbench', '[data-instrument="DistillationWorkbench"] input[type=range]', ['2', '4', '8', '12', '16', '3']],
  ['pattern radio (sparsity workbench)', '<SparsityWorkbench', '[data-testid="sparsity-pattern"] input[type=radio]', []],
  ['precision radio (stakeholder challenge)', '<StakeholderChallenge', '[data-testid="challenge-precision"] input[type=radio]', []],
  ['precision radio (sparsity workbench)', '<SparsityWorkbench', '[data-testid="sparsity-precision"] input[type=radio]', []],
  ['student select (distillation workbench)', '<DistillationWorkbench', '[data-testid="student-select"]', []],
  ['distillation toggle (distillation workbench)', '<DistillationWorkbench', '[data-testid="distill-toggle"]', []],
]
console.log(`${ROUNDS} changes per control and way, Chromium ${browser.version()}, ${dist}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`)
for (const [name, tag, selector, values] of cases) {
  const t = await time(tag, selector, values)
  const line = (k: keyof Times) => `${pct(t.map((x) => x[k]), 0.5).toFixed(1)} / ${pct(t.map((x) => x[k]), 0.95).toFixed(1)}`
  console.log(`${name.padEnd(46)} frame-aligned: update p50/p95 ${line('update')} ms, painted ${line('painted')} ms   `
    + `random moment: next frame painted ${line('nextVsync')} ms`)
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
await browser.close()
await server.close()
