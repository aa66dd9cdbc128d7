// The closing slide's energy lesson: on every track, where the energy of its best in-spec recipe goes (compute, memory
// traffic, static), as the engine finds it. Which part leads differs by machine and recipe, so the slide states it from
// the engine instead of a slogan (ARCHITECTURE §3, Energy).
import { ARCHETYPE_LABEL, archetypes, baselineRecipe, evaluate, knee, recipeLabel, TRACK_IDS, TRACKS } from '../engine'
import type { ArchetypeKind, Evaluation, Recipe, TrackId } from '../engine'
import { ENERGY_PART_WORDS, ENERGY_PARTS, energySplit } from './ledger'
import type { EnergyPart, EnergySplit } from './ledger'

export interface EnergyFinding {
  /** heavy or light: the ledger's archetype; knee: the teacher at part 1's knee precision (when no archetype is in spec) */
  kind: ArchetypeKind | 'knee'
  label: string
  recipe: Recipe
  recipeText: string
  inSpec: boolean
  /** where the weights are read from: why memory traffic leads when it does (e.g. flash on the hearable) */
  weightsLevel: string
  split: EnergySplit
}

export interface TrackEnergyLesson {
  track: TrackId
  name: string
  /** the lower-energy in-spec archetype, else the teacher at the knee */
  best: EnergyFinding
  /** the other in-spec archetype where its energy mostly goes elsewhere (the lesson is per recipe too), else null */
  contrast: EnergyFinding | null
}

/** What saves energy when a part leads: why the split matters for the contract. */
export const ENERGY_LEVER: Record<EnergyPart, string> = {
  compute: 'fewer, cheaper MACs save the most',
  dataMovement: 'fewer bytes moved save the most',
  // static is busy power × latency: the clocks and leakage are paid for as long as the work runs
  static: 'finishing sooner saves the most',
}

function finding(track: TrackId, kind: EnergyFinding['kind'], label: string, recipe: Recipe, e: Evaluation): EnergyFinding {
  return {
    kind, label, recipe, recipeText: recipeLabel(track, recipe), inSpec: e.binding === null, weightsLevel: e.memory.weightsLevel, split: energySplit(e),
  }
}

/** The teacher at the precision part 1 found it keeps to (FP16 if none does). */
function kneeRecipe(track: TrackId): Recipe {
  const base = baselineRecipe(track)
  return { ...base, precision: knee(track).precision ?? base.precision }
}

export function trackEnergyLesson(track: TrackId): TrackEnergyLesson {
  const a = archetypes(track)
  const found = (['heavy', 'light'] as const)
    .flatMap((k) => {
      const x = a[k]
      return x ? [finding(track, k, ARCHETYPE_LABEL[k], x.recipe, x.evaluation)] : []
    })
    .sort((x, y) => x.split.totalJ - y.split.totalJ)
  const fallback = () => {
    const r = kneeRecipe(track)
    return finding(track, 'knee', 'The teacher at part 1\'s knee', r, evaluate(track, r))
  }
  const best = found[0] ?? fallback()
  const contrast = found.slice(1).find((f) => f.split.dominant !== best.split.dominant) ?? null
  return { track, name: TRACKS[track].name, best, contrast }
}

export function energyLessons(): TrackEnergyLesson[] {
  return TRACK_IDS.map(trackEnergyLesson)
}

export interface LessonColumn {
  key: string
  track: TrackId
  /** the track's name, or for a contrast "Tiny Pioneer, heavy model" */
  heading: string
  contrast: boolean
  finding: EnergyFinding
}

/** The closing slide's table, one column per finding: each track's best recipe, then its contrast where there is one. */
export function lessonColumns(lessons: TrackEnergyLesson[]): LessonColumn[] {
  return lessons.flatMap((l) => [
    { key: l.track, track: l.track, heading: l.name, contrast: false, finding: l.best },
    ...(l.contrast ? [{ key: `${l.track}-${l.contrast.kind}`, track: l.track, heading: `${l.name}, ${l.contrast.kind} model`, contrast: true, finding: l.contrast }] : []),
  ])
}

const listWords = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`)

/**
 * The lesson in one sentence, grouped by the part that leads each track's best recipe: "static (clocks, leakage) leads
 * in every track's best in-spec recipe — finishing sooner saves the most", or "static (clocks, leakage) leads on Cloud
 * Titan and Edge Guardian; memory traffic on Mobile Nomad and Tiny Pioneer".
 */
export function energySummary(lessons: TrackEnergyLesson[]): string {
  const groups = ENERGY_PARTS
    .map((part) => ({ part, names: lessons.filter((l) => l.best.split.dominant === part).map((l) => l.name) }))
    .filter((g) => g.names.length > 0)
    .sort((a, b) => b.names.length - a.names.length)
  if (groups.length === 1) {
    const part = groups[0].part
    const where = lessons.length > 1 ? 'every track\'s' : `${groups[0].names[0]}'s`
    return `${ENERGY_PART_WORDS[part].words} leads in ${where} best in-spec recipe — ${ENERGY_LEVER[part]}`
  }
  return groups.map((g, i) => `${ENERGY_PART_WORDS[g.part].words} ${i === 0 ? 'leads on ' : 'on '}${listWords(g.names)}`).join('; ')
}
