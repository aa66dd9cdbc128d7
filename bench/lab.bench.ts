// npm run bench:lab — how long the lab's measurements take on this machine (Node; the browser's V8 is similar).
import { accuracy, pruneModel, quantizeModel, runToEnd } from '../lab'
import { distillationJob, kernelsJob, lab, pruningJob, quantizationJob } from '../lab/jobs'

const ms = (t0: number) => performance.now() - t0
const best = (n: number, f: () => void) => Math.min(...Array.from({ length: n }, () => {
  const t0 = performance.now()
  f()
  return ms(t0)
}))

let t0 = performance.now()
const { data, teacher } = lab()
console.log(`setup (dataset ${data.train.n}+${data.test.n} rows + teacher decode): ${ms(t0).toFixed(0)} ms`)
console.log(`one quantized config (INT4: quantize + ${data.test.n}-row test eval): ${best(5, () => accuracy(quantizeModel(teacher, 4), data.test)).toFixed(1)} ms`)
console.log(`one pruned config (50% unstructured: prune + eval): ${best(5, () => accuracy(pruneModel(teacher, { pattern: 'unstructured', sparsity: 0.5 }), data.test)).toFixed(1)} ms`)
console.log(`one pruned config (2:4: prune + eval): ${best(5, () => accuracy(pruneModel(teacher, { pattern: '2:4' }), data.test)).toFixed(1)} ms`)
t0 = performance.now(); runToEnd(quantizationJob()); console.log(`quantization sweep (FP32, 8, 4, 2, 1 bits): ${ms(t0).toFixed(0)} ms`)
t0 = performance.now(); runToEnd(pruningJob()); console.log(`pruning sweep (0–90% + 2:4): ${ms(t0).toFixed(0)} ms`)
for (const hidden of [8, 16, 32]) {
  t0 = performance.now()
  const r = runToEnd(distillationJob({ hidden, temperature: 4 }))
  const fp = r.rows[0]
  console.log(`distill student 32-${hidden}-12 (scratch + KD at T=4, then 4 quantizations): ${ms(t0).toFixed(0)} ms; `
    + `scratch ${(100 * fp.scratch).toFixed(1)}%, distilled ${(100 * fp.distilled).toFixed(1)}%, teacher ${(100 * r.teacherAccuracy).toFixed(1)}%`)
}
for (const scale of [1, 4]) {
  for (const sparsity of [0.1, 0.5, 0.9]) {
    t0 = performance.now()
    const r = runToEnd(kernelsJob({ sparsity, scale }))
    const cells = r.timings.map((t) => `${t.format}${t.format === 'CSR' ? `@${sparsity}` : ''} ${(t.nsPerCall / 1000).toFixed(1)} µs (${t.speedup.toFixed(2)}× vs 1/(1−s) = ${t.theoretical.toFixed(2)}×)`)
    console.log(`kernels ×${scale} [${r.shapes.map((s) => s.join('×')).join(', ')}] s=${sparsity}: ${cells.join(' | ')}  [job ${ms(t0).toFixed(0)} ms]`)
  }
}
