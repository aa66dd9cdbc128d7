// The public Track objects, with each crisis sentence built from evaluate()'s numbers for the FP16 baseline.
import type { ModelSpec, Recipe, Track, TrackId } from './types'
import type { TrackSpec } from './spec'
import { SPECS } from './tracks'
import { baselineOf, evaluateSpec, modelOf } from './evaluate'
import { validateTrack } from './validate'
import { BASELINE_ALIAS, BASELINE_RECIPE, PRECISION, TRACK_IDS } from './params'
import { macEnergy } from './energy'

/** The crisis sentence and the badge's headline: the track's own story told with the FP16 baseline's numbers. */
function crisisOf(spec: TrackSpec): { crisis: string; crisisHeadline: string } {
  const e = evaluateSpec(spec, baselineOf(spec))
  return { crisis: spec.story.crisis(e, spec), crisisHeadline: spec.story.headline(e, spec) }
}

function toTrack(spec: TrackSpec): Track {
  const models: ModelSpec[] = spec.models.map((m) => ({
    id: m.id, name: m.name, params: m.params, accuracy: m.accuracy, macs: m.macs, layers: m.layers, activationBytes16: m.actPeakBytes16,
    ...(m.kv ? { kv: m.kv } : {}),
  }))
  const mc = spec.machine
  const paths = Object.fromEntries(PRECISION.values.map((p) => {
    const x = mc.paths[p]
    return [p, { fastPath: x.fastPath, unit: x.unit, macsPerS: x.macsPerS, utilisation: x.utilisation, energyPerMacJ: macEnergy(spec, p) }]
  })) as Track['machine']['paths']
  return {
    id: spec.id, name: spec.name, persona: spec.persona, mission: spec.mission,
    ...crisisOf(spec),
    stakeholder: { ...spec.stakeholder },
    machine: {
      name: mc.name, levels: [mc.main, mc.onChip], fitLevel: mc.fitLevel === 'main' ? mc.main.name : mc.onChip.name, paths,
      sparseFastPath: { 'unstructured': mc.unstructured.skip !== undefined, '2:4': mc.sparse24.fp16 || mc.sparse24.int8, 'channels': true }, busyPowerW: mc.activePowerW,
    },
    workload: { batch: spec.batch, ratePerS: spec.ratePerS, ...(spec.context ? { context: spec.context } : {}) },
    metric: { name: spec.metric.name, unit: spec.metric.unit },
    baseline: spec.baseline,
    baselineAccuracy: modelOf(spec, spec.baseline).accuracy.value,
    models,
    budgets: spec.budgets,
    units: { bytes: spec.story.byteUnits, energy: spec.story.energyUnit },
  }
}

export const TRACKS: Record<TrackId, Track> = Object.fromEntries(TRACK_IDS.map((id) => [id, toTrack(SPECS[id])])) as Record<TrackId, Track>

/** A model's name on a track, by id or by the baseline alias. */
export function modelName(track: TrackId, id: string): string {
  const spec = SPECS[validateTrack(track)]
  return modelOf(spec, id === BASELINE_ALIAS ? spec.baseline : id).name
}

export function baselineRecipe(track: TrackId): Recipe {
  return { ...BASELINE_RECIPE, student: TRACKS[validateTrack(track)].baseline }
}
