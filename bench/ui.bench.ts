// Input-to-paint latency of the instruments in the built deck, in Chromium. For each control, set a new value and take
// two times: "update" = input until Vue's re-render and the charts' redraw have run (a macrotask after the input's
// microtasks), and "painted" = input until just after the next frame was drawn (rAF, then a macrotask), which also
// includes waiting for that frame's vsync (up to 16.7 ms at 60 Hz).
// Usage: npm run build && npm run bench:ui [-- DIST]   (budget: one 60 fps frame, 16.7 ms, on a laptop-class CPU)
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

/** Sets `values` in turn on the visible control matching `selector` and times each input-to-painted-frame. */
async function time(slideTag: string, selector: string, values: string[]): Promise<{ update: number; painted: number }[]> {
  const [n] = await slidesWith(slideTag)
  await page.goto(`${base}/${n}`, { waitUntil: 'networkidle' })
  await page.waitForTimeout(4000) // Slidev preloads every slide after 3 s: measure with all of them mounted, as in class
  return page.evaluate(async ({ selector, values, rounds }) => {
    const el = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(selector)].find((e) => e.checkVisibility())
    if (!el) throw new Error(`no visible ${selector}`)
    const macrotask = () => new Promise<void>((ok) => setTimeout(ok, 0))
    const painted = () => new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)))
    const out: { update: number; painted: number }[] = []
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now()
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        const radios = [...document.querySelectorAll<HTMLInputElement>(`input[name="${el.name}"]`)].filter((r) => r.checkVisibility())
        radios[i % radios.length].click()
      } else {
        el.value = values[i % values.length]
        el.dispatchEvent(new Event('input', { bubbles: true }))
        el.dispatchEvent(new Event('change', { bubbles: true }))
      }
      await macrotask()
      const update = performance.now() - t0
      await painted()
      out.push({ update, painted: performance.now() - t0 })
      await new Promise((ok) => setTimeout(ok, 50)) // let the debounced URL write settle between changes
    }
    return out
  }, { selector, values, rounds: ROUNDS })
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]
const cases: [string, string, string, string[]][] = [
  ['precision radio (quantization workbench)', '<QuantizationWorkbench', '[data-instrument="QuantizationWorkbench"] input[type=radio]', []],
  ['pruning-ratio slider (sparsity workbench)', '<SparsityWorkbench', '[data-instrument="SparsityWorkbench"] input[type=range]', ['10', '35', '60', '85', '20', '50']],
  ['temperature slider (distillation workbench)', '<DistillationWorkbench', '[data-instrument="DistillationWorkbench"] input[type=range]', ['2', '4', '8', '12', '16', '3']],
]
console.log(`${ROUNDS} changes per control, Chromium ${browser.version()}, ${dist}`)
for (const [name, tag, selector, values] of cases) {
  const t = await time(tag, selector, values)
  const u = t.map((x) => x.update)
  const p = t.map((x) => x.painted)
  console.log(`${name.padEnd(46)} update p50 ${pct(u, 0.5).toFixed(1)} / p95 ${pct(u, 0.95).toFixed(1)} ms   `
    + `painted p50 ${pct(p, 0.5).toFixed(1)} / p95 ${pct(p, 0.95).toFixed(1)} ms`)
}
await browser.close()
await server.close()
