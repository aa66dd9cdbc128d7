// Properties over the whole input space (fast-check).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { accuracyVsBits, bestTemperature, evaluate, gridOf, PATTERN, SPARSITY, TEMPERATURE, TRACK_IDS, TRACKS, baselineRecipe } from '../../engine'
import { SPECS } from '../../engine/tracks'
import { arbCase, numbers } from './arb'

const RUNS = { numRuns: 400 }

describe('properties of evaluate()', () => {
  it('every output number is finite', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      expect(numbers(evaluate(track, recipe)).every(Number.isFinite)).toBe(true)
    }), RUNS)
  })
  it('accuracy never rises as bits fall (fp16 → int8 → int4 → binary)', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const rows = accuracyVsBits(track, recipe)
      for (let i = 1; i < rows.length; i++) expect(rows[i].accuracy).toBeLessThanOrEqual(rows[i - 1].accuracy + 1e-9)
    }), RUNS)
  })
  it('accuracy is smooth in sparsity (no jump: no 1% step carries more than a sixth of the whole fall to 90%) and never rises', () => {
    // A jump puts a large share of a curve's fall into one slider step; the published curves the engine follows (Wanda,
    // SparseGPT, HALP, Gale et al.) fall over tens of points of sparsity. A linear fall puts 1/90 of it in each step; the
    // steepest curve in the engine (a distilled Llama-3-8B at FP16, at 89→90%) puts 13% in one. A whole-curve check,
    // unlike the absolute bound per step it replaces ("< 2 points", which allowed a 180-point fall across the slider).
    // Falls under a hundredth of a point are below every readout's digits.
    const steps = gridOf(SPARSITY.min, SPARSITY.max, SPARSITY.sliderStep)
    fc.assert(fc.property(arbCase, fc.constantFrom(...PATTERN.values.filter((p) => p !== '2:4')), ({ track, recipe }, pattern) => {
      const acc = steps.map((sparsity) => evaluate(track, { ...recipe, pattern, sparsity }).accuracy)
      const whole = acc[0] - acc[acc.length - 1]
      for (let i = 1; i < acc.length; i++) {
        expect(acc[i]).toBeLessThanOrEqual(acc[i - 1] + 1e-9)
        expect(acc[i - 1] - acc[i]).toBeLessThanOrEqual(Math.max(whole / 6, 0.01))
      }
    }), { numRuns: 60 })
  })
  it('realized speedup ≤ theoretical speedup, and the waterfall ends at the realized value', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const e = evaluate(track, recipe)
      expect(e.realizedSpeedup).toBeLessThanOrEqual(e.theoreticalSpeedup * (1 + 1e-9))
      expect(e.speedupSteps.at(-1)!.speedupAfter).toBeCloseTo(e.realizedSpeedup, 12)
      expect(e.theoreticalSpeedup).toBeGreaterThanOrEqual(1 - 1e-9)
    }), RUNS)
  })
  it('latency never beats the roofline floor', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const e = evaluate(track, recipe)
      expect(e.latencyMs).toBeGreaterThanOrEqual(e.latencyFloorMs)
      expect(e.latencyFloorMs).toBeGreaterThan(0)
      // and never beats moving the stored weights once at the fastest bandwidth the machine has
      const fastest = Math.max(...TRACKS[track].machine.levels.map((l) => l.bandwidthBps.value))
      expect(e.latencyMs).toBeGreaterThanOrEqual(((e.memory.weightsBytes + e.memory.metadataBytes) / fastest) * 1000)
    }), RUNS)
  })
  it('the memory parts add up and `fits` agrees with the capacity (MCUs: the activation arena must fit SRAM)', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const m = evaluate(track, recipe).memory
      expect(m.metadataBytes).toBeCloseTo(m.quantMetadataBytes + m.sparseMetadataBytes, 3)
      expect(m.totalBytes).toBeCloseTo(m.weightsBytes + m.metadataBytes + m.activationsBytes + m.kvCacheBytes, 0)
      const mcu = TRACKS[track].machine.fitLevel === 'SRAM'
      expect(m.fits).toBe(mcu ? m.activationsBytes <= m.capacityBytes : m.totalBytes <= m.capacityBytes)
      if (mcu) {
        expect(m.activationsLevel).toBe('SRAM') // activations never spill to flash
        expect(m.onChipBytes).toBeLessThanOrEqual(m.capacityBytes)
      }
      expect(evaluate(track, recipe).checks.find((c) => c.name === 'memory')!.pass).toBe(m.fits)
    }), RUNS)
  })
  it('realized speed is continuous in the pruning ratio (no format cliff) while the placement stays the same', () => {
    fc.assert(fc.property(arbCase, fc.double({ min: 0, max: 0.899, noNaN: true }), ({ track, recipe }, s) => {
      const a = evaluate(track, { ...recipe, pattern: 'unstructured', sparsity: s })
      const b = evaluate(track, { ...recipe, pattern: 'unstructured', sparsity: s + 0.001 })
      const samePlace = a.memory.weightsLevel === b.memory.weightsLevel && a.memory.activationsLevel === b.memory.activationsLevel && a.memory.fits === b.memory.fits
      if (samePlace) expect(Math.abs(a.latencyMs - b.latencyMs) / a.latencyMs).toBeLessThan(0.01)
    }), RUNS)
  })
  it('distillation never lifts a student above its teacher, and never hurts', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const on = evaluate(track, { ...recipe, distill: true })
      const off = evaluate(track, { ...recipe, distill: false })
      expect(on.accuracy).toBeLessThanOrEqual(TRACKS[track].baselineAccuracy + 1e-9)
      expect(on.accuracy).toBeGreaterThanOrEqual(off.accuracy - 1e-9)
    }), RUNS)
  })
  it('binding names the first failing check, or is null when all pass', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const e = evaluate(track, recipe)
      expect(e.binding).toBe(e.checks.find((c) => !c.pass)?.name ?? null)
    }), RUNS)
  })
})

