// fast-check generators over the whole valid input space.
import fc from 'fast-check'
import { PRECISIONS, TRACK_IDS, TRACKS, type Recipe, type TrackId } from '../../engine'

export const arbTrack = fc.constantFrom<TrackId>(...TRACK_IDS)

export const arbRecipeFor = (track: TrackId): fc.Arbitrary<Recipe> =>
  fc.record({
    precision: fc.constantFrom(...PRECISIONS),
    pattern: fc.constantFrom<Recipe['pattern']>('unstructured', '2:4'),
    sparsity: fc.double({ min: 0, max: 0.9, noNaN: true }),
    student: fc.constantFrom('baseline', ...TRACKS[track].models.map((m) => m.id)),
    distill: fc.boolean(),
    temperature: fc.double({ min: 1, max: 20, noNaN: true }),
  }).map((r) => (r.pattern === '2:4' ? { ...r, sparsity: 0.5 } : r))

export const arbCase = arbTrack.chain((track) => arbRecipeFor(track).map((recipe) => ({ track, recipe })))

/** every number reachable inside a value */
export function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v)
  else if (Array.isArray(v)) v.forEach((x) => numbers(x, out))
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => numbers(x, out))
  return out
}
