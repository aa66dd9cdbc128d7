// Part 3, the distillation bridge: teacher vs student from scratch vs distilled student, the temperature curve,
// and the stakeholder's power-cut challenge against a reference recipe the student locks in.
// (composables/useDistillation.ts keeps the viewer's reference recipe.)
import { accuracyFloor, baselineRecipe, evaluate, gridOf, meetsFloor, modelName, PATTERN, pruningText, stakeholderCheck, TEMPERATURE, TRACKS } from '../engine'
import type { BudgetCheck, Evaluation, Recipe, TrackId } from '../engine'
import { formatMetric } from './format'

export interface Contender {
  key: 'teacher' | 'scratch' | 'distilled'
  label: string
  recipe: Recipe
  evaluation: Evaluation
}

/**
 * The three contenders for the recipe's student, precision and sparsity:
 * the teacher (the track's FP16 dense baseline), the student trained from scratch, and the same student distilled.
 */
export function distillComparison(track: TrackId, recipe: Recipe): Contender[] {
  const teacher = baselineRecipe(track)
  const scratch: Recipe = { ...recipe, distill: false }
  const distilled: Recipe = { ...recipe, distill: true }
  const name = modelName(track, recipe.student)
  return [
    { key: 'teacher', label: `Teacher (${modelName(track, teacher.student)}, FP16)`, recipe: teacher, evaluation: evaluate(track, teacher) },
    { key: 'scratch', label: `${name}, from scratch`, recipe: scratch, evaluation: evaluate(track, scratch) },
    { key: 'distilled', label: `${name}, distilled`, recipe: distilled, evaluation: evaluate(track, distilled) },
  ]
}

/** The teacher − scratch gap in the metric's points (null when there is nothing to recover) and the share of it the
 *  distilled student wins back (null when there is no gap). */
export function gapRecovery(contenders: Contender[]): { gap: number | null; recovered: number | null } {
  const [teacher, scratch, distilled] = contenders.map((c) => c.evaluation.accuracy)
  const gap = teacher - scratch > 1e-9 ? teacher - scratch : null
  return { gap, recovered: gap === null ? null : (distilled - scratch) / gap }
}

/** The temperatures the curve is drawn at: the parameter table's range at the slider's step (1..20). */
export const TEMPERATURES: readonly number[] = gridOf(TEMPERATURE.min, TEMPERATURE.max, TEMPERATURE.sliderStep)

/** Accuracy of the distilled student at every temperature 1..20 (the interior optimum shows here). */
export function temperatureCurve(track: TrackId, recipe: Recipe): { temperature: number; accuracy: number }[] {
  return TEMPERATURES.map((t) => ({ temperature: t, accuracy: evaluate(track, { ...recipe, distill: true, temperature: t }).accuracy }))
}

/** Students sorted by size, largest first (the baseline, "no new student", comes first). */
export function studentChoices(track: TrackId): { id: string; label: string; params: number }[] {
  const t = TRACKS[track]
  return [...t.models]
    .sort((a, b) => b.params.value - a.params.value)
    .map((m) => ({ id: m.id, label: m.id === t.baseline ? `${m.name} (teacher)` : m.name, params: m.params.value }))
}

// ---------- the stakeholder challenge ----------

export interface ChallengeResult {
  referenceJ: number
  targetJ: number
  /** the target as a share of the reference energy: 1 − the stakeholder's cut (0.8 for 20% less power) */
  targetShare: number
  currentJ: number
  /** fraction of the reference energy saved (positive = less energy) */
  saved: number
  energyPass: boolean
  inSpec: boolean
  /** the budgets the recipe fails (evaluate()'s checks), each judged in words by verdictWord */
  failing: BudgetCheck[]
  /** the stakeholder's veto (meetsFloor): the accuracy is below the floor */
  belowFloor: boolean
  /** the recipe's accuracy and the floor, in the metric's unit (shown when accuracy fails) */
  accuracy: number
  floor: number
  /** what to change, from the engine: a pruned recipe that misses the floor is told the smaller student replaces the
   *  pruning (the ratio part 2 found was the teacher's); otherwise the bridge in general */
  hint: string
  pass: boolean
}

/** The engine's stakeholderCheck (energy ≤ (1 − cut) × the reference's, and every budget passes), with the failing budgets named. */
export function challenge(track: TrackId, recipe: Recipe, reference: Recipe): ChallengeResult {
  const sc = stakeholderCheck(track, recipe, reference)
  const e = evaluate(track, recipe)
  const failing = e.checks.filter((c) => !c.pass)
  const referenceJ = evaluate(track, reference).energyPerInferenceJ
  const floor = accuracyFloor(track)
  const belowFloor = !meetsFloor(track, e.accuracy)
  const prunedBelowFloor = recipe.sparsity > 0 && belowFloor
  const dense = prunedBelowFloor ? evaluate(track, { ...recipe, sparsity: 0, pattern: PATTERN.default }) : null
  const hint = prunedBelowFloor
    ? `This student still carries ${pruningText(recipe.sparsity, recipe.pattern)} pruning, found for the teacher: dense it scores ${formatMetric(dense!.accuracy, TRACKS[track].metric.unit)}. Let the smaller student replace the pruning.`
    : 'Cross the bridge: a smaller student, distillation on, and a precision that keeps accuracy above the floor.'
  return {
    referenceJ, targetJ: sc.limit, targetShare: sc.limit / referenceJ, currentJ: sc.value, saved: sc.reduction,
    energyPass: sc.value <= sc.limit, inSpec: sc.inSpec, failing, belowFloor, accuracy: e.accuracy, floor, hint, pass: sc.pass,
  }
}
