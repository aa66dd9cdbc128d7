// Part 1's curves: a recipe's accuracy and footprint against its bit width.
import type { Precision, Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { evaluateSpec, modelOf } from './evaluate'
import { validateRecipe } from './validate'
import { PRECISION } from './params'
import { accuracyAtBits } from './accuracy'

/** The recipe at each deployable precision: its bits, accuracy and total memory. */
export function accuracyVsBits(track: TrackId, recipe: Recipe): { precision: Precision; bits: number; accuracy: number; totalBytes: number }[] {
  const r = validateRecipe(track, recipe)
  return PRECISION.values.map((precision) => {
    const e = evaluateSpec(SPECS[track], { ...r, precision })
    return { precision, bits: PRECISION.bits[precision], accuracy: e.accuracy, totalBytes: e.memory.totalBytes }
  })
}

/** Accuracy of the recipe's model at every integer bit width 1..16 (weights only; same sparsity and distillation),
 *  for drawing the knee and the cliff between the four deployable precisions. Memory at b bits ≈ params × b / 8. */
export function quantizationCurve(track: TrackId, recipe: Recipe): { bits: number; accuracy: number }[] {
  const r = validateRecipe(track, recipe)
  const spec = SPECS[track]
  const teacher = modelOf(spec, spec.baseline)
  const model = modelOf(spec, r.student)
  const widest = PRECISION.bits[PRECISION.values[0]]
  return Array.from({ length: widest }, (_, i) => ({ bits: i + 1, accuracy: accuracyAtBits(spec, teacher, model, r, i + 1) }))
}
