// Roofline latency with named realism steps, so the gap between theoretical and realized speedup can be drawn.
import type { Recipe, SpeedupStep } from './types'
import type { MemLevel, ModelDef, TrackSpec } from './spec'
import { BITS } from './constants'
import type { MemoryParts } from './memory'

/** Where each byte stream comes from, and how much of it moves per inference. */
export interface Traffic {
  weightBytes: number // values + all metadata, read once per inference
  actBytes: number
  kvBytes: number
  weightLevel: MemLevel
  actLevel: MemLevel
  weightsOnChip: boolean
  actOnChip: boolean
}

export function trafficOf(spec: TrackSpec, model: ModelDef, mem: MemoryParts): Traffic {
  const { main, onChip } = spec.machine
  const weightBytes = mem.weightsBytes + mem.quantMetadataBytes + mem.sparseMetadataBytes
  const cap = onChip.capacityBytes.value
  const weightsOnChip = weightBytes <= cap
  const actOnChip = (weightsOnChip ? weightBytes : 0) + mem.activationsBytes <= cap
  return {
    weightBytes,
    actBytes: ((model.actTrafficBytes16.value * mem.actBits) / 16) * spec.batch.value,
    kvBytes: mem.kvCacheBytes, // decode reads the whole cache once per token
    weightLevel: weightsOnChip ? onChip : main,
    actLevel: actOnChip ? onChip : main,
    weightsOnChip, actOnChip,
  }
}

/** Which realism is switched on; all false = the theoretical ideal, all true = the realized time. */
export interface Realism { precisionPath: boolean; dequant: boolean; sparsePath: boolean; metadata: boolean; activations: boolean; rest: boolean }
export const IDEAL: Realism = { precisionPath: false, dequant: false, sparsePath: false, metadata: false, activations: false, rest: false }
export const REAL: Realism = { precisionPath: true, dequant: true, sparsePath: true, metadata: true, activations: true, rest: true }

export interface Timing { seconds: number; memS: number; computeS: number; restS: number; macsExecuted: number }

export function sparse24Fast(spec: TrackSpec, recipe: Recipe): boolean {
  const exec = spec.machine.paths[recipe.precision].execAs
  return recipe.pattern === '2:4' && recipe.sparsity > 0 && spec.machine.sparse24[exec]
}

/** Non-accelerated remainder: pre/post-processing, per-layer non-GEMM work, attention over the FP16 KV cache. */
export function restSeconds(spec: TrackSpec, model: ModelDef, kvBytes: number): number {
  const m = spec.machine.main
  const kv = kvBytes / (m.bandwidthBps.value * spec.machine.bandwidthUtilisation.value)
  return (spec.restFixedMs.value + spec.restPerLayerMs.value * model.layers.value) / 1000 + kv
}

export function timeOf(spec: TrackSpec, model: ModelDef, recipe: Recipe, mem: MemoryParts, tr: Traffic, r: Realism): Timing {
  const mc = spec.machine
  const bits = BITS[recipe.precision]
  const s = recipe.sparsity
  const ideal = (bits * (1 - s)) / 16 // fraction of weight bytes and ops the naive arithmetic promises
  const uBW = mc.bandwidthUtilisation.value
  const path = mc.paths[recipe.precision]
  const fp16 = mc.paths.fp16

  // weight stream
  const wBytes = r.metadata ? tr.weightBytes : model.params.value * 2 * ideal
  let eta = 1
  if (r.metadata && mem.format !== 'dense') eta = mem.format === '2:4' && sparse24Fast(spec, recipe) ? mc.sparse24Efficiency.value : mc.unstructuredEfficiency.value
  const wBW = tr.weightLevel.bandwidthBps.value * uBW * eta
  // activation stream
  const aBytes = r.activations ? tr.actBytes : model.actTrafficBytes16.value * spec.batch.value * ideal
  const aBW = tr.actLevel.bandwidthBps.value * uBW
  const memS = wBytes / wBW + aBytes / aBW

  // compute
  const macs = model.macs.value * spec.batch.value
  const skip = r.sparsePath ? (sparse24Fast(spec, recipe) ? 0.5 : 0) : s
  const macsExecuted = macs * (1 - skip)
  const realRate = path.macsPerS.value * path.utilisation.value
  const idealRate = Math.max(realRate, fp16.macsPerS.value * fp16.utilisation.value * (16 / bits))
  const computeS = macsExecuted / (r.precisionPath ? realRate : idealRate)

  const deq = r.dequant ? path.dequantEfficiency.value : 1
  const restS = r.rest ? restSeconds(spec, model, tr.kvBytes) : 0
  return { seconds: Math.max(memS, computeS) / deq + restS, memS, computeS, restS, macsExecuted }
}

