// The viewer's state (track + recipe) as URL query parameters, so a link reproduces what was on screen. The recipe's keys
// and their coding are the parameter table's (engine/params.ts PARAMS): this module only loops over it.
// Parsing is forgiving per field: a bad field falls back to its default and is reported, the rest is kept.
import type { Recipe, TrackId } from './types'
import { isTrackId, PARAMS, TRACK_IDS, type Param } from './params'

export interface DeckState {
  track: TrackId
  recipe: Recipe
}

export type Query = Record<string, string | undefined>

/** Query keys, readable in a shared link: ?track=edge&precision=int4&sparsity=50&pattern=2:4&student=…&distill=1&temperature=4 */
export function stateToQuery(state: DeckState): Record<string, string> {
  const q: Record<string, string> = { track: state.track }
  for (const p of PARAMS as readonly Param[]) q[p.key] = p.toQuery(state.recipe[p.key])
  return q
}

/**
 * Reads a query over `defaults`. Returns the state and one message per field that was present but invalid
 * (the field keeps its default). Range checks of the physics (e.g. 2:4 ⇒ 50%) are the engine's validateRecipe's job.
 */
export function stateFromQuery(query: Query, defaults: DeckState): { state: DeckState; problems: string[] } {
  const problems: string[] = []
  const recipe: Record<string, unknown> = { ...defaults.recipe }
  let track = defaults.track
  const raw = query.track
  if (raw !== undefined) {
    if (isTrackId(raw)) track = raw
    else problems.push(`track: "${raw}" is not one of ${TRACK_IDS.join(', ')}`)
  }
  for (const p of PARAMS as readonly Param[]) {
    const r = query[p.key]
    if (r === undefined) continue
    const v = p.fromQuery(r)
    if (v === undefined) problems.push(`${p.key}: "${r}" ${p.expects}`)
    else recipe[p.key] = v
  }
  return { state: { track, recipe: recipe as unknown as Recipe }, problems }
}
