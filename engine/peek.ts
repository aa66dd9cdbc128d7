// The math peeks' terms: the engine's numbers split into the textbook factors a slide substitutes into its formula.
import type { Evaluation, Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { evaluateSpec, modelOf } from './evaluate'
import { validateRecipe } from './validate'
import { PRECISION } from './params'

/**
 * The engine's theoretical speedup (every saved bit and every pruned weight is saved work, vs the FP16 dense baseline;
 * engine/README.md "Speedups"), split for the math peek: 16/b for the bits, 1/(1−s) for the pruned weights, and
 * `other` for what else the ideal time counts — a smaller student, bytes read from faster memory once they fit on chip,
 * math units faster than 16/b × FP16. The factors multiply back to the engine's number; `other` is 1 when none applies.
 */
export function theoryTerms(recipe: Recipe, e: Evaluation): { bits: number; pruned: number; other: number; S: number } {
  const bits = PRECISION.bits[PRECISION.default] / PRECISION.bits[recipe.precision]
  const pruned = 1 / (1 - recipe.sparsity)
  const other = e.theoreticalSpeedup / (bits * pruned)
  return { bits, pruned, other: Math.abs(other - 1) < 0.005 ? 1 : other, S: e.theoreticalSpeedup }
}

/**
 * Amdahl's law on the non-accelerated remainder (the waterfall's 'rest' step): before it, the compressed layers run k×
 * faster than at FP16 dense (after every overhead); after it, the whole inference runs S× faster. The share f of the
 * baseline time spent in those layers follows: f = (1 − 1/S) / (1 − 1/k). null when k ≈ 1 (nothing accelerated).
 */
export function amdahlTerms(e: Evaluation): { k: number; f: number; S: number } | null {
  const steps = e.speedupSteps
  const at = steps.findIndex((st) => st.key === 'rest')
  if (at === -1) return null
  const k = at === 0 ? e.theoreticalSpeedup : steps[at - 1].speedupAfter
  const S = steps[at].speedupAfter
  if (Math.abs(1 - 1 / k) < 1e-6) return null
  return { k, S, f: (1 - 1 / S) / (1 - 1 / k) }
}

/**
 * A uniform b-bit quantizer, the textbook terms the quantization math peek substitutes: 2^b levels, the step Δ and the
 * worst-case rounding error Δ/2, each as a fraction of the quantized range R, and the signal-to-quantization-noise
 * ratio of a full-scale sinusoid, 6.02·b + 1.76 dB (the standard result for uniform quantization; an illustration only:
 * the engine's accuracy model does not use it).
 */
export function uniformQuantizer(bits: number): { levels: number; stepOverRange: number; maxErrorOverRange: number; sqnrDb: number } {
  const levels = 2 ** bits
  return { levels, stepOverRange: 1 / (levels - 1), maxErrorOverRange: 1 / (2 * (levels - 1)), sqnrDb: 6.02 * bits + 1.76 }
}

/** The model as stored: weights plus their quantization and sparse-format metadata (what compression shrinks; the
 *  activations and the KV cache are the workload's). */
export function modelBytes(e: Evaluation): number {
  return e.memory.weightsBytes + e.memory.metadataBytes
}

/** The weight bytes as the engine stores them, for the math peek: params × stored fraction × bits / 8. Pruned weights
 *  leave storage only when the chosen format is sparse; dense storage (no sparse kernel beats dense) keeps them as zeros. */
export interface WeightStorage { params: number; bits: number; storedFraction: number; format: Evaluation['memory']['format']; valuesBytes: number; indexBytes: number }
export function weightStorage(track: TrackId, recipe: Recipe, evaluation?: Evaluation): WeightStorage {
  const r = validateRecipe(track, recipe)
  const spec = SPECS[track]
  const m = (evaluation ?? evaluateSpec(spec, r)).memory
  return {
    params: modelOf(spec, r.student).params.value, bits: PRECISION.bits[r.precision],
    storedFraction: m.format === 'dense' ? 1 : 1 - r.sparsity, format: m.format,
    valuesBytes: m.weightsBytes, indexBytes: m.sparseMetadataBytes,
  }
}