describe('distillation temperature depends on the student\'s capacity (Hinton et al. 2015 §3)', () => {
  // Hinton's MNIST nets: teacher 2 × 1,200 units; students 2 × 300 (all T ≥ 8 about equal) and 2 × 30 (T 2.5-4 best)
  const mlp = (h: number) => 784 * h + h + h * h + h + h * 10 + 10
  const SMALL = mlp(30) / mlp(1200), LARGE = mlp(300) / mlp(1200)
  for (const t of TRACK_IDS) {
    const teacher = TRACKS[t].models.find((m) => m.id === TRACKS[t].baseline)!
    for (const m of TRACKS[t].models) {
      if (m.id === TRACKS[t].baseline) continue
      const acc = (temperature: number) => evaluate(t, { ...baselineRecipe(t), student: m.id, distill: true, temperature }).accuracy
      const c = m.params.value / teacher.params.value
      const tBest = bestTemperature(t, m.id)
      const scratch = evaluate(t, { ...baselineRecipe(t), student: m.id }).accuracy
      const preDistilled = SPECS[t].models.find((x) => x.id === m.id)!.preDistilled === true
      if (preDistilled) {
        it(`${t} ${m.name} (already distilled): distilling again closes no gap at any temperature, and its best T is the default`, () => {
          for (const T of gridOf(TEMPERATURE.min, TEMPERATURE.max, TEMPERATURE.sliderStep)) expect(acc(T), `T = ${T}`).toBe(scratch)
          expect(tBest).toBe(TEMPERATURE.default)
        })
        continue
      }
      it(`${t} ${m.name} (${(c * 100).toPrecision(2)}% of the teacher): flat when large, a moderate optimum when small`, () => {
        expect(acc(tBest)).toBeGreaterThan(scratch)
        if (c >= LARGE) {
          // Hinton's ≥ 300-unit nets (all T above 8 alike); ImageNet KD/DKD measure their gain at T = 1: flat
          for (const T of [1, 4, 8, 20]) expect(acc(T)).toBeCloseTo(acc(tBest), 9)
          return
        }
        // smaller students peak at a moderate T and fall off on both sides
        expect(acc(tBest)).toBeGreaterThan(acc(1))
        expect(acc(tBest)).toBeGreaterThan(acc(20))
        expect(tBest).toBeGreaterThanOrEqual(2.5)
        expect(tBest).toBeLessThanOrEqual(c <= SMALL ? 4 : 8) // Hinton's 30-unit net: T 2.5-4
      })
    }
  }
})

