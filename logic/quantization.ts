// Part 1: what the quantization workbench shows, as pure functions of (track, recipe) on top of the engine's public API
// (composables/useQuantization.ts turns them into refs of the shared deck state).
import { accuracyVsBits, evaluate, knee, PRECISION, uniformQuantizer, weightStorage } from '../engine'
import type { Evaluation, Knee, Precision, Recipe, TrackId } from '../engine'
import { formatMetric } from './format'

/** What the accuracy-vs-bits chart draws for a recipe: the same at every precision, since its curves span them. */
export interface QuantCurves {
  /** the four formats: accuracy and footprint */
  curve: { precision: Precision; bits: number; accuracy: number; totalBytes: number }[]
  floor: number
  /** the recipe's accuracy at every bit width 1..16, its knee and its cliff (the engine's knee(track, recipe)) */
  knee: Knee
}

export interface QuantSummary extends QuantCurves {
  evaluation: Evaluation
  /** the same recipe at FP16: the baseline the factor is named against */
  fp16: Evaluation
  /** total footprint at FP16 ÷ total footprint now (≥ 1 means smaller) */
  factorVsFp16: number
}

export function quantCurves(track: TrackId, recipe: Recipe): QuantCurves {
  const k = knee(track, recipe)
  return { curve: accuracyVsBits(track, recipe), floor: k.floor, knee: k }
}

/** `curves` may be passed in when the caller keeps them across precisions (they do not depend on it). */
export function quantSummary(track: TrackId, recipe: Recipe, curves = quantCurves(track, recipe)): QuantSummary {
  const evaluation = evaluate(track, recipe)
  const fp16 = recipe.precision === 'fp16' ? evaluation : evaluate(track, { ...recipe, precision: 'fp16' })
  return { evaluation, fp16, factorVsFp16: fp16.memory.totalBytes / evaluation.memory.totalBytes, ...curves }
}

/** The numbers the math peek substitutes into the textbook formulas of a uniform b-bit quantizer. */
export interface QuantMath {
  precision: Precision
  bits: number
  /** the integer formats use a uniform grid; FP16 is floating point (the formulas below do not apply to it) */
  uniform: boolean
  levels: number
  /** Δ ÷ R: the step as a fraction of the quantized range R (per channel or per group) */
  stepOverRange: number
  /** worst-case rounding error ÷ R = Δ/2 ÷ R */
  maxErrorOverRange: number
  /** SQNR ≈ 6.02·b + 1.76 dB (full-scale sinusoid, uniform quantizer) */
  sqnrDb: number
  params: number
  /** the fraction of weights stored: 1 − sparsity in a sparse format, 1 when the pruned weights are kept as zeros */
  storedFraction: number
  /** true when pruned weights are stored as zeros (dense storage: no sparse kernel beats dense here) */
  zerosStored: boolean
  /** params × stored × bits / 8, the engine's weight bytes */
  weightsBytes: number
  quantMetadataBytes: number
  sparseMetadataBytes: number
  otherBytes: number
  totalBytes: number
}

export function quantMath(track: TrackId, recipe: Recipe, evaluation = evaluate(track, recipe)): QuantMath {
  const bits = PRECISION.bits[recipe.precision]
  const w = weightStorage(track, recipe, evaluation)
  const m = evaluation.memory
  return {
    precision: recipe.precision,
    bits,
    uniform: recipe.precision !== 'fp16',
    ...uniformQuantizer(bits),
    params: w.params,
    storedFraction: w.storedFraction,
    zerosStored: recipe.sparsity > 0 && w.format === 'dense',
    weightsBytes: w.valuesBytes,
    quantMetadataBytes: m.quantMetadataBytes,
    sparseMetadataBytes: m.sparseMetadataBytes,
    otherBytes: m.activationsBytes + m.kvCacheBytes,
    totalBytes: m.totalBytes,
  }
}

const bitsText = (b: number) => `${b} bit${b === 1 ? '' : 's'}`

/** Part 1's answer in words, from the engine's knee: a headline ("Your cliff: 2 bits"), a sentence, and one line for
 *  under the workbench's chart (lower case: the workbench names the curve before it). */
export function kneeText(k: Knee, unit: string): { headline: string; detail: string; line: string } {
  const floor = formatMetric(k.floor, unit)
  const at = (b: number) => formatMetric(k.curve[b - 1].accuracy, unit)
  if (k.kneeBits === null) {
    const detail = `Even 16 bits give ${at(16)}, under the floor of ${floor}: choose a larger model or prune less.`
    return { headline: 'Below the floor at every bit width', detail, line: `below the floor at every bit width. ${detail}` }
  }
  if (k.cliffBits === null) {
    const detail = `Even 1 bit keeps ${at(1)}, at or above the floor of ${floor}.`
    return { headline: 'No cliff', detail, line: `no cliff: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}` }
  }
  const lowest = k.precision ? PRECISION.names[k.precision] : 'none'
  return {
    headline: `Your cliff: ${bitsText(k.cliffBits)}`,
    detail: `${at(k.kneeBits)} at ${bitsText(k.kneeBits)} (the knee), ${at(k.cliffBits)} at ${bitsText(k.cliffBits)}: under the floor `
      + `of ${floor}. Lowest format that passes: ${lowest}.`,
    line: `knee ${bitsText(k.kneeBits)} · cliff ${bitsText(k.cliffBits)} (${at(k.cliffBits)}, under the floor of ${floor}) · lowest format that passes: ${lowest}`,
  }
}
