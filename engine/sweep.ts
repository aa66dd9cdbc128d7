// The sweep over all recipes, its Pareto frontier, and the derived views the instruments draw.
import type { Evaluation, ParetoPoint, Precision, Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { baselineOf, evaluateSpec, modelOf } from './evaluate'
import { validateRecipe, validateTrack, EngineInputError } from './validate'
import { BITS, PRECISIONS } from './constants'
import { BASELINE_ALIAS, gridOf, PATTERN, patternRatios, PRECISION, SPARSITY, TEMPERATURE } from './params'
import { modelName } from './catalog'
import { accuracyAtBits, accuracyOf, temperatureIsFlat } from './accuracy'

const tempCache = new Map<string, number>()
/** Temperature (1..20, at the slider's step: a best T the slider cannot set is no answer) that maximises the distilled
 *  student's accuracy (the lowest one that reaches it: a large student plateaus above its optimum). */
export function bestTemperature(track: TrackId, student: string): number {
  const spec = SPECS[validateTrack(track)]
  const id = student === BASELINE_ALIAS ? spec.baseline : student
  if (!spec.models.some((m) => m.id === id)) throw new EngineInputError('student', `unknown model ${JSON.stringify(student)} for ${track}`)
  const key = `${track}/${id}`
  const hit = tempCache.get(key)
  if (hit !== undefined) return hit
  const teacher = modelOf(spec, spec.baseline)
  const model = modelOf(spec, id)
  // the teacher and already-distilled students gain nothing from the temperature: keep the default
  if (id === spec.baseline || model.preDistilled) { tempCache.set(key, TEMPERATURE.default); return TEMPERATURE.default }
  const score = (t: number) => accuracyOf(spec, teacher, model, { ...baselineOf(spec), student: id, precision: 'int4', distill: true, temperature: t }).accuracy
  let best: number = TEMPERATURE.min, bestScore = -Infinity
  for (const t of gridOf(TEMPERATURE.min, TEMPERATURE.max, TEMPERATURE.sliderStep)) {
    const s = score(t)
    if (s > bestScore + 1e-12) { bestScore = s; best = t }
  }
  tempCache.set(key, best)
  return best
}

/** The recipe in words, the one way every view names it: "INT4 · 50% 2:4 · Llama-3-8B distilled (T = 4)". */
export function recipeLabel(track: TrackId, r: Recipe): string {
  const spec = SPECS[validateTrack(track)]
  const sparsity = r.sparsity === 0 ? 'dense' : `${Math.round(r.sparsity * 100)}% ${PATTERN.names[r.pattern]}`
  const teacher = r.student === spec.baseline || r.student === BASELINE_ALIAS
  const name = modelName(track, r.student)
  // the teacher "distilled" into itself is quantization-aware training: its temperature does nothing
  // a student the temperature cannot move is labelled so, rather than with a T that means nothing
  const flat = !teacher && temperatureIsFlat(modelOf(spec, r.student === BASELINE_ALIAS ? spec.baseline : r.student), modelOf(spec, spec.baseline))
  const student = !r.distill ? name : teacher ? `${name}, quantization-aware` : `${name} distilled (${flat ? 'any T' : `T = ${r.temperature}`})`
  return [PRECISION.names[r.precision], sparsity, student].join(' · ')
}

/** The three levers of the lecture, in the order it teaches them: part 1 precision, part 2 sparsity, part 3 a smaller
 *  student and distillation (which also covers training the teacher at its precision). */
export type Lever = 'precision' | 'sparsity' | 'distillation'
export const LEVERS: readonly Lever[] = ['precision', 'sparsity', 'distillation']
/** The levers taught by the end of part 1, 2 and 3. */
export function leversThrough(part: 1 | 2 | 3): readonly Lever[] { return LEVERS.slice(0, part) }

/** The levers a recipe pulls beyond the FP16 dense teacher (precision counts from INT8 down). */
export function leversOf(track: TrackId, recipe: Recipe): Lever[] {
  const teacher = SPECS[validateTrack(track)].baseline
  const uses: Record<Lever, boolean> = {
    precision: recipe.precision !== 'fp16',
    sparsity: recipe.sparsity > 0,
    distillation: recipe.distill || (recipe.student !== teacher && recipe.student !== BASELINE_ALIAS),
  }
  return LEVERS.filter((l) => uses[l])
}

const sweepCache = new Map<TrackId, ParetoPoint[]>()
const leversKey = (t: TrackId, levers: readonly Lever[]) => `${t}|${LEVERS.filter((l) => levers.includes(l)).join('+')}`
const subsetCache = new Map<string, ParetoPoint[]>()

/** Every precision × (dense, or a pattern at each of its sweep ratios) × model × distillation (off, or on at the best temperature); with `levers`,
 *  only the recipes that pull no other lever (in the sweep's order). */
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
  const out: ParetoPoint[] = []
  for (const model of spec.models) {
    const tBest = bestTemperature(t, model.id)
    for (const precision of PRECISIONS) {
      // dense once, then every pruning pattern at its ratios (2:4 at its fixed one)
      const shapes: [number, Recipe['pattern']][] = [[0, PATTERN.default], ...PATTERN.values.flatMap((pattern) =>
        patternRatios(pattern, SPARSITY.sweepStep).map((s) => [s, pattern] as [number, Recipe['pattern']]))]
      for (const [sparsity, pattern] of shapes) {
        for (const distill of [false, true]) {
          const recipe: Recipe = { precision, sparsity, pattern, student: model.id, distill, temperature: distill ? tBest : 4 }
          out.push({ recipe, evaluation: evaluateSpec(spec, recipe), label: recipeLabel(t, recipe) })
        }
      }
    }
  }
  sweepCache.set(t, out)
  return out
}

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
/** the same test on objective vectors (the frontier computes each recipe's vector once, not once per comparison) */
function dominatesObjectives(x: number[], y: number[]): boolean {
  return x.every((v, i) => !below(y[i], v)) && x.some((v, i) => below(v, y[i]))
}
/** x and y tie: equal in every objective within rounding */
function tiesObjectives(x: number[], y: number[]): boolean {
  return x.every((v, i) => !below(v, y[i]) && !below(y[i], v))
}

