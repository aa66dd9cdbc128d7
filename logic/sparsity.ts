// Part 2, the sparsity workbench: curves over the pruning ratio, the game's target, and the 10-try rule, as pure
// functions over the engine's public API (composables/useSparsity.ts keeps each viewer's tries).
import {
  baselineRecipe, meetsFloor, evaluate, GAME_MAX_TRIES, gridOf, judgeTry, modelName, part2Start, part2Target, PATTERN, patternName, patternRatios, percent,
  PRECISION, precisionName, pruningText, pruningWindows, SPARSITY, TRACKS, wholePercent,
} from '../engine'
import type { Precision, Recipe, SparsityPattern, TrackId, Window } from '../engine'
import { z } from 'zod'
import { formatValue, sig } from './format'

/** The ratios the workbench's curves are drawn at (the parameter table's curve step). */
export const SPARSITY_STEPS: readonly number[] = gridOf(SPARSITY.min, SPARSITY.max, SPARSITY.curveStep)

export interface CurvePoint {
  sparsity: number
  theoretical: number
  realized: number
  latencyMs: number
  accuracy: number
}

/** The one baseline every speedup in the deck is measured against (the engine's baselineRecipe), by name. */
export function speedupBaseline(track: TrackId): string {
  return `${precisionName(PRECISION.default)} dense ${modelName(track, TRACKS[track].baseline)}`
}

/** Theoretical and realized speedup vs the FP16 dense baseline at every step, for the recipe's precision and student. */
export function sparsityCurve(track: TrackId, recipe: Recipe, pattern: SparsityPattern = 'unstructured'): CurvePoint[] {
  const steps = pattern === '2:4' ? patternRatios(pattern, SPARSITY.curveStep) : SPARSITY_STEPS
  return steps.map((s) => {
    const e = evaluate(track, { ...recipe, pattern, sparsity: s })
    return { sparsity: s, theoretical: e.theoreticalSpeedup, realized: e.realizedSpeedup, latencyMs: e.latencyMs, accuracy: e.accuracy }
  })
}

/** Whether two patterns' curves (on the same ratios) have different theoretical speedups anywhere (by more than 0.5%):
 *  one theoretical line serves both only when they agree. They differ where one pattern's smaller model moves on chip. */
export function theoryDiffers(a: readonly CurvePoint[], b: readonly CurvePoint[]): boolean {
  return a.some((p, i) => b[i] !== undefined && Math.abs(b[i].theoretical / p.theoretical - 1) > 0.005)
}

/** The highest pruning ratio of a pattern (the recipe's own by default; 2:4 has only its fixed ratio) at which the
 *  recipe's accuracy stays at or above the stakeholder's floor, or null when none does. */
export function safeSparsity(track: TrackId, recipe: Recipe, pattern: SparsityPattern = recipe.pattern): number | null {
  // at the slider's resolution, the one the game's tries are judged at (the curve's 5% grid would understate it)
  const ok = patternRatios(pattern, SPARSITY.sliderStep).filter((s) => meetsFloor(track, evaluate(track, { ...recipe, pattern, sparsity: s }).accuracy))
  return ok.length ? ok[ok.length - 1] : null
}

/** What the readout suggests after a veto, for the recipe's own pattern: how far it can go, or what else to change. */
export function vetoHint(track: TrackId, recipe: Recipe): string {
  const dense = evaluate(track, { ...recipe, pattern: PATTERN.default, sparsity: 0 })
  if (!meetsFloor(track, dense.accuracy)) return 'Below the floor even dense: raise the precision.'
  if (recipe.pattern === '2:4') {
    const others = PATTERN.values.filter((p) => p !== '2:4').map(patternName).join(' or ')
    return `2:4 always prunes ${percent(PATTERN.sparsityOf24)}, below the floor here: choose ${others}, or raise the precision.`
  }
  const safe = safeSparsity(track, recipe)
  // null: even the slider's first step trips the veto, though dense passes
  return safe === null ? 'Prune less, or raise the precision.' : `Safe up to ${pruningText(safe, recipe.pattern)} here: prune less or raise the precision.`
}

