// The viewer's state (track + recipe) as URL query parameters, so a link reproduces what was on screen.
// Parsing is forgiving per field: a bad field falls back to its default and is reported, the rest is kept.
import type { Precision, Recipe, SparsityPattern, TrackId } from './types'

const TRACK_IDS: readonly TrackId[] = ['cloud', 'edge', 'mobile', 'tiny']
const PRECISIONS: readonly Precision[] = ['fp16', 'int8', 'int4', 'binary']
const PATTERNS: readonly SparsityPattern[] = ['unstructured', '2:4']

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
    sparsity: String(Math.round(r.sparsity * 100)),
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
  pick('precision', PRECISIONS, (v) => (recipe.precision = v))
  pick('pattern', PATTERNS, (v) => (recipe.pattern = v))
  num('sparsity', 0, 90, (v) => (recipe.sparsity = v / 100))
  num('temperature', 1, 20, (v) => (recipe.temperature = v))
  pick('distill', ['0', '1'] as const, (v) => (recipe.distill = v === '1'))
  if (query.student !== undefined) {
    if (/^[\w.:-]{1,64}$/.test(query.student)) recipe.student = query.student
    else problems.push(`student: "${query.student}" is not a model id`)
  }
  return { state: { track, recipe }, problems }
}