const frontierCache = new Map<string, ParetoPoint[]>()
/** Empties the memo caches (for benchmarks of a cold sweep). */
export function resetCaches(): void {
  for (const cache of [tempCache, sweepCache, subsetCache, frontierCache]) cache.clear()
}
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

/** FP16 dense baseline → + student (if any) → + precision → + sparsity. */
export function compressionSteps(track: TrackId, recipe: Recipe): { label: string; recipe: Recipe; evaluation: Evaluation }[] {
  const r = validateRecipe(track, recipe)
  const spec = SPECS[track]
  let cur = baselineOf(spec)
  const steps = [{ label: 'FP16 dense baseline', recipe: cur, evaluation: evaluateSpec(spec, cur) }]
  const push = (label: string, next: Recipe) => { cur = next; steps.push({ label, recipe: next, evaluation: evaluateSpec(spec, next) }) }
  if (r.student !== spec.baseline || r.distill)
    push(`+ ${modelOf(spec, r.student).name}${r.distill ? ` distilled (T=${r.temperature})` : ''}`, { ...cur, student: r.student, distill: r.distill, temperature: r.temperature })
  if (r.precision !== 'fp16') push(`+ ${r.precision === 'binary' ? 'binary (1 bit)' : r.precision.toUpperCase()}`, { ...cur, precision: r.precision })
  if (r.sparsity > 0) push(`+ ${r.pattern === '2:4' ? '2:4 sparsity' : `${Math.round(r.sparsity * 100)}% unstructured sparsity`}`, { ...cur, sparsity: r.sparsity, pattern: r.pattern })
  return steps
}

/**
 * The engine's theoretical speedup (every saved bit and every pruned weight is saved work, vs the FP16 dense baseline;
 * engine/README.md "Speedups"), split for the math peek: 16/b for the bits, 1/(1−s) for the pruned weights, and
 * `other` for what else the ideal time counts — a smaller student, bytes read from faster memory once they fit on chip,
 * math units faster than 16/b × FP16. The factors multiply back to the engine's number; `other` is 1 when none applies.
 */
export function theoryTerms(recipe: Recipe, e: Evaluation): { bits: number; pruned: number; other: number; S: number } {
  const bits = BITS.fp16 / BITS[recipe.precision]
  const pruned = 1 / (1 - recipe.sparsity)
  const other = e.theoreticalSpeedup / (bits * pruned)
  return { bits, pruned, other: Math.abs(other - 1) < 0.005 ? 1 : other, S: e.theoreticalSpeedup }
}

/**
 * Amdahl's law on the last speedup step (the non-accelerated remainder): before it, the compressed layers run k× faster
 * than at FP16 dense (after every overhead); after it, the whole inference runs S× faster. The share f of the baseline
 * time spent in those layers follows: f = (1 − 1/S) / (1 − 1/k). null when k ≈ 1 (nothing accelerated).
 */