/** Speedup over the same model dense at the recipe's own precision (dense latency ÷ the recipe's latency): what pruning
 *  alone buys. For 50% unstructured at part 1's answer this is lock 2's key. */
export function speedupOverDense(track: TrackId, recipe: Recipe): number {
  const dense = evaluate(track, { ...recipe, pattern: PATTERN.default, sparsity: 0 })
  return dense.latencyMs / evaluate(track, recipe).latencyMs
}

/** "over dense INT8": the baseline speedupOverDense is measured against, in words. */
export function overDenseBaseline(recipe: Recipe): string {
  return `over dense ${precisionName(recipe.precision)}`
}

/** The budget the part-2 game is played for (the engine's part2Target: the first budget the knee's recipe fails). */
export interface GameTarget { name: string; limit: number; unit: string; sense: 'max' | 'min' }
export function gameTarget(track: TrackId): GameTarget | null {
  const name = part2Target(track)
  const b = name ? TRACKS[track].budgets.find((x) => x.name === name) : undefined
  return b ? { name: b.name, limit: b.limit.value, unit: b.limit.unit, sense: b.sense } : null
}

/** "power ≤ 1 mW", "battery ≥ 120 min" (or just "≤ 1 mW" without the name) */
export function targetText(track: TrackId, t: GameTarget, named = true): string {
  return `${named ? `${t.name} ` : ''}${t.sense === 'max' ? '≤' : '≥'} ${formatValue(t.limit, t.unit, TRACKS[track].units.bytes)}`
}

/**
 * The speedup over the FP16 dense baseline that a latency target asks for: baseline latency ÷ target (null when the
 * game's target is not latency). Realized speedup is baseline latency ÷ latency, so "realized ≥ this" ⇔ "latency ≤ target".
 */
export function requiredSpeedup(track: TrackId): number | null {
  const t = gameTarget(track)
  if (!t || t.name !== 'latency') return null
  return evaluate(track, baselineRecipe(track)).latencyMs / t.limit
}

/** The precision part 2 starts at and its target is set at: the engine's part-2 start (part 1's answer, the knee). */
export function part2Precision(track: TrackId): Precision {
  return part2Start(track).precision
}

/** One pattern's window in words: "channels 67–79% (veto from 80%)", "2:4 (50%)" (2:4 has one ratio, so no veto). */
function windowPart(w: Window, withVeto: boolean): string {
  const name = patternName(w.pattern)
  const range = w.from === w.to ? percent(w.from) : `${wholePercent(w.from)}–${percent(w.to)}`
  if (w.pattern === '2:4') return `${name} (${range})`
  return `${name} ${range}${withVeto && w.vetoFrom !== null ? ` (veto from ${percent(w.vetoFrom)})` : ''}`
}

