// Roofline latency with named realism steps, so the gap between theoretical and realized speedup can be drawn.
// The kernel (and with it the storage format) is one of those the machine has; evaluate.ts picks the fastest that fits.
import type { Recipe, SpeedupStep, SpeedupStepKey } from './types'
import { precisionName } from './words'
import type { MemLevel, ModelDef, TrackSpec } from './spec'
import { type SparseLoad } from './constants'
import { PRECISION } from './params'
import { featureMapShare, type MemoryParts, type OnChipPlacement, type SparseFormat } from './memory'

/** dense: zeros kept and multiplied; sparse-load: compressed weights decoded on chip, dense math (Flash-LLM, SpInfer, an
 *  NPU's weight decoder); skip: compressed weights, only the kept weights' MACs run (a zero-skipping unit); 2:4: the 2:4
 *  format; channels: whole filters removed, a smaller dense model on the dense units. */
export type KernelId = 'dense' | 'sparse-load' | 'skip' | '2:4' | 'channels'
export interface Kernel { id: KernelId; format: SparseFormat; load?: SparseLoad; name: string }

const DENSE: Kernel = { id: 'dense', format: 'dense', name: 'dense (zeros kept)' }
/** The kernels the machine can run this recipe with. */
export function kernelsFor(spec: TrackSpec, recipe: Recipe): Kernel[] {
  if (recipe.sparsity <= 0) return [{ ...DENSE, name: 'dense' }]
  if (recipe.pattern === 'channels') return [{ id: 'channels', format: 'channels', name: 'smaller dense model' }]
  const u = spec.machine.unstructured
  const units = spec.machine.paths[recipe.precision].unit
  if (recipe.pattern === '2:4') return [DENSE, { id: '2:4', format: '2:4', name: sparse24Fast(spec, recipe) ? `2:4 on ${units}` : '2:4 decoded in software' }]
  return [
    DENSE,
    ...u.loads.map((load) => ({ id: 'sparse-load' as const, format: load.format, load, name: load.name })),
    ...(u.skip ? [{ id: 'skip' as const, format: u.loads[0].format, load: u.loads[0], name: `${u.loads[0].format} on the ${u.skip.unit}` }] : []),
  ]
}

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

export function trafficOf(spec: TrackSpec, model: ModelDef, recipe: Recipe, mem: MemoryParts, place: OnChipPlacement): Traffic {
  const { main, onChip } = spec.machine
  return {
    weightBytes: mem.weightsBytes + mem.quantMetadataBytes + mem.sparseMetadataBytes,
    actBytes: ((model.actTrafficBytes16.value * featureMapShare(recipe) * mem.actBits) / PRECISION.bits.fp16) * spec.batch.value,
    kvBytes: mem.kvCacheBytes, // decode reads the whole cache once per token
    weightLevel: place.weightsOnChip ? onChip : main,
    actLevel: place.actOnChip ? onChip : main,
    weightsOnChip: place.weightsOnChip, actOnChip: place.actOnChip,
  }
}

/** Which realism is switched on; all false = the theoretical ideal, all true = the realized time. */
export type Realism = Record<SpeedupStepKey, boolean>
export const IDEAL: Realism = { precisionPath: false, dequant: false, sparsePath: false, metadata: false, activations: false, rest: false }
export const REAL: Realism = { precisionPath: true, dequant: true, sparsePath: true, metadata: true, activations: true, rest: true }

export interface Timing { seconds: number; memS: number; computeS: number; restS: number; macsExecuted: number }

/** 2:4 on units that skip its zeros in hardware (sparse tensor cores at the precision the MACs run at). */
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

/** Weight-stream bytes the kernel costs, in dense-kernel-equivalent bytes (see measuredSparseLoad in constants.ts). */
function weightStreamBytes(spec: TrackSpec, model: ModelDef, recipe: Recipe, mem: MemoryParts, tr: Traffic, kernel: Kernel): number {
  const stored = mem.weightsBytes + mem.sparseMetadataBytes
  switch (kernel.id) {
    case 'dense':
    case 'channels': return tr.weightBytes
    case '2:4': return mem.quantMetadataBytes + stored / (spec.machine.sparse24EfficiencyAt?.[recipe.precision] ?? spec.machine.sparse24Efficiency).value
    case 'sparse-load':
    case 'skip': {
      // a hardware weight decoder streams the compressed bytes at line rate; a GPU kernel pays its measured overheads
      const o = kernel.load?.overhead
      if (!o) return tr.weightBytes
      const dense = (model.params.value * PRECISION.bits[recipe.precision]) / 8
      return mem.quantMetadataBytes + Math.max(stored, o.alpha.value * stored + o.beta.value * dense)
    }
  }
}

