// The lessons each track teaches, computed from evaluate(): what a presenter needs and what the game design promises
// (a knee, a pruning window, a best temperature, a smaller student that meets the stakeholder, heavy vs light, lock keys).
import type { BudgetCheck, Evaluation, LockAnswer, LockId, ParetoPoint, Precision, Recipe, SparsityPattern, TrackId } from './types'
import { SPECS } from './tracks'
import { baselineOf, evaluateSpec, modelOf } from './evaluate'
import { validateRecipe, validateTrack } from './validate'
import { BASELINE_RECIPE, DISTILL, gridOf, PATTERN, patternRatios, PRECISION, SPARSITY } from './params'
import { sweep } from './sweep'
import { accuracyFloor, meetsFloor } from './floor'
import { FLOOR_BUDGET } from './words'
import { bestTemperature } from './temperature'
import { quantizationCurve } from './curves'
import { recipeLabel } from './labels'
import { memo } from './memo'
import { LOCKS, lockAnswer } from './locks'
import { temperatureIsFlat } from './accuracy'
import { sig } from './format'

/** Pruning ratios the part-2 game can be played at: the slider's steps above zero, up to the maximum. */
export const GAME_SPARSITY_STEPS: readonly number[] = gridOf(SPARSITY.sliderStep, SPARSITY.max, SPARSITY.sliderStep)

/** Part 1: the knee (the fewest bits whose accuracy stays at or above the floor) and the cliff (the next bit down), on
 *  the curve of a recipe's model, sparsity and training (post-training unless it distils): by default the track's
 *  baseline. `kneeBits` is null when no bit width reaches the floor, `cliffBits` when even 1 bit stays above it;
 *  `precision` is the lowest deployable precision at or above the floor (null if none). */
export interface Knee { kneeBits: number | null; cliffBits: number | null; precision: Precision | null; floor: number; curve: { bits: number; accuracy: number }[] }

export function knee(track: TrackId, recipe?: Recipe): Knee {
  const spec = SPECS[validateTrack(track)]
  const floor = accuracyFloor(track)
  const curve = quantizationCurve(track, recipe ?? baselineOf(spec))
  const meets = (bits: number) => meetsFloor(track, curve[bits - 1].accuracy)
  let kneeBits: number | null = null
  for (let b = 16; b >= 1 && meets(b); b--) kneeBits = b
  const deployable = PRECISION.values.filter((p) => meets(PRECISION.bits[p])) // the curve at 16, 8, 4, 1 bits is evaluate()'s accuracy
  return { kneeBits, cliffBits: kneeBits !== null && kneeBits > 1 ? kneeBits - 1 : null, precision: deployable[deployable.length - 1] ?? null, floor, curve }
}

/** Part 2's starting recipe: the teacher, dense, at the knee's precision (what a student carries over from part 1). */
export function part2Start(track: TrackId): Recipe {
  const spec = SPECS[validateTrack(track)]
  return { ...baselineOf(spec), precision: knee(track).precision ?? PRECISION.default }
}

const targetCache = new Map<TrackId, string | null>()
/** The budget part 2 is played for: the first budget other than accuracy that the starting recipe fails. */
export function part2Target(track: TrackId): string | null {
  const t = validateTrack(track)
  if (!targetCache.has(t)) targetCache.set(t, evaluateSpec(SPECS[t], part2Start(t)).checks.find((c) => c.name !== FLOOR_BUDGET && !c.pass)?.name ?? null)
  return targetCache.get(t)!
}

/** The part-2 game's rule: ten tries to find the window (the deck's counter and the class service both hold to it). */
export const GAME_MAX_TRIES = 10

export interface GameTry { sparsity: number; pattern: SparsityPattern; hit: boolean; veto: boolean; check: BudgetCheck | null; accuracy: number }

/** Judges one try of the part-2 game: does the target budget pass, and does the accuracy veto trip? */
export function judgeTry(track: TrackId, recipe: Recipe): GameTry {
  const e = evaluateSpec(SPECS[validateTrack(track)], validateRecipe(track, recipe))
  const target = part2Target(track)
  const check = target ? e.checks.find((c) => c.name === target) ?? null : null
  // with nothing failing at the start there is nothing to hit: part 2 has no target on this track
  return { sparsity: recipe.sparsity, pattern: recipe.pattern, hit: check ? check.pass : false, veto: !meetsFloor(track, e.accuracy), check, accuracy: e.accuracy }
}

/** The pruning window of one pattern: ratios that meet the target without the veto, the first ratio the veto trips,
 *  and the precision it was searched at. */
export interface Window { pattern: SparsityPattern; precision: Precision; from: number; to: number; ratios: number[]; vetoFrom: number | null }