/** "unstructured 41–61% (veto from 62%), 2:4 (50%) or channels 23–24% (veto from 25%)" and whether it is one. */
function windowList(ws: readonly Window[], withVeto = true): { text: string; verb: string } {
  const parts = ws.map((w) => windowPart(w, withVeto))
  const text = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`
  return { text, verb: parts.length === 1 ? 'meets' : 'meet' }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The engine's pruning windows in a sentence, for the precision the student holds (after the tenth try, or when the
 * presenter asks). The target is set at part 2's start (part 1's answer); a student at another precision is told what
 * holds there and what holds at part 1's answer, so a window is never read at the wrong precision.
 */
export function windowText(track: TrackId, precision: Precision = part2Precision(track)): string {
  const t = gameTarget(track)
  // every track has a part-2 target today; kept so a track whose start already meets every budget still reads sensibly
  if (!t) return 'No part-2 target here: part 1\'s precision already meets every budget; pruning only costs accuracy.'
  const goal = targetText(track, t)
  const start = part2Precision(track)
  const here = pruningWindows(track, precision)
  const held = PRECISION.names[precision]
  if (precision === start) {
    if (here.length === 0) return `No ratio of any pattern meets ${goal} at ${held} without the veto on this machine: pruning alone is not enough.`
    const { text, verb } = windowList(here)
    const never = PATTERN.values.filter((p) => !here.some((w) => w.pattern === p)).map((p) => PATTERN.names[p])
    const neverText = never.length ? ` ${capitalised(never.join(' and '))} never ${never.length === 1 ? 'does' : 'do'} here.` : ''
    return `Window at ${held}: ${text} ${verb} ${goal}.${neverText}`
  }
  // the other precision's windows without their vetoes: the sentence must fit the workbench at 18 px, and the veto
  // is the student's to find once at that precision
  const atStart = pruningWindows(track)
  const hereText = here.length ? `${windowList(here).text} ${windowList(here).verb} ${goal} here` : `no ratio meets ${goal} here`
  const startText = atStart.length ? windowList(atStart, false).text : 'none either'
  return `You are at ${held}: ${hereText}. At ${PRECISION.names[start]} (part 1's answer): ${startText}.`
}

// ---------- the 10-iteration rule ----------

/** the engine's rule (GAME_MAX_TRIES), which the class service also checks a sent result against */
export const MAX_ATTEMPTS = GAME_MAX_TRIES

/** One try of the game, as the viewer's browser keeps it (a stored list is read back only in this shape). */
export const Attempt = z.object({
  precision: z.enum(PRECISION.values as readonly Precision[] as [Precision, ...Precision[]]),
  sparsity: z.number(),
  pattern: z.enum(PATTERN.values as readonly SparsityPattern[] as [SparsityPattern, ...SparsityPattern[]]),
  student: z.string(),
  latencyMs: z.number(),
  accuracy: z.number(),
  /** the game's target budget met (false when the track has no target) */
  hit: z.boolean(),
  /** the target budget's value for this try */
  target: z.object({ name: z.string(), value: z.number(), limit: z.number(), unit: z.string() }).nullable(),
  /** accuracy below the stakeholder's floor */
  veto: z.boolean(),
})
export type Attempt = z.infer<typeof Attempt>
export type AttemptStatus = 'open' | 'success' | 'out'

/** Two numbers in as few significant digits (3 to 5) as tell them apart: an accuracy of 93.96 against a floor of 94
 *  must not read "94 % · floor 94 % · VETO". */
export function distinctSig(a: number, b: number): [string, string] {
  let digits = 3
  while (digits < 5 && a !== b && sig(a, digits) === sig(b, digits)) digits++
  return [sig(a, digits), sig(b, digits)]
}

/** Judges a recipe as one attempt with the engine's judge: target met? accuracy veto? */
export function judgeAttempt(track: TrackId, recipe: Recipe): Attempt {
  const e = evaluate(track, recipe)
  const t = judgeTry(track, recipe)
  return {
    precision: recipe.precision,
    sparsity: recipe.sparsity,
    pattern: recipe.pattern,
    student: recipe.student,
    latencyMs: e.latencyMs,
    accuracy: e.accuracy,
    hit: t.hit,
    veto: t.veto,
    target: t.check ? { name: t.check.name, value: t.check.value, limit: t.check.limit, unit: t.check.unit } : null,
  }
}

export function attemptStatus(attempts: Attempt[]): AttemptStatus {
  if (attempts.some((a) => a.hit && !a.veto)) return 'success'
  return attempts.length >= MAX_ATTEMPTS ? 'out' : 'open'
}

const sameRecipe = (a: Attempt, b: Attempt) =>
  a.precision === b.precision && a.sparsity === b.sparsity && a.pattern === b.pattern && a.student === b.student

/** Adds an attempt unless the game is over or it repeats the last one (a release after "Try" is not a new try). */
export function recordAttempt(attempts: Attempt[], attempt: Attempt): Attempt[] {
  if (attemptStatus(attempts) !== 'open') return attempts
  const last = attempts[attempts.length - 1]
  if (last && sameRecipe(last, attempt)) return attempts
  return [...attempts, attempt]
}

/** A viewer's tries as stored: at most the game's ten. */
export const AttemptList = z.array(Attempt).max(MAX_ATTEMPTS)

/** The viewer's own part-2 answer as a recipe: their winning try (what they carried out of part 2), or null. */
export function winningRecipe(track: TrackId, attempts: Attempt[]): Recipe | null {
  const a = attempts.find((x) => x.hit && !x.veto)
  return a ? { ...baselineRecipe(track), precision: a.precision, sparsity: a.sparsity, pattern: a.pattern, student: a.student } : null
}