describe('lessons that must hold everywhere', () => {
  it('larger models lose no more of their margin to INT4 than smaller ones (same track)', () => {
    for (const t of TRACK_IDS) {
      const lossAt4 = TRACKS[t].models.map((m) => {
        const r = { ...baselineRecipe(t), student: m.id }
        const fp = evaluate(t, r).accuracy
        return { params: m.params.value, loss: (fp - evaluate(t, { ...r, precision: 'int4' }).accuracy) / fp }
      }).sort((a, b) => b.params - a.params)
      // MobileNet-v2 is the documented exception (depthwise, anchored to its own published PTQ figure): compare ResNets/LLMs/DS-CNNs
      const same = lossAt4.filter((_, i) => !(t === 'edge' || t === 'mobile') || TRACKS[t].models.slice().sort((a, b) => b.params.value - a.params.value)[i].id !== 'mobilenetv2')
      for (let i = 1; i < same.length; i++) expect(same[i].loss).toBeGreaterThanOrEqual(same[i - 1].loss - 1e-12)
    }
  })
  // GPUs run unstructured sparsity as Flash-LLM does (a 16-bit position per kept value): at ≤ 50% it moves no fewer
  // bytes than dense, so nothing is gained (Gale et al. SC20; Flash-LLM ≈ 1.0× at 50-60%). The MCU's compressed weights
  // and the mobile NPU's zero-skipping are the tracks where moderate sparsity does pay.
  it('moderate unstructured sparsity (≤ 50%) gains at most SpInfer\'s measured 1.05× on the GPUs while the weights stay in the same memory level', () => {
    fc.assert(fc.property(arbCase.filter(({ track }) => track === 'cloud' || track === 'edge'), fc.double({ min: 0, max: 0.5, noNaN: true }), ({ track, recipe }, s) => {
      const dense = evaluate(track, { ...recipe, pattern: 'unstructured', sparsity: 0 })
      const sparse = evaluate(track, { ...recipe, pattern: 'unstructured', sparsity: s })
      // a smaller model that now fits a faster level (SRAM instead of flash) is a placement effect, not a sparse speedup
      if (sparse.memory.weightsLevel === dense.memory.weightsLevel && sparse.memory.activationsLevel === dense.memory.activationsLevel)
        expect(sparse.latencyMs).toBeGreaterThanOrEqual(dense.latencyMs / 1.05)
    }), RUNS)
  })
  it('channel pruning never slows a model down, and on a compute-bound GPU pays less than the work it removes (HALP)', () => {
    fc.assert(fc.property(arbCase, fc.double({ min: 0.01, max: 0.9, noNaN: true }), ({ track, recipe }, s) => {
      const dense = evaluate(track, { ...recipe, pattern: 'unstructured', sparsity: 0 })
      const ch = evaluate(track, { ...recipe, pattern: 'channels', sparsity: s })
      expect(ch.latencyMs).toBeLessThanOrEqual(dense.latencyMs * (1 + 1e-9))
      expect(ch.memory.weightsBytes).toBeLessThan(dense.memory.weightsBytes)
      if (track === 'edge') expect(dense.latencyMs / ch.latencyMs).toBeLessThan(1 / (1 - s))
    }), RUNS)
  })
  it('fewer bits never cost more memory than more bits for the same model and sparsity (dense)', () => {
    fc.assert(fc.property(arbCase, ({ track, recipe }) => {
      const rows = accuracyVsBits(track, { ...recipe, sparsity: 0, pattern: 'unstructured' })
      for (let i = 1; i < rows.length; i++) expect(rows[i].totalBytes).toBeLessThanOrEqual(rows[i - 1].totalBytes)
    }), RUNS)
  })
})