export function amdahlTerms(e: Evaluation): { k: number; f: number; S: number } | null {
  const steps = e.speedupSteps
  if (steps.length === 0) return null
  const found = steps.findIndex((st) => /non-accelerated/i.test(st.name))
  const at = found === -1 ? steps.length - 1 : found
  const k = at === 0 ? e.theoreticalSpeedup : steps[at - 1].speedupAfter
  const S = steps[at].speedupAfter
  if (Math.abs(1 - 1 / k) < 1e-6) return null
  return { k, S, f: (1 - 1 / S) / (1 - 1 / k) }
}

/**
 * A uniform b-bit quantizer, the textbook terms the quantization math peek substitutes: 2^b levels, the step Δ and the
 * worst-case rounding error Δ/2, each as a fraction of the quantized range R, and the signal-to-quantization-noise
 * ratio of a full-scale sinusoid, 6.02·b + 1.76 dB (the standard result for uniform quantization; an illustration only:
 * the engine's accuracy model does not use it).
 */
export function uniformQuantizer(bits: number): { levels: number; stepOverRange: number; maxErrorOverRange: number; sqnrDb: number } {
  const levels = 2 ** bits
  return { levels, stepOverRange: 1 / (levels - 1), maxErrorOverRange: 1 / (2 * (levels - 1)), sqnrDb: 6.02 * bits + 1.76 }
}

/** The model as stored: weights plus their quantization and sparse-format metadata (what compression shrinks; the
 *  activations and the KV cache are the workload's). */
export function modelBytes(e: Evaluation): number {
  return e.memory.weightsBytes + e.memory.metadataBytes
}

/** The weight bytes as the engine stores them, for the math peek: params × stored fraction × bits / 8. Pruned weights
 *  leave storage only when the chosen format is sparse; dense storage (no sparse kernel beats dense) keeps them as zeros. */
export interface WeightStorage { params: number; bits: number; storedFraction: number; format: Evaluation['memory']['format']; valuesBytes: number; indexBytes: number }
export function weightStorage(track: TrackId, recipe: Recipe, evaluation?: Evaluation): WeightStorage {
  const r = validateRecipe(track, recipe)
  const spec = SPECS[track]
  const m = (evaluation ?? evaluateSpec(spec, r)).memory
  return {
    params: modelOf(spec, r.student).params.value, bits: BITS[r.precision],
    storedFraction: m.format === 'dense' ? 1 : 1 - r.sparsity, format: m.format,
    valuesBytes: m.weightsBytes, indexBytes: m.sparseMetadataBytes,
  }
}

export function accuracyVsBits(track: TrackId, recipe: Recipe): { precision: Precision; bits: number; accuracy: number; totalBytes: number }[] {
  const r = validateRecipe(track, recipe)
  return PRECISIONS.map((precision) => {
    const e = evaluateSpec(SPECS[track], { ...r, precision })
    return { precision, bits: BITS[precision], accuracy: e.accuracy, totalBytes: e.memory.totalBytes }
  })
}

/** Accuracy of the recipe's model at every integer bit width 1..16 (weights only; same sparsity and distillation),
 *  for drawing the knee and the cliff between the four deployable precisions. Memory at b bits ≈ params × b / 8. */
export function quantizationCurve(track: TrackId, recipe: Recipe): { bits: number; accuracy: number }[] {
  const r = validateRecipe(track, recipe)
  const spec = SPECS[track]
  const teacher = modelOf(spec, spec.baseline)
  const model = modelOf(spec, r.student)
  return Array.from({ length: 16 }, (_, i) => ({ bits: i + 1, accuracy: accuracyAtBits(spec, teacher, model, r, i + 1) }))
}

/** The stakeholder's accuracy floor (the track's 'accuracy' budget). */
export function accuracyFloor(track: TrackId): number {
  const b = SPECS[validateTrack(track)].budgets.find((x) => x.name === 'accuracy')
  return b ? b.limit.value : -Infinity
}

/** The stakeholder's veto, in one place: an accuracy at or above the floor passes (the 'accuracy' budget's own test). */
export function meetsFloor(track: TrackId, accuracy: number): boolean {
  return accuracy >= accuracyFloor(track)
}

/** Part 3: does `recipe` use at most (1 − powerCutFraction) of the reference recipe's energy per inference? */
export function stakeholderCheck(track: TrackId, recipe: Recipe, referenceRecipe: Recipe) {
  const spec = SPECS[validateTrack(track)]
  const e = evaluateSpec(spec, validateRecipe(track, recipe))
  const ref = evaluateSpec(spec, validateRecipe(track, referenceRecipe))
  const limit = ref.energyPerInferenceJ * (1 - spec.stakeholder.powerCutFraction)
  const value = e.energyPerInferenceJ
  return { name: 'stakeholder power cut', pass: value <= limit && e.binding === null, value, limit, unit: 'J', inSpec: e.binding === null, reduction: 1 - value / ref.energyPerInferenceJ }
}
