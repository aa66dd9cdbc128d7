// The three levers of the lecture, in the order it teaches them, and which of them a recipe pulls.
import type { Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { validateTrack } from './validate'
import { BASELINE_ALIAS, PRECISION, SPARSITY } from './params'

/** Part 1 precision, part 2 sparsity, part 3 a smaller student and distillation (which also covers training the
 *  teacher at its precision). */
export type Lever = 'precision' | 'sparsity' | 'distillation'
export const LEVERS: readonly Lever[] = ['precision', 'sparsity', 'distillation']
/** The levers taught by the end of part 1, 2 and 3. */
export function leversThrough(part: 1 | 2 | 3): readonly Lever[] { return LEVERS.slice(0, part) }

/** The levers a recipe pulls beyond the FP16 dense teacher (precision counts from INT8 down). */
export function leversOf(track: TrackId, recipe: Recipe): Lever[] {
  const teacher = SPECS[validateTrack(track)].baseline
  const uses: Record<Lever, boolean> = {
    precision: recipe.precision !== PRECISION.default,
    sparsity: recipe.sparsity > SPARSITY.default,
    distillation: recipe.distill || (recipe.student !== teacher && recipe.student !== BASELINE_ALIAS),
  }
  return LEVERS.filter((l) => uses[l])
}