/** Physical floor: bytes per level ÷ that level's peak bandwidth, or executed MACs ÷ the unit's peak; no utilisation. */
export function floorSeconds(spec: TrackSpec, tr: Traffic, macsExecuted: number, recipe: Recipe): number {
  const { main, onChip } = spec.machine
  let onMain = tr.kvBytes, onChipB = 0
  if (tr.weightsOnChip) onChipB += tr.weightBytes; else onMain += tr.weightBytes
  if (tr.actOnChip) onChipB += tr.actBytes; else onMain += tr.actBytes
  const peak = spec.machine.paths[recipe.precision].macsPerS.value
  return Math.max(onMain / main.bandwidthBps.value, onChipB / onChip.bandwidthBps.value, macsExecuted / peak)
}

const STEP_ORDER: { key: keyof Realism; name: (recipe: Recipe, spec: TrackSpec) => string; why: (recipe: Recipe, spec: TrackSpec) => string }[] = [
  { key: 'precisionPath',
    name: (rc, sp) => (sp.machine.paths[rc.precision].fastPath ? `${rc.precision.toUpperCase()} math at its real rate` : `no ${rc.precision.toUpperCase()} math units`),
    why: (rc, sp) => `${rc.precision.toUpperCase()} runs on ${sp.machine.paths[rc.precision].unit}: fewer bits do not mean proportionally more operations per second.` },
  { key: 'dequant', name: () => 'dequantization', why: () => 'Weights without native math are unpacked and rescaled before every multiply.' },
  { key: 'sparsePath', name: (rc, sp) => (rc.sparsity === 0 ? 'sparsity (none)' : rc.pattern === '2:4' && sp.machine.sparse24[sp.machine.paths[rc.precision].execAs] ? '2:4 on sparse tensor cores' : 'no sparse fast path'), why: (rc) => (rc.sparsity === 0 ? 'No weights are pruned.' : rc.pattern === '2:4' ? 'Only sparse tensor cores skip the zeros of a 2:4 pattern (at most 2× on the math); elsewhere the zeros are still multiplied.' : 'Hardware multiplies the zeros of unstructured sparsity anyway: no operations are saved.') },
  { key: 'metadata', name: () => 'index/metadata overhead', why: () => 'Scales, zero points and sparse indices are extra bytes, and decoding irregular indices slows the weight stream.' },
  { key: 'activations', name: () => 'activations not compressed', why: () => 'Activations keep 8 or 16 bits and are not pruned, so their traffic shrinks less than the weights.' },
  { key: 'rest', name: () => 'non-accelerated layers', why: (_rc, sp) => sp.id === 'cloud' ? 'Attention over the FP16 KV cache, norms and sampling do not shrink (Amdahl).' : 'Pre/post-processing does not shrink with the network (Amdahl).' },
]

/** Theoretical speedup, realized speedup and the named steps between them (each step switches one realism on). */
const textCache = new Map<string, { name: string; why: string }[]>()
function stepTexts(spec: TrackSpec, recipe: Recipe) {
  const key = `${spec.id}|${recipe.precision}|${recipe.pattern}|${recipe.sparsity === 0}`
  let t = textCache.get(key)
  if (!t) { t = STEP_ORDER.map((st) => ({ name: st.name(recipe, spec), why: st.why(recipe, spec) })); textCache.set(key, t) }
  return t
}

export function speedups(spec: TrackSpec, recipe: Recipe, baseTime: (r: Realism) => number, recipeTime: (r: Realism) => number) {
  const theoretical = baseTime(IDEAL) / recipeTime(IDEAL)
  const on: Realism = { ...IDEAL }
  const texts = stepTexts(spec, recipe)
  const steps: SpeedupStep[] = STEP_ORDER.map((st, i) => {
    on[st.key] = true
    return { name: texts[i].name, speedupAfter: baseTime(on) / recipeTime(on), why: texts[i].why }
  })
  return { theoretical, realized: steps[steps.length - 1].speedupAfter, steps }
}
