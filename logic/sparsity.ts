// Part 2, the sparsity workbench: curves over the pruning ratio, the game's target, and the 10-try rule, as pure
// functions over the engine's public API (composables/useSparsity.ts keeps each viewer's tries).
import {
  baselineRecipe, meetsFloor, evaluate, GAME_MAX_TRIES, gridOf, judgeTry, modelName, part2Target, PATTERN, pruningWindows, SPARSITY, TRACKS,
} from '../engine'
import type { Evaluation, Recipe, SparsityPattern, TrackId } from '../engine'
import { formatValue } from './format'

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
  return `FP16 dense ${modelName(track, TRACKS[track].baseline)}`
}

/** Theoretical and realized speedup vs the FP16 dense baseline at every step, for the recipe's precision and student. */
export function sparsityCurve(track: TrackId, recipe: Recipe, pattern: SparsityPattern = 'unstructured'): CurvePoint[] {
  const steps = pattern === '2:4' ? [PATTERN.sparsityOf24] : SPARSITY_STEPS
  return steps.map((s) => {
    const e = evaluate(track, { ...recipe, pattern, sparsity: s })
    return { sparsity: s, theoretical: e.theoreticalSpeedup, realized: e.realizedSpeedup, latencyMs: e.latencyMs, accuracy: e.accuracy }
  })
}

/** The highest unstructured pruning ratio (on the curve's grid) at which the recipe's accuracy stays at or above the
 *  stakeholder's floor, or null when none does: what the readout suggests after a veto. */
export function safeSparsity(track: TrackId, recipe: Recipe): number | null {
  const ok = sparsityCurve(track, recipe, 'unstructured').filter((p) => meetsFloor(track, p.accuracy))
  return ok.length ? ok[ok.length - 1].sparsity : null
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

/** The engine's pruning window in one sentence, for after the tenth try (or when the presenter asks). */
export function windowText(track: TrackId): string {
  const t = gameTarget(track)
  if (!t) return 'No part-2 target here: part 1\'s precision already meets every budget; pruning only costs accuracy.'
  const ws = pruningWindows(track)
  if (ws.length === 0) return `No ratio meets ${targetText(track, t)} without the veto on this machine: part 3's smaller student does.`
  const parts = ws.map((w) => (w.pattern === '2:4' ? '2:4' : `${Math.round(w.from * 100)}–${Math.round(w.to * 100)}% unstructured`))
  const veto = ws.find((w) => w.vetoFrom !== null)?.vetoFrom
  return `Window: ${parts.join(' or ')} meets ${targetText(track, t)}${veto ? `; the veto trips from ${Math.round(veto * 100)}%` : ''}.`
}

// ---------- the 10-iteration rule ----------

/** the engine's rule (GAME_MAX_TRIES), which the class service also checks a sent result against */
export const MAX_ATTEMPTS = GAME_MAX_TRIES

export interface Attempt {
  precision: Recipe['precision']
  sparsity: number
  pattern: SparsityPattern
  student: string
  latencyMs: number
  accuracy: number
  /** the game's target budget met (false when the track has no target) */
  hit: boolean
  /** the target budget's value for this try */
  target: { name: string; value: number; limit: number; unit: string } | null
  /** accuracy below the stakeholder's floor */
  veto: boolean
}
export type AttemptStatus = 'open' | 'success' | 'out'

/** The accuracy veto: the stakeholder refuses any recipe below the track's accuracy floor. */
export function isVetoed(track: TrackId, e: Evaluation): boolean {
  return !meetsFloor(track, e.accuracy)
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

export const isAttemptList = (v: unknown): v is Attempt[] =>
  Array.isArray(v) && v.length <= MAX_ATTEMPTS && v.every((a) => a && typeof a === 'object' && typeof (a as Attempt).latencyMs === 'number')