export function timeOf(spec: TrackSpec, model: ModelDef, recipe: Recipe, mem: MemoryParts, tr: Traffic, kernel: Kernel, r: Realism): Timing {
  const mc = spec.machine
  const bits = PRECISION.bits[recipe.precision]
  const s = recipe.sparsity
  const ideal = (bits * (1 - s)) / PRECISION.bits.fp16 // fraction of weight bytes and ops the naive arithmetic promises
  const uBW = mc.bandwidthUtilisation.value
  const path = mc.paths[recipe.precision]
  const fp16 = mc.paths.fp16

  // weight stream
  const wBytes = r.metadata ? weightStreamBytes(spec, model, recipe, mem, tr, kernel) : model.params.value * 2 * ideal
  const wBW = tr.weightLevel.bandwidthBps.value * uBW
  // activation stream
  const aBytes = r.activations ? tr.actBytes : model.actTrafficBytes16.value * spec.batch.value * ideal
  const aBW = tr.actLevel.bandwidthBps.value * uBW
  const memS = wBytes / wBW + aBytes / aBW

  // compute: MACs executed, and the rate they run at
  const macs = model.macs.value * spec.batch.value
  const realRate = path.macsPerS.value * path.utilisation.value
  const idealRate = Math.max(realRate, fp16.macsPerS.value * fp16.utilisation.value * (PRECISION.bits.fp16 / bits))
  let macsExecuted = macs * (1 - s)
  let rate = r.precisionPath ? realRate : idealRate
  if (r.sparsePath) {
    if (kernel.id === 'skip') rate *= mc.unstructured.skip!.relativeRate.value
    // the pruned work is gone, but thinner layers keep the units less busy: time ∝ (1 − s)^e rather than (1 − s)
    else if (kernel.id === 'channels') rate *= Math.pow(1 - s, 1 - mc.channelsElasticity.value)
    else if (kernel.id === '2:4' && sparse24Fast(spec, recipe)) {
      // half the MACs run, at the measured end-to-end gain of the sparse units rather than the datasheet's 2×
      macsExecuted = macs / 2
      rate *= mc.sparse24MathSpeedup.value / 2
    } else macsExecuted = macs
  }
  const computeS = macsExecuted / rate

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

const P = (rc: Recipe) => precisionName(rc.precision)
const SPARSE_STEP: Record<KernelId, { name: string; why: string }> = {
  'dense': { name: 'zeros multiplied anyway', why: 'The fastest kernel here keeps the pruned weights as zeros and multiplies them: no operations are saved.' },
  'sparse-load': { name: 'zeros decoded, not skipped', why: 'Compressed weights are decoded on chip and multiplied densely: fewer bytes move, no operations are saved.' },
  'channels': { name: 'thinner layers, less efficient', why: 'The smaller dense model runs on the same units, but narrower layers keep them less busy per operation.' },
  'skip': { name: 'zero-skipping unit', why: "The unit skips the pruned weights' multiply-accumulates, but runs the rest below its dense rate (irregular work)." },
  '2:4': { name: '2:4 sparse units', why: "Sparse tensor cores skip half the math of a 2:4 pattern; measured end to end it is well under the datasheet's 2×." },
}
const STEP_ORDER: { key: SpeedupStepKey; text: (recipe: Recipe, spec: TrackSpec, kernel: Kernel) => { name: string; why: string } }[] = [
  { key: 'precisionPath', text: (rc, sp) => ({
    name: sp.machine.paths[rc.precision].fastPath ? `${P(rc)} math at its real rate` : `no ${P(rc)} math units`,
    why: `${P(rc)} runs on ${sp.machine.paths[rc.precision].unit}: fewer bits do not mean proportionally more operations per second.` }) },
  { key: 'dequant', text: () => ({ name: 'dequantization', why: 'Weights without native math are unpacked and rescaled before every multiply.' }) },
  { key: 'sparsePath', text: (rc, sp, kn) => rc.sparsity === 0
    ? { name: 'sparsity (none)', why: 'No weights are pruned.' }
    : kn.id === '2:4' && !sparse24Fast(sp, rc)
      ? { name: 'no 2:4 sparse units', why: 'This machine has no sparse units for the 2:4 pattern: its zeros are decoded and multiplied.' }
      : SPARSE_STEP[kn.id] }, // the kernel itself is named beside the waterfall (Evaluation.memory.kernel)
  { key: 'metadata', text: () => ({ name: 'index/metadata overhead', why: 'Scales, zero points and sparse indices are extra bytes, and decoding irregular indices slows the weight stream.' }) },
  { key: 'activations', text: (rc) => rc.pattern === 'channels' && rc.sparsity > 0
    ? { name: 'feature maps shrink less', why: 'Narrower layers shrink the feature maps only with their width (√ of the work kept), and they keep 8 or 16 bits.' }
    : { name: 'activations not compressed', why: 'Activations keep 8 or 16 bits and are not pruned, so their traffic shrinks less than the weights.' } },
  { key: 'rest', text: (_rc, sp) => ({ name: 'non-accelerated layers', why: sp.context ? 'Attention over the FP16 KV cache, norms and sampling do not shrink (Amdahl).' : 'Pre/post-processing does not shrink with the network (Amdahl).' }) },
]

const textCache = new Map<string, { name: string; why: string }[]>()
/** The steps' names and reasons depend only on the track, precision, pattern, whether anything is pruned, and the kernel. */
function stepTexts(spec: TrackSpec, recipe: Recipe, kernel: Kernel) {
  const key = `${spec.id}|${recipe.precision}|${recipe.pattern}|${recipe.sparsity === 0}|${kernel.id}|${kernel.name}`
  let t = textCache.get(key)
  if (!t) { t = STEP_ORDER.map((st) => st.text(recipe, spec, kernel)); textCache.set(key, t) }
  return t
}

/** The realism settings the waterfall walks: the ideal, then each step switched on in turn (the last is REAL). */
export const LADDER: Realism[] = STEP_ORDER.reduce((acc, st) => [...acc, { ...acc[acc.length - 1], [st.key]: true }], [IDEAL])

/** Theoretical speedup, realized speedup and the named steps between them, from the baseline's and the recipe's
 *  times at every rung of LADDER. */
export function speedups(spec: TrackSpec, recipe: Recipe, kernel: Kernel, base: number[], cur: number[]) {
  const texts = stepTexts(spec, recipe, kernel)
  const steps: SpeedupStep[] = texts.map((t, i) => ({ key: STEP_ORDER[i].key, name: t.name, speedupAfter: base[i + 1] / cur[i + 1], why: t.why }))
  return { theoretical: base[0] / cur[0], realized: steps[steps.length - 1].speedupAfter, steps }
}
