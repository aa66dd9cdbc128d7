// A recipe in words: the one way every view, export and lesson table names it.
import type { Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { modelOf } from './evaluate'
import { validateTrack } from './validate'
import { BASELINE_ALIAS } from './params'
import { modelName } from './catalog'
import { temperatureIsFlat } from './accuracy'
import { precisionName, pruningText, temperatureText } from './words'

/** "INT4 · 50% 2:4 · Llama-3-8B distilled (T = 4)". */
export function recipeLabel(track: TrackId, r: Recipe): string {
  const spec = SPECS[validateTrack(track)]
  const sparsity = r.sparsity === 0 ? 'dense' : pruningText(r.sparsity, r.pattern)
  const teacher = r.student === spec.baseline || r.student === BASELINE_ALIAS
  const name = modelName(track, r.student)
  // the teacher "distilled" into itself is quantization-aware training: its temperature does nothing
  // a student the temperature cannot move is labelled so, rather than with a T that means nothing
  const flat = !teacher && temperatureIsFlat(modelOf(spec, r.student === BASELINE_ALIAS ? spec.baseline : r.student), modelOf(spec, spec.baseline))
  const student = !r.distill ? name : teacher ? `${name}, quantization-aware` : `${name} distilled (${flat ? 'any T' : temperatureText(r.temperature)})`
  return [precisionName(r.precision), sparsity, student].join(' · ')
}
