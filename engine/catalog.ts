// The public Track objects, with each crisis sentence built from evaluate()'s numbers for the FP16 baseline.
import type { Evaluation, ModelSpec, Recipe, Track, TrackId } from './types'
import type { TrackSpec } from './spec'
import { SPECS } from './tracks'
import { baselineOf, evaluateSpec, modelOf } from './evaluate'
import { validateTrack } from './validate'
import { PRECISIONS } from './constants'
import { BASELINE_ALIAS, BASELINE_RECIPE, TRACK_IDS } from './params'
import { macEnergy } from './energy'

const sig = (x: number, d = 3) => Number(x.toPrecision(d)).toLocaleString('en-US')
const check = (e: Evaluation, name: string) => e.checks.find((c) => c.name === name)!

function crisisOf(spec: TrackSpec): string {
  const e = evaluateSpec(spec, baselineOf(spec))
  const m = e.memory
  const teacher = modelOf(spec, spec.baseline).name
  switch (spec.id) {
    case 'cloud': {
      const cap = m.capacityBytes / 1e9
      return `${teacher} needs ${sig(m.totalBytes / 1e9)} GB at FP16 (${sig(m.weightsBytes / 1e9)} GB of weights + ${sig(m.kvCacheBytes / 1e9, 2)} GB of KV cache at ${spec.context!.value} tokens); one H100 has ${cap} GB: ${m.fits ? 'it fits' : `OOM by ${sig(m.totalBytes / 1e9 - cap, 2)} GB`}.`
    }
    case 'edge':
      return `At FP16 the ${teacher} perception network takes ${sig(e.latencyMs, 2)} ms per frame on ${spec.machine.name}; the safety loop allows ${check(e, 'latency').limit} ms (${sig(e.latencyMs / check(e, 'latency').limit, 2)}× over).`
    case 'mobile': {
      const b = check(e, 'battery')
      const rest = spec.baselinePowerW.value
      const p = check(e, 'power').value
      // energy per frame needed for the battery target, with the rest of the glasses unchanged
      const need = (spec.batteryJ!.value / (b.limit * 60) - rest) / spec.ratePerS.value
      return `At FP16 and 60 FPS the glasses draw ${sig(p, 2)} W (thermal envelope ${check(e, 'power').limit} W) and drain the 960 mWh battery in ${sig(b.value, 2)} min; a ${b.limit}-min session needs ${sig(e.energyPerInferenceJ / need, 2)}× less energy per frame.`
    }
    case 'tiny': {
      const kib = m.totalBytes / 1024
      const cap = m.capacityBytes / 1024
      const lat = check(e, 'latency'), pw = check(e, 'power')
      return `The FP16 ${teacher} needs ${sig(kib)} KiB (${sig(m.weightsBytes / 1024)} KiB of weights + ${sig(m.activationsBytes / 1024)} KiB of activations) and the SRAM holds ${cap} KiB: the weights stream from ${m.weightsLevel} every inference, ${sig(lat.value, 2)} ms and ${sig(pw.value, 2)} mW against < ${lat.limit} ms under ${pw.limit} mW. Compress ${sig(kib / cap, 2)}× to hold the model on chip.`
    }
  }
}

/** The crisis in a few words for the badge on every slide, from the same FP16 evaluation. */
function crisisHeadlineOf(spec: TrackSpec): string {
  const e = evaluateSpec(spec, baselineOf(spec))
  const m = e.memory
  switch (spec.id) {
    case 'cloud':
      return `${sig(m.totalBytes / 1e9)} GB at FP16 vs ${m.capacityBytes / 1e9} GB of HBM${m.fits ? '' : ': OOM'}`
    case 'edge':
      return `${sig(e.latencyMs, 2)} ms per frame vs a ${check(e, 'latency').limit} ms safety loop`
    case 'mobile':
      return `battery empty in ${sig(check(e, 'battery').value, 2)} min at 60 FPS`
    case 'tiny':
      return `${sig(m.totalBytes / 1024)} KiB at FP16 vs ${m.capacityBytes / 1024} KiB of SRAM: ${sig(e.latencyMs, 2)} ms from ${m.weightsLevel}`
  }
}

function toTrack(spec: TrackSpec): Track {
  const models: ModelSpec[] = spec.models.map((m) => ({
    id: m.id, name: m.name, params: m.params, accuracy: m.accuracy, macs: m.macs, layers: m.layers, activationBytes16: m.actPeakBytes16,
    ...(m.kv ? { kv: m.kv } : {}),
  }))
  const mc = spec.machine
  const paths = Object.fromEntries(PRECISIONS.map((p) => {
    const x = mc.paths[p]
    return [p, { fastPath: x.fastPath, unit: x.unit, macsPerS: x.macsPerS, utilisation: x.utilisation, energyPerMacJ: macEnergy(spec, p) }]
  })) as Track['machine']['paths']
  return {
    id: spec.id, name: spec.name, persona: spec.persona, mission: spec.mission,
    crisis: crisisOf(spec),
    crisisHeadline: crisisHeadlineOf(spec),
    stakeholder: { ...spec.stakeholder },
    machine: {
      name: mc.name, levels: [mc.main, mc.onChip], fitLevel: mc.fitLevel === 'main' ? mc.main.name : mc.onChip.name, paths,
      sparseFastPath: { unstructured: mc.unstructured.skip !== undefined, '2:4': mc.sparse24.fp16 || mc.sparse24.int8 }, busyPowerW: mc.activePowerW,
    },
    workload: { batch: spec.batch, ratePerS: spec.ratePerS, ...(spec.context ? { context: spec.context } : {}) },
    metric: { name: spec.metric.name, unit: spec.metric.unit },
    baseline: spec.baseline,
    baselineAccuracy: modelOf(spec, spec.baseline).accuracy.value,
    models,
    budgets: spec.budgets,
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
