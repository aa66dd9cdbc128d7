// The compression waterfall: the FP16 dense baseline, then each lever of the recipe applied in turn.
import type { Evaluation, Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { baselineOf, evaluateSpec, modelOf } from './evaluate'
import { validateRecipe } from './validate'
import { PRECISION, SPARSITY } from './params'
import { precisionName, pruningText, temperatureText } from './words'

/** Which lever a step applies ('baseline' for the first bar), for code; `label` is for the slide. */
export type CompressionStepKey = 'baseline' | 'student' | 'precision' | 'sparsity'
export interface CompressionStep { key: CompressionStepKey; label: string; recipe: Recipe; evaluation: Evaluation }

/** FP16 dense baseline → + student (if any) → + precision → + sparsity. */
export function compressionSteps(track: TrackId, recipe: Recipe): CompressionStep[] {
  const r = validateRecipe(track, recipe)
  const spec = SPECS[track]
  let cur = baselineOf(spec)
  const steps: CompressionStep[] = [{ key: 'baseline', label: `${precisionName(cur.precision)} dense baseline`, recipe: cur, evaluation: evaluateSpec(spec, cur) }]
  const push = (key: CompressionStepKey, label: string, next: Recipe) => { cur = next; steps.push({ key, label, recipe: next, evaluation: evaluateSpec(spec, next) }) }
  if (r.student !== spec.baseline || r.distill)
    push('student', `+ ${modelOf(spec, r.student).name}${r.distill ? ` distilled (${temperatureText(r.temperature)})` : ''}`, { ...cur, student: r.student, distill: r.distill, temperature: r.temperature })
  if (r.precision !== PRECISION.default) {
    const bits = PRECISION.bits[r.precision]
    push('precision', `+ ${precisionName(r.precision)}${bits === 1 ? ' (1 bit)' : ''}`, { ...cur, precision: r.precision })
  }
  if (r.sparsity > SPARSITY.default) push('sparsity', `+ ${pruningText(r.sparsity, r.pattern)} pruning`, { ...cur, sparsity: r.sparsity, pattern: r.pattern })
  return steps
}
