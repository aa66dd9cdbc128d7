// The sweep: every recipe of a track on the parameter table's sweep grid, evaluated once (memoised per track); with
// levers, the recipes a student can build with what has been taught so far. engine/frontier.ts finds its Pareto frontier.
import type { ParetoPoint, Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { evaluateSpec } from './evaluate'
import { validateTrack } from './validate'
import { DISTILL, PATTERN, patternRatios, PRECISION, SPARSITY, TEMPERATURE } from './params'
import { LEVERS, leversOf, type Lever } from './levers'
import { bestTemperature } from './temperature'
import { recipeLabel } from './labels'
import { memo } from './memo'

const sweepCache = memo<TrackId, ParetoPoint[]>()
/** One cache key per track and set of levers (in LEVERS order, so the same set is one key however it is listed). */
export const leversKey = (t: TrackId, levers: readonly Lever[]) => `${t}|${LEVERS.filter((l) => levers.includes(l)).join('+')}`
const subsetCache = memo<string, ParetoPoint[]>()

/** Every precision × (dense, or a pattern at each of its sweep ratios) × model × distillation (off, or on at the best
 *  temperature); with `levers`, only the recipes that pull no other lever (in the sweep's order). */
export function sweep(track: TrackId, levers: readonly Lever[] = LEVERS): ParetoPoint[] {
  const t = validateTrack(track)
  if (LEVERS.some((l) => !levers.includes(l))) {
    const key = leversKey(t, levers)
    const hit = subsetCache.get(key)
    if (hit) return hit
    const subset = sweep(t).filter((p) => leversOf(t, p.recipe).every((l) => levers.includes(l)))
    subsetCache.set(key, subset)
    return subset
  }
  const hit = sweepCache.get(t)
  if (hit) return hit
  const spec = SPECS[t]
  // dense once, then every pruning pattern at its ratios (2:4 at its fixed one)
  const shapes: [number, Recipe['pattern']][] = [[SPARSITY.default, PATTERN.default], ...PATTERN.values.flatMap((pattern) =>
    patternRatios(pattern, SPARSITY.sweepStep).map((s) => [s, pattern] as [number, Recipe['pattern']]))]
  const out: ParetoPoint[] = []
  for (const model of spec.models) {
    const tBest = bestTemperature(t, model.id)
    for (const precision of PRECISION.values) {
      for (const [sparsity, pattern] of shapes) {
        // distillation off before on: the frontier keeps the first of two tying recipes, the simpler one
        for (const distill of DISTILL.values) {
          const recipe: Recipe = { precision, sparsity, pattern, student: model.id, distill, temperature: distill ? tBest : TEMPERATURE.default }
          out.push({ recipe, evaluation: evaluateSpec(spec, recipe), label: recipeLabel(t, recipe) })
        }
      }
    }
  }
  sweepCache.set(t, out)
  return out
}
