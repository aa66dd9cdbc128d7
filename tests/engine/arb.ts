// fast-check generators over the whole valid input space.
import fc from 'fast-check'
import { PATTERN, PRECISION, SPARSITY, TEMPERATURE, TRACK_IDS, TRACKS, type Recipe, type TrackId } from '../../engine'

export const arbTrack = fc.constantFrom<TrackId>(...TRACK_IDS)

export const arbRecipeFor = (track: TrackId): fc.Arbitrary<Recipe> =>
  fc.record({
    precision: fc.constantFrom(...PRECISION.values),
    pattern: fc.constantFrom(...PATTERN.values),
    sparsity: fc.double({ min: SPARSITY.min, max: SPARSITY.max, noNaN: true }),
    student: fc.constantFrom('baseline', ...TRACKS[track].models.map((m) => m.id)),
    distill: fc.boolean(),
    temperature: fc.double({ min: TEMPERATURE.min, max: TEMPERATURE.max, noNaN: true }),
  }).map((r) => (r.pattern === '2:4' ? { ...r, sparsity: PATTERN.sparsityOf24 } : r))

export const arbCase = arbTrack.chain((track) => arbRecipeFor(track).map((recipe) => ({ track, recipe })))

/** every number reachable inside a value */
export function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v)
  else if (Array.isArray(v)) v.forEach((x) => numbers(x, out))
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => numbers(x, out))
  return out
}