/** The ratios a pattern can be played at: 2:4 only at its fixed ratio, the others at every slider step. */
const patternSteps = (pattern: SparsityPattern) => patternRatios(pattern, SPARSITY.sliderStep)

const windowCache = memo<string, readonly Window[]>()
/** Every pattern's window at part 2's start (the knee's precision) or at the precision the student holds. Memoised: a
 *  search judges every slider step of every pattern (~180 evaluations, 5–8 ms), and the game asks again at each
 *  precision the student comes back to. */
export function pruningWindows(track: TrackId, precision?: Precision): readonly Window[] {
  const start = { ...part2Start(track), ...(precision ? { precision } : {}) }
  const key = `${validateTrack(track)}|${start.precision}`
  const cached = windowCache.get(key)
  if (cached) return cached
  const out: Window[] = []
  for (const pattern of PATTERN.values) {
    const tries = patternSteps(pattern).map((s) => judgeTry(track, { ...start, pattern, sparsity: s }))
    const ok = tries.filter((x) => x.hit && !x.veto).map((x) => x.sparsity)
    if (ok.length > 0) out.push({ pattern, precision: start.precision, from: ok[0], to: ok[ok.length - 1], ratios: ok, vetoFrom: tries.find((x) => x.veto)?.sparsity ?? null })
  }
  windowCache.set(key, out)
  return out
}

/** What each pattern does at part 2's start at its best (the highest ratio the veto allows): the speedup over dense at
 *  that precision, the target's value and whether it is met, and the hardware that runs it. The lesson of part 2 is
 *  which pattern opens the window on this machine. */
export function patternVerdicts(track: TrackId): { pattern: SparsityPattern; safeTo: number | null; speedup: number; hit: boolean; kernel: string }[] {
  const spec = SPECS[validateTrack(track)]
  const start = part2Start(track)
  const dense = evaluateSpec(spec, start)
  return PATTERN.values.map((pattern) => {
    const safe = patternSteps(pattern).filter((s) => !judgeTry(track, { ...start, pattern, sparsity: s }).veto)
    const s = safe.length ? safe[safe.length - 1] : patternSteps(pattern)[0]
    const e = evaluateSpec(spec, { ...start, pattern, sparsity: s })
    return { pattern, safeTo: safe.length ? s : null, speedup: dense.latencyMs / e.latencyMs, hit: judgeTry(track, { ...start, pattern, sparsity: s }).hit, kernel: e.memory.kernel }
  })
}

/** The best temperature of every student; `plateau`: the student is large enough that every temperature works about
 *  equally (a small one peaks at a moderate T and falls off on both sides). */
export function temperatures(track: TrackId): { student: string; name: string; best: number; plateau: boolean; alreadyDistilled: boolean }[] {
  const spec = SPECS[validateTrack(track)]
  return spec.models.filter((m) => m.id !== spec.baseline).map((m) => {
    const best = bestTemperature(track, m.id)
    const flat = temperatureIsFlat(m, modelOf(spec, spec.baseline))
    return { student: m.id, name: m.name, best, plateau: flat, alreadyDistilled: m.preDistilled === true }
  })
}

const inSpec = (e: Evaluation) => e.binding === null
const margin = (track: TrackId, e: Evaluation) => e.accuracy - accuracyFloor(track)
/** part 3's move: a student smaller than the teacher, trained with distillation */
const distilledSmaller = (spec: (typeof SPECS)[TrackId], r: Recipe) =>
  r.distill && modelOf(spec, r.student).params.value < modelOf(spec, spec.baseline).params.value

/** Part 3's reference: part 2's answer (the window's first ratio) or, with no window, the part-2 starting recipe. */
export function stakeholderReference(track: TrackId): Recipe {
  const w = pruningWindows(track)[0]
  const start = part2Start(track)
  return w ? { ...start, pattern: w.pattern, sparsity: w.from } : start
}

/** Part 3's workbench opens on the smallest student that distillation can still teach (a model already distilled from a
 *  larger one, as Llama-3.2 is, recovers nothing more), trained from scratch: the gap to the teacher is in view, and
 *  turning distillation on shows how much of it comes back. */
export function distillationStudent(track: TrackId): string {
  const spec = SPECS[validateTrack(track)]
  const students = spec.models.filter((m) => m.id !== spec.baseline).sort((a, b) => a.params.value - b.params.value)
  return (students.find((m) => !m.preDistilled) ?? students[0])?.id ?? spec.baseline
}

