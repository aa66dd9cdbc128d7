// Input validation: every bad field throws EngineInputError naming it; nothing is mutated.
import type { Precision, Recipe, SparsityPattern, TrackId } from './types'
import { BASELINE_ALIAS, PATTERN, PRECISION, SPARSITY, TEMPERATURE, TRACK_IDS } from './params'
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
  if (typeof track !== 'string' || !(TRACK_IDS as string[]).includes(track))
    throw new EngineInputError('track', `unknown track ${JSON.stringify(track)}; expected one of ${TRACK_IDS.join(', ')}`)
  return track as TrackId
}

const finite = (field: string, v: unknown): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineInputError(field, `must be a finite number, got ${String(v)}`)
  return v
}

/** Returns a clean copy of the recipe with 'baseline' resolved to the track's baseline model id. */
export function validateRecipe(track: TrackId, recipe: unknown): Recipe {
  const t = validateTrack(track)
  if (typeof recipe !== 'object' || recipe === null) throw new EngineInputError('recipe', 'must be an object')
  const r = recipe as Record<string, unknown>
  if (typeof r.precision !== 'string' || !(PRECISION.values as readonly string[]).includes(r.precision))
    throw new EngineInputError('precision', `unknown precision ${JSON.stringify(r.precision)}; expected one of ${PRECISION.values.join(', ')}`)
  const sparsity = finite('sparsity', r.sparsity)
  if (sparsity < SPARSITY.min || sparsity > SPARSITY.max) throw new EngineInputError('sparsity', `must be between ${SPARSITY.min} and ${SPARSITY.max}, got ${sparsity}`)
  if (typeof r.pattern !== 'string' || !(PATTERN.values as readonly string[]).includes(r.pattern))
    throw new EngineInputError('pattern', `unknown pattern ${JSON.stringify(r.pattern)}; expected one of ${PATTERN.values.map((p) => `'${p}'`).join(', ')}`)
  if (r.pattern === '2:4' && Math.abs(sparsity - PATTERN.sparsityOf24) > 1e-9) throw new EngineInputError('sparsity', `the 2:4 pattern prunes exactly ${PATTERN.sparsityOf24}, got ${sparsity}`)
  if (typeof r.student !== 'string') throw new EngineInputError('student', 'must be a model id string')
  const spec = SPECS[t]
  const student = r.student === BASELINE_ALIAS ? spec.baseline : r.student
  if (!spec.models.some((m) => m.id === student))
    throw new EngineInputError('student', `unknown model ${JSON.stringify(r.student)} for ${t}; expected one of ${spec.models.map((m) => m.id).join(', ')} or '${BASELINE_ALIAS}'`)
  if (typeof r.distill !== 'boolean') throw new EngineInputError('distill', `must be true or false, got ${String(r.distill)}`)
  const temperature = finite('temperature', r.temperature)
  if (temperature < TEMPERATURE.min || temperature > TEMPERATURE.max)
    throw new EngineInputError('temperature', `must be between ${TEMPERATURE.min} and ${TEMPERATURE.max}, got ${temperature}`)
  return { precision: r.precision as Precision, sparsity: r.pattern === '2:4' ? PATTERN.sparsityOf24 : sparsity, pattern: r.pattern as SparsityPattern, student, distill: r.distill, temperature }
}
