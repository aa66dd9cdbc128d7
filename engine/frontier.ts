// Dominance and the Pareto frontier of a track's sweep: the recipes no other beats in memory, energy and accuracy.
import type { Evaluation, ParetoPoint, TrackId } from './types'
import { validateTrack } from './validate'
import { LEVERS, type Lever } from './levers'
import { leversKey, sweep } from './sweep'
import { memo } from './memo'

/** Differences below one part in 10⁹ are floating-point rounding (two paths to the same bytes), not a better recipe. */
const ROUNDING = 1e-9
/** x is lower than y by more than rounding */
const below = (x: number, y: number) => x < y - ROUNDING * Math.max(Math.abs(x), Math.abs(y))
/** The objectives the frontier trades: total memory ↓, energy per inference ↓, and accuracy ↑ (negated, so all fall). */
const objectives = (e: Evaluation) => [e.memory.totalBytes, e.energyPerInferenceJ, -e.accuracy]

/** a dominates b: no worse in every objective and better in one, beyond rounding. The frontier and the plot's
 *  "dominated by …" both use this one test. */
export function dominates(a: Evaluation, b: Evaluation): boolean {
  return dominatesObjectives(objectives(a), objectives(b))
}
/** a and b tie: equal in every objective within rounding (the frontier keeps the first of two that tie). */
export function ties(a: Evaluation, b: Evaluation): boolean {
  return tiesObjectives(objectives(a), objectives(b))
}
/** the same test on objective vectors (the frontier computes each recipe's vector once, not once per comparison) */
function dominatesObjectives(x: number[], y: number[]): boolean {
  return x.every((v, i) => !below(y[i], v)) && x.some((v, i) => below(v, y[i]))
}
/** x and y tie: equal in every objective within rounding */
function tiesObjectives(x: number[], y: number[]): boolean {
  return x.every((v, i) => !below(v, y[i]) && !below(y[i], v))
}

const frontierCache = memo<string, ParetoPoint[]>()
/** Non-dominated points in (total memory ↓, accuracy ↑, energy per inference ↓), sorted by total memory; with `levers`,
 *  the frontier of the recipes that pull only those levers (what a student can reach with what has been taught). */
export function paretoFrontier(track: TrackId, levers: readonly Lever[] = LEVERS): ParetoPoint[] {
  const t = validateTrack(track)
  const key = leversKey(t, levers)
  const hit = frontierCache.get(key)
  if (hit) return hit
  const all = sweep(t, levers)
  // A recipe whose objectives tie an earlier one (e.g. the teacher "distilled" into itself at FP16) adds nothing:
  // keep the first, the simpler one, since the sweep lists distillation off before on.
  const obj = all.map((p) => objectives(p.evaluation))
  const front = all.filter((_, i) => !obj.some((q, j) => j !== i && (dominatesObjectives(q, obj[i]) || (j < i && tiesObjectives(q, obj[i])))))
  front.sort((a, b) => a.evaluation.memory.totalBytes - b.evaluation.memory.totalBytes || b.evaluation.accuracy - a.evaluation.accuracy)
  frontierCache.set(key, front)
  return front
}
