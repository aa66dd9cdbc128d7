// Part 2, the sparsity workbench: curves over the pruning ratio, the game's target, and the 10-iteration rule.
// Pure functions over the engine's public API (tested in tests/components), plus a small per-viewer store.
import { ref, watch, type Ref } from 'vue'
import {
  accuracyFloor, baselineRecipe, evaluate, GAME_MAX_TRIES, gridOf, judgeTry, modelName, part2Target, PATTERN, pruningWindows, SPARSITY, TRACKS,
} from '../engine'
import type { Evaluation, Recipe, SparsityPattern, TrackId } from '../engine'
import { formatValue } from './useLedger'

/** Pruning ratios drawn on the throughput-vs-sparsity plot (the slider's range, 0–90%). */
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

/** The budget the part-2 game is played for (the engine's part2Target: the first budget the knee's recipe fails). */
export interface GameTarget { name: string; limit: number; unit: string; sense: 'max' | 'min' }
export function gameTarget(track: TrackId): GameTarget | null {
  const name = part2Target(track)
  const b = name ? TRACKS[track].budgets.find((x) => x.name === name) : undefined
  return b ? { name: b.name, limit: b.limit.value, unit: b.limit.unit, sense: b.sense } : null
}

/** "power ≤ 1 mW", "battery ≥ 120 min" (or just "≤ 1 mW" without the name) */
export function targetText(t: GameTarget, named = true): string {
  return `${named ? `${t.name} ` : ''}${t.sense === 'max' ? '≤' : '≥'} ${formatValue(t.limit, t.unit)}`
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
  if (ws.length === 0) return `No ratio meets ${targetText(t)} without the veto on this machine: part 3's smaller student does.`
  const parts = ws.map((w) => (w.pattern === '2:4' ? '2:4' : `${Math.round(w.from * 100)}–${Math.round(w.to * 100)}% unstructured`))
  const veto = ws.find((w) => w.vetoFrom !== null)?.vetoFrom
  return `Window: ${parts.join(' or ')} meets ${targetText(t)}${veto ? `; the veto trips from ${Math.round(veto * 100)}%` : ''}.`
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
  return e.accuracy < accuracyFloor(track)
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

// ---------- per-viewer storage (sessionStorage when it works; memory otherwise) ----------

export function readSession<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = globalThis.sessionStorage?.getItem(key)
    if (raw == null) return fallback
    const v: unknown = JSON.parse(raw)
    return valid(v) ? v : fallback
  } catch {
    return fallback
  }
}

export function writeSession(key: string, value: unknown): void {
  try {
    globalThis.sessionStorage?.setItem(key, JSON.stringify(value))
  } catch {
    /* private mode or storage full: the state lives in memory only */
  }
}

const isAttemptList = (v: unknown): v is Attempt[] =>
  Array.isArray(v) && v.length <= MAX_ATTEMPTS && v.every((a) => a && typeof a === 'object' && typeof (a as Attempt).latencyMs === 'number')

/** The attempts of the current track, kept per viewer (and per track) for the browser session. */
export function useAttempts(track: Ref<TrackId>) {
  const key = () => `silicon-contract:attempts:${track.value}`
  const attempts = ref<Attempt[]>(readSession(key(), [], isAttemptList))
  watch(track, () => (attempts.value = readSession(key(), [], isAttemptList)))
  const save = () => writeSession(key(), attempts.value)
  return {
    attempts,
    record(recipe: Recipe) {
      attempts.value = recordAttempt(attempts.value, judgeAttempt(track.value, recipe))
      save()
    },
    restart() {
      attempts.value = []
      save()
    },
  }
}

// ---------- the speedup waterfall ----------

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

/**
 * Amdahl's law on the engine's last waterfall step (the non-accelerated remainder): before it, the compressed layers run
 * k× faster than at FP16 dense (after every overhead); after it, the whole inference runs S× faster. The share f of the
 * baseline time spent in those layers follows: f = (1 − 1/S) / (1 − 1/k). null when k ≈ 1 (nothing accelerated).
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
