// Input validation: every bad field throws EngineInputError naming it; nothing is mutated.
import type { Recipe, TrackId } from './types'
import { BASELINE_ALIAS, isTrackId, PARAMS, PATTERN, TRACK_IDS } from './params'
import { SPECS } from './tracks'

export class EngineInputError extends Error {
  readonly field: string
  constructor(field: string, message: string) {
    super(`${field}: ${message}`)
    this.name = 'EngineInputError'
    this.field = field
  }
}

export function validateTrack(track: unknown): TrackId {
  if (!isTrackId(track)) throw new EngineInputError('track', `unknown track ${JSON.stringify(track)}; expected one of ${TRACK_IDS.join(', ')}`)
  return track
}

/** Returns a clean copy of the recipe with 'baseline' resolved to the track's baseline model id. Each field is checked by its
 *  entry of the parameter table (engine/params.ts), in the table's order; then the rules that join fields. */
export function validateRecipe(track: TrackId, recipe: unknown): Recipe {
  const t = validateTrack(track)
  if (typeof recipe !== 'object' || recipe === null) throw new EngineInputError('recipe', 'must be an object')
  const r = recipe as Record<string, unknown>
  for (const p of PARAMS) {
    const problem = p.problem(r[p.key])
    if (problem !== null) throw new EngineInputError(p.key, problem)
  }
  const v = r as unknown as Recipe // every field checked above
  if (v.pattern === '2:4' && Math.abs(v.sparsity - PATTERN.sparsityOf24) > 1e-9) throw new EngineInputError('sparsity', `the 2:4 pattern prunes exactly ${PATTERN.sparsityOf24}, got ${v.sparsity}`)
  const spec = SPECS[t]
  const student = v.student === BASELINE_ALIAS ? spec.baseline : v.student
  if (!spec.models.some((m) => m.id === student))
    throw new EngineInputError('student', `unknown model ${JSON.stringify(v.student)} for ${t}; expected one of ${spec.models.map((m) => m.id).join(', ')} or '${BASELINE_ALIAS}'`)
  return { precision: v.precision, sparsity: v.pattern === '2:4' ? PATTERN.sparsityOf24 : v.sparsity, pattern: v.pattern, student, distill: v.distill, temperature: v.temperature }
}
