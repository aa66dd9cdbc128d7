// npm run bench: evaluate() throughput and the time of a whole-track sweep and of paretoFrontier, cold (caches off),
// and a full sweep of all four tracks against a quarter of a 60 fps frame. Run through bench/run.mjs (the engine as shipped).
import { performance } from 'node:perf_hooks'
import os from 'node:os'
import { baselineRecipe, evaluate, paretoFrontier, sweep, TRACK_IDS, TRACKS, type Recipe } from '../engine'
import { resetCaches } from '../engine/memo' // bench only: measure cold sweeps

const FRAME_MS = 1000 / 60
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
/** CPU time of this process in ms around fn (robust when other jobs share the cores) and wall time */
function timed<T>(fn: () => T): { value: T; cpu: number; wall: number } {
  const c0 = process.cpuUsage(), w0 = performance.now()
  const value = fn()
  const c = process.cpuUsage(c0)
  return { value, cpu: (c.user + c.system) / 1000, wall: performance.now() - w0 }
}

function evaluateRate(): { wall: number; cpu: number } {
  const recipes: [typeof TRACK_IDS[number], Recipe][] = []
  for (const t of TRACK_IDS) for (const p of ['fp16', 'int8', 'int4', 'binary'] as const) for (const s of [0, 0.3, 0.7])
    recipes.push([t, { ...baselineRecipe(t), precision: p, sparsity: s, student: TRACKS[t].models.at(-1)!.id, distill: s > 0.5 }])
  let n = 0
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  while (performance.now() - t0 < 1000) for (const [t, r] of recipes) { evaluate(t, r); n++ }
  const c = process.cpuUsage(c0)
  return { wall: n / ((performance.now() - t0) / 1000), cpu: n / ((c.user + c.system) / 1e6) }
}

function main() {
  for (let i = 0; i < 2000; i++) evaluate('cloud', baselineRecipe('cloud')) // warm up the JIT
  for (let i = 0; i < 5; i++) for (const t of TRACK_IDS) { resetCaches(); paretoFrontier(t) }
  const rate = evaluateRate()
  console.log(`evaluate(): ${Math.round(rate.wall).toLocaleString('en-US')} calls/s wall, ${Math.round(rate.cpu).toLocaleString('en-US')} calls per CPU-second`)
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores; cold = memo caches emptied; times in ms`)
  const all: number[] = []
  for (let rep = 0; rep < 21; rep++) {
    all.push(timed(() => {
      for (const t of TRACK_IDS) {
        resetCaches()
        sweep(t)
      }
    }).wall)
  }
  const allMin = Math.min(...all)
  console.log(`all four tracks, cold sweep: min ${allMin.toFixed(2)} ms, median ${median(all).toFixed(2)} ms; a quarter of a frame is ${(FRAME_MS / 4).toFixed(2)} ms: ${allMin < FRAME_MS / 4 ? 'within' : 'OVER'}`)
  console.log('track   configs  sweep wall min/median  sweep CPU median  frontier wall min/median  frontier CPU median  points  cached  < 1 frame (16.7 ms)')
  for (const t of TRACK_IDS) {
    const sw: ReturnType<typeof timed>[] = [], fr: ReturnType<typeof timed>[] = []
    for (let rep = 0; rep < 21; rep++) {
      resetCaches(); sw.push(timed(() => sweep(t).length))
      resetCaches(); fr.push(timed(() => paretoFrontier(t).length))
    }
    const cached = timed(() => paretoFrontier(t)).wall
    const f = (xs: number[]) => `${Math.min(...xs).toFixed(2)}/${median(xs).toFixed(2)}`
    const frCpu = median(fr.map((x) => x.cpu))
    console.log(`${t.padEnd(7)} ${String(sw[0].value).padStart(7)}  ${f(sw.map((x) => x.wall)).padStart(21)}  ${median(sw.map((x) => x.cpu)).toFixed(2).padStart(16)}  ${f(fr.map((x) => x.wall)).padStart(24)}  ${frCpu.toFixed(2).padStart(19)}  ${String(fr[0].value).padStart(6)}  ${cached.toFixed(3).padStart(6)}  ${Math.min(...fr.map((x) => x.wall)) < FRAME_MS ? 'yes' : 'NO'}`)
  }
}
main()
