// The speedup waterfall (part 2): theoretical → each of the engine's named losses → realized, as floating bars.
import { baselineRecipe, evaluate, modelBytes, PATTERN, pruningText } from '../engine'
import type { Evaluation, Recipe, TrackId } from '../engine'

/** The quick recipes a dense waterfall offers: every pattern at the ratio 2:4 pins (50%, lock 2's ratio), so the three
 *  hardware paths are compared at the same pruning ratio. */
export function quickPatterns(): { label: string; change: Partial<Recipe> }[] {
  const s = PATTERN.sparsityOf24
  return PATTERN.values.map((pattern) => ({ label: pruningText(s, pattern), change: { pattern, sparsity: s } }))
}

/** How much smaller the recipe's model (weights + metadata) is than the track's FP16 dense baseline: the storage saving
 *  the waterfall's caption sets beside the speedup it did or did not buy. */
export function modelShrink(track: TrackId, recipe: Recipe, e = evaluate(track, recipe)): number {
  return 1 - modelBytes(e) / modelBytes(evaluate(track, baselineRecipe(track)))
}

export interface WaterfallBar {
  label: string
  from: number
  to: number
  kind: 'total' | 'loss' | 'gain'
  why: string
}

/** A step that changes the speedup by less than 0.5% says nothing on this recipe: it is listed, not drawn. */
const isFlat = (from: number, to: number) => Math.abs(to - from) < 0.005 * Math.abs(from)

/** Theoretical → each of the engine's named steps that changes anything (a floating bar from the previous value) → realized. */
export function waterfallBars(e: Evaluation): WaterfallBar[] {
  const bars: WaterfallBar[] = [
    { label: 'Theoretical', from: 0, to: e.theoreticalSpeedup, kind: 'total', why: 'every saved bit and every pruned weight counted as saved work' },
  ]
  let prev = e.theoreticalSpeedup
  for (const s of e.speedupSteps) {
    if (!isFlat(prev, s.speedupAfter)) bars.push({ label: s.name, from: prev, to: s.speedupAfter, kind: s.speedupAfter < prev ? 'loss' : 'gain', why: s.why })
    prev = s.speedupAfter
  }
  bars.push({ label: 'Realized', from: 0, to: e.realizedSpeedup, kind: 'total', why: 'what this hardware delivers end to end' })
  return bars
}

/** Names of the engine's steps that do not change this recipe's speedup. */
export function flatSteps(e: Evaluation): string[] {
  let prev = e.theoreticalSpeedup
  return e.speedupSteps.filter((s) => {
    const flat = isFlat(prev, s.speedupAfter)
    prev = s.speedupAfter
    return flat
  }).map((s) => s.name)
}

/** Greedy word wrap for chart category labels (chart.js draws an array as several lines). */
export function wrapLabel(text: string, width = 16): string[] {
  return text.split(/\s+/).reduce<string[]>((lines, w) => {
    const last = lines[lines.length - 1]
    if (last !== undefined && (last + ' ' + w).length <= width) lines[lines.length - 1] = last + ' ' + w
    else lines.push(w)
    return lines
  }, [])
}