/** The recipe part 3's workbench opens on from the viewer's recipe: on the teacher as trained (nothing to distil), the
 *  opening student from scratch at the same precision, dense — the pruning ratio was found for the teacher, and a smaller
 *  student is the lever that replaces it (prune, then distill, then quantize; a student pruned as hard as the teacher
 *  falls far below the floor). Any other student, or the teacher trained at its precision (the heavy archetype), is the
 *  viewer's choice and stays. */
export function distillationStart(track: TrackId, from: Recipe): Recipe {
  const r = validateRecipe(track, from) // the 'baseline' alias becomes the teacher's id
  if (r.student !== SPECS[track].baseline || r.distill) return r
  return { ...r, student: distillationStudent(track), distill: false, sparsity: 0, pattern: PATTERN.default }
}

/** Part 3: the distilled smaller student that meets the stakeholder's cut from the reference with the largest accuracy margin. */
export function stakeholderSolution(track: TrackId): { recipe: Recipe; label: string; evaluation: Evaluation; reduction: number; margin: number } | null {
  const spec = SPECS[validateTrack(track)]
  const ref = evaluateSpec(spec, stakeholderReference(track))
  const limit = ref.energyPerInferenceJ * (1 - spec.stakeholder.powerCutFraction)
  const found = sweep(track).filter((p) => distilledSmaller(spec, p.recipe) && inSpec(p.evaluation) && p.evaluation.energyPerInferenceJ <= limit)
  if (found.length === 0) return null
  const best = found.reduce((a, b) => (margin(track, b.evaluation) > margin(track, a.evaluation) ? b : a))
  return { recipe: best.recipe, label: best.label, evaluation: best.evaluation, reduction: 1 - best.evaluation.energyPerInferenceJ / ref.energyPerInferenceJ, margin: margin(track, best.evaluation) }
}

export type ArchetypeKind = 'heavy' | 'light'
/** The archetypes in the seed's words, for every table, plot and download that names them. */
export const ARCHETYPE_LABEL: Record<ArchetypeKind, string> = { heavy: 'Heavy model, aggressive quantization', light: 'Light student, high precision' }

/** The seed's two archetypes as a predicate on a recipe (one definition for the ledger's search and the class's contracts):
 *  heavy = the teacher at aggressive precision (INT4 or binary); light = a distilled smaller student at INT8 or FP16;
 *  null = neither. Either may be pruned (any pattern: the part-2 lever serves both) and trained at its precision
 *  (distillation = training-aware), as the storyboard's archetypes are. */
export function archetypeOf(track: TrackId, recipe: Recipe): ArchetypeKind | null {
  const spec = SPECS[validateTrack(track)]
  const r = validateRecipe(track, recipe) // resolves the 'baseline' alias to the teacher's id; throws on a bad recipe
  if (r.student === spec.baseline && (r.precision === 'int4' || r.precision === 'binary')) return 'heavy'
  if (distilledSmaller(spec, r) && (r.precision === 'int8' || r.precision === 'fp16')) return 'light'
  return null
}

/** Relative energy differences the model cannot claim (it is honest to 2–3 significant digits). */
const ENERGY_RESOLUTION = 0.01
const candidateCache = new Map<string, ParetoPoint[]>()
/** Every recipe of one archetype at the slider's resolution (the sweep's 10% grid would miss a narrow window: Edge's
 *  heavy teacher is in spec only from 72% channels): heavy = the teacher at INT4 or binary, post-training or trained at
 *  its precision; light = each smaller student, distilled at its best temperature, at INT8 or FP16; each dense or pruned
 *  in any pattern at every ratio a student can set. */
export function archetypeCandidates(track: TrackId, kind: ArchetypeKind): ParetoPoint[] {
  const t = validateTrack(track)
  const key = `${t}|${kind}`
  const hit = candidateCache.get(key)
  if (hit) return hit
  const spec = SPECS[t]
  const teacher = modelOf(spec, spec.baseline)
  const shapes = [{ pattern: PATTERN.default, sparsity: 0 }, ...PATTERN.values.flatMap((pattern) => patternSteps(pattern).map((sparsity) => ({ pattern, sparsity })))]
  const trainings = kind === 'heavy'
    ? [teacher].flatMap((m) => DISTILL.values.map((distill) => ({ student: m.id, distill, temperature: BASELINE_RECIPE.temperature })))
    : spec.models.filter((m) => m.params.value < teacher.params.value).map((m) => ({ student: m.id, distill: true, temperature: bestTemperature(t, m.id) }))
  const precisions: Precision[] = kind === 'heavy' ? ['int4', 'binary'] : ['int8', 'fp16']
  const out = trainings.flatMap((tr) => precisions.flatMap((precision) => shapes.map((sh) => {
    const recipe: Recipe = { ...tr, ...sh, precision }
    return { recipe, evaluation: evaluateSpec(spec, recipe), label: recipeLabel(t, recipe) }
  })))
  candidateCache.set(key, out)
  return out
}

