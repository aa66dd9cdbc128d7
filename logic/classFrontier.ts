// "The class on the frontier" (issue 13) as pure functions of the engine: every submitted contract evaluated by the
// engine, classified with the engine's heavy/light predicate (archetypeOf, the ledger's own), in spec or not, counted
// per kind and track, and the three most energy-efficient in-spec recipes named. The game's counts become per-track
// histograms. The service stores recipes only; every number here is recomputed.
import { ARCHETYPE_LABEL, archetypeOf, evaluate, EngineInputError, percentSig, pruningWindows, recipeLabel, TRACK_IDS, validateRecipe } from '../engine'
import type { ArchetypeKind, Evaluation, Recipe, TrackId } from '../engine'
import { recipeKey } from './pareto'
import type { ContractRow, GameCounts } from '../server/api'

export type ContractKind = ArchetypeKind | 'other'
export const KINDS: ContractKind[] = ['heavy', 'light', 'other']
export const KIND_LABEL: Record<ContractKind, string> = { ...ARCHETYPE_LABEL, other: 'Other' }
/** Kind is told by shape (chart.js point style, and the same glyph in text), never by colour alone. */
export const KIND_SHAPE: Record<ContractKind, { chart: string; glyph: string; short: string }> = {
  heavy: { chart: 'triangle', glyph: '▲', short: 'heavy' },
  light: { chart: 'circle', glyph: '●', short: 'light' },
  other: { chart: 'rect', glyph: '■', short: 'other' },
}

/** One distinct recipe of the room on one track, with how many students chose it. */
export interface ClassPoint { recipe: Recipe; label: string; evaluation: Evaluation; kind: ContractKind; inSpec: boolean; students: number }
export interface TrackRoom {
  track: TrackId
  students: number
  points: ClassPoint[]
  counts: Record<ContractKind, { inSpec: number; out: number }>
  /** the three most energy-efficient in-spec recipes (distinct), most efficient first */
  best: ClassPoint[]
}

/** Per track present in the room (in the deck's track order): the engine's view of every contract. A recipe the engine
 *  refuses (a stale baked file, say) is left out and counted in `refused`, never drawn with made-up numbers. */
export function classFrontier(contracts: ContractRow[]): { rooms: TrackRoom[]; refused: number } {
  const byTrack = new Map<TrackId, Map<string, ClassPoint>>()
  let refused = 0
  for (const c of contracts) {
    let recipe: Recipe
    try { recipe = validateRecipe(c.track, c.recipe) } catch (e) {
      if (e instanceof EngineInputError) { refused++; continue }
      throw e
    }
    const points = byTrack.get(c.track) ?? byTrack.set(c.track, new Map()).get(c.track)!
    const key = recipeKey(recipe)
    const have = points.get(key)
    if (have) { have.students++; continue }
    const evaluation = evaluate(c.track, recipe)
    points.set(key, { recipe, label: recipeLabel(c.track, recipe), evaluation, kind: archetypeOf(c.track, recipe) ?? 'other', inSpec: evaluation.binding === null, students: 1 })
  }
  const rooms = TRACK_IDS.filter((t) => byTrack.has(t)).map((track): TrackRoom => {
    const points = [...byTrack.get(track)!.values()]
    const counts = { heavy: { inSpec: 0, out: 0 }, light: { inSpec: 0, out: 0 }, other: { inSpec: 0, out: 0 } }
    for (const p of points) counts[p.kind][p.inSpec ? 'inSpec' : 'out'] += p.students
    const best = points.filter((p) => p.inSpec).sort((a, b) => a.evaluation.energyPerInferenceJ - b.evaluation.energyPerInferenceJ).slice(0, 3)
    return { track, students: points.reduce((n, p) => n + p.students, 0), points, counts, best }
  })
  return { rooms, refused }
}

export interface GameRoom {
  track: TrackId
  count: number
  found: number
  /** share who found the window; null with no games in, or on a track with no window to find */
  share: number | null
  /** the engine has a pruning window for this track's game (every track has one today) */
  window: boolean
  labels: string[]
  bars: number[]
}

/** Per track present in the room (with a contract or a game, in the deck's track order): the histogram of tries (found
 *  on try 1..max, then "out of tries") and the share who found it. A track with students but no game in still has its
 *  line; a track with no window is never "0% found the window". */
export function gameRooms(games: Partial<Record<TrackId, GameCounts>>, maxTries: number, present: readonly TrackId[] = []): GameRoom[] {
  return TRACK_IDS.filter((t) => (games[t]?.count ?? 0) > 0 || present.includes(t)).map((track) => {
    const g = games[track] ?? { count: 0, found: [], notFound: 0 }
    const found = g.found.reduce((a, b) => a + b, 0)
    const window = pruningWindows(track).length > 0
    return {
      track, count: g.count, found, window, share: g.count > 0 && window ? found / g.count : null,
      labels: [...Array.from({ length: maxTries }, (_, i) => String(i + 1)), 'out'],
      bars: [...Array.from({ length: maxTries }, (_, i) => g.found[i] ?? 0), g.notFound],
    }
  })
}

/** The line above a track's histogram, in words (the share only where there is a window and a game to count). */
export function gameCaption(g: GameRoom, name: string): string {
  if (!g.window) return `${name}: no pruning window to find on this track${g.count > 0 ? ` (${students(g.count)} played)` : ''}`
  if (g.count === 0) return `${name}: no game results in yet`
  return `${name}: ${percentSig(g.share!)} found the window (${g.found} of ${students(g.count)})`
}

/** "3 students" / "1 student" */
export const students = (n: number) => `${n} ${n === 1 ? 'student' : 'students'}`
