// Part 3's stakeholder: the same service with less power, judged against a reference recipe.
import type { Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { evaluateSpec } from './evaluate'
import { validateRecipe, validateTrack } from './validate'

/** Part 3: does `recipe` use at most (1 − powerCutFraction) of the reference recipe's energy per inference? */
export function stakeholderCheck(track: TrackId, recipe: Recipe, referenceRecipe: Recipe) {
  const spec = SPECS[validateTrack(track)]
  const e = evaluateSpec(spec, validateRecipe(track, recipe))
  const ref = evaluateSpec(spec, validateRecipe(track, referenceRecipe))
  const limit = ref.energyPerInferenceJ * (1 - spec.stakeholder.powerCutFraction)
  const value = e.energyPerInferenceJ
  return { name: 'stakeholder power cut', pass: value <= limit && e.binding === null, value, limit, unit: 'J', inSpec: e.binding === null, reduction: 1 - value / ref.energyPerInferenceJ }
}