/** The ledger's two archetypes, found by search: the most energy-efficient in-spec recipe of each kind (null if none). */
export function archetypes(track: TrackId): { heavy: { recipe: Recipe; label: string; evaluation: Evaluation } | null; light: { recipe: Recipe; label: string; evaluation: Evaluation } | null } {
  const pick = (kind: ArchetypeKind) => {
    const c = archetypeCandidates(track, kind).filter((p) => inSpec(p.evaluation))
    if (c.length === 0) return null
    // energies within 1% of the least are the same to the model's 2–3 significant digits: name the simplest of them
    // (the least pruned), not a 1%-channels recipe that wins by rounding
    const least = Math.min(...c.map((p) => p.evaluation.energyPerInferenceJ))
    const best = c.filter((p) => p.evaluation.energyPerInferenceJ <= least * (1 + ENERGY_RESOLUTION))
      .reduce((a, b) => (b.recipe.sparsity < a.recipe.sparsity || (b.recipe.sparsity === a.recipe.sparsity && b.evaluation.energyPerInferenceJ < a.evaluation.energyPerInferenceJ) ? b : a))
    return { recipe: best.recipe, label: best.label, evaluation: best.evaluation }
  }
  return { heavy: pick('heavy'), light: pick('light') }
}

/** Why an archetype has no in-spec recipe on the track, from the engine: of the recipes of that kind that keep the
 *  accuracy floor, the one closest to passing and the budget it still fails (`nearest` null when none keeps the floor).
 *  null when one is in spec. */
export interface ArchetypeAbsence { nearest: { recipe: Recipe; label: string; failing: BudgetCheck; sense: 'max' | 'min' } | null; text: string }
export function archetypeAbsence(track: TrackId, kind: ArchetypeKind): ArchetypeAbsence | null {
  const t = validateTrack(track)
  const all = archetypeCandidates(t, kind)
  if (all.some((p) => inSpec(p.evaluation))) return null
  const kept = all.filter((p) => meetsFloor(t, p.evaluation.accuracy))
  if (kept.length === 0) return { nearest: null, text: 'every recipe of this kind falls below the accuracy floor' }
  // how far over its first failing budget a recipe is (value ÷ limit, or limit ÷ value for a minimum)
  const overBy = (e: Evaluation) => {
    const c = e.checks.find((x) => !x.pass)!
    return c.value > c.limit ? c.value / c.limit : c.limit / c.value
  }
  const near = kept.reduce((a, b) => (overBy(b.evaluation) < overBy(a.evaluation) ? b : a))
  const failing = near.evaluation.checks.find((x) => !x.pass)!
  const sense = SPECS[t].budgets.find((b) => b.name === failing.name)?.sense ?? 'max'
  return {
    nearest: { recipe: near.recipe, label: near.label, failing, sense },
    text: `the closest that keeps the accuracy floor, ${near.label}, still fails ${failing.name} (${sig(failing.value, 3)} ${failing.unit} vs ${sense === 'min' ? '≥' : '≤'} ${sig(failing.limit, 3)} ${failing.unit})`,
  }
}

/** Everything a presenter needs for one track, in one object (`npm run lessons` prints it). */
export function lessons(track: TrackId) {
  const t = validateTrack(track)
  const spec = SPECS[t]
  const base = evaluateSpec(spec, baselineOf(spec))
  const k = knee(t)
  const locks = Object.fromEntries((Object.keys(LOCKS) as LockId[]).map((id) => [id, lockAnswer(t, id)])) as Record<LockId, LockAnswer>
  // the distillation workbench reached with part 2's answer: the gap it opens on, and what distillation at the best T recovers
  const opening = distillationStart(t, stakeholderReference(t))
  const accuracy = (r: Recipe) => evaluateSpec(spec, r).accuracy
  return {
    track: t, name: spec.name,
    crisis: { binding: base.binding, latencyMs: base.latencyMs, energyJ: base.energyPerInferenceJ, totalBytes: base.memory.totalBytes },
    knee: { kneeBits: k.kneeBits, cliffBits: k.cliffBits, precision: k.precision },
    part2: { start: recipeLabel(t, part2Start(t)), target: part2Target(t), windows: pruningWindows(t), verdicts: patternVerdicts(t) },
    temperatures: temperatures(t),
    part3: {
      student: modelOf(spec, opening.student).name, scratch: accuracy(opening), teacher: base.accuracy,
      distilled: accuracy({ ...opening, distill: true, temperature: bestTemperature(t, opening.student) }),
    },
    stakeholder: stakeholderSolution(t),
    archetypes: archetypes(t),
    locks,
  }
}
