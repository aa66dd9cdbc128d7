// The viewer's state (track + recipe) as URL query parameters, so a link reproduces what was on screen.
// Parsing is forgiving per field: a bad field falls back to its default and is reported, the rest is kept.
import type { Recipe, TrackId } from './types'
import { PATTERN, PRECISION, SPARSITY, STUDENT, TEMPERATURE, TRACK_IDS } from './params'

/** Ratios travel as whole percent (sparsity=50). */
const PERCENT = 100

export interface DeckState {
  track: TrackId
  recipe: Recipe
}

export type Query = Record<string, string | undefined>

/** Query keys, readable in a shared link: ?track=edge&precision=int4&sparsity=50&pattern=2:4&student=…&distill=1&temperature=4 */
export function stateToQuery(state: DeckState): Record<string, string> {
  const r = state.recipe
  return {
    track: state.track,
    precision: r.precision,
    sparsity: String(Math.round(r.sparsity * PERCENT)),
    pattern: r.pattern,
    student: r.student,
    distill: r.distill ? '1' : '0',
    temperature: String(r.temperature),
  }
}

/**
 * Reads a query over `defaults`. Returns the state and one message per field that was present but invalid
 * (the field keeps its default). Range checks of the physics (e.g. 2:4 ⇒ 50%) are the engine's validateRecipe's job.
 */
export function stateFromQuery(query: Query, defaults: DeckState): { state: DeckState; problems: string[] } {
  const problems: string[] = []
  const recipe: Recipe = { ...defaults.recipe }
  let track = defaults.track

  const pick = <T extends string>(key: string, allowed: readonly T[], apply: (v: T) => void) => {
    const raw = query[key]
    if (raw === undefined) return
    if ((allowed as readonly string[]).includes(raw)) apply(raw as T)
    else problems.push(`${key}: "${raw}" is not one of ${allowed.join(', ')}`)
  }
  const num = (key: string, min: number, max: number, apply: (v: number) => void) => {
    const raw = query[key]
    if (raw === undefined) return
    const v = Number(raw)
    if (raw.trim() !== '' && Number.isFinite(v) && v >= min && v <= max) apply(v)
    else problems.push(`${key}: "${raw}" is not a number from ${min} to ${max}`)
  }

  pick('track', TRACK_IDS, (v) => (track = v))
  pick('precision', PRECISION.values, (v) => (recipe.precision = v))
  pick('pattern', PATTERN.values, (v) => (recipe.pattern = v))
  num('sparsity', SPARSITY.min * PERCENT, SPARSITY.max * PERCENT, (v) => (recipe.sparsity = v / PERCENT))
  num('temperature', TEMPERATURE.min, TEMPERATURE.max, (v) => (recipe.temperature = v))
  pick('distill', ['0', '1'] as const, (v) => (recipe.distill = v === '1'))
  if (query.student !== undefined) {
    if (STUDENT.idPattern.test(query.student)) recipe.student = query.student
    else problems.push(`student: "${query.student}" is not a model id`)
  }
  return { state: { track, recipe }, problems }
}
