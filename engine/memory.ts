// Memory footprint: weights at the recipe's bits in the chosen storage format, quantization metadata, sparse-format
// metadata, activations, KV cache. Which format is stored is chosen with the kernel (evaluate.ts: fastest that fits).
import type { Recipe } from './types'
import type { ModelDef, TrackSpec } from './spec'
import { BITMAP_BITS, CSR_INDEX_BITS, IDX_24_BITS, INT4_GROUP, SCALE_BYTES } from './constants'
import { PRECISION } from './params'

/** dense: zeros kept; bitmap: kept values + one presence bit per weight; csr16: kept values + a 16-bit position each;
 *  2:4: half the values + a 2-bit index each; channels: whole filters removed, the rest stored dense (no index). */
export type SparseFormat = 'dense' | 'bitmap' | 'csr16' | '2:4' | 'channels'

/** Channel pruning removes a fraction s of the work by narrowing layers uniformly: a layer's MACs and weights scale with
 *  (input width × output width), its feature maps with its width, so feature maps keep √(1 − s) of their size. */
export function featureMapShare(recipe: Pick<Recipe, 'pattern' | 'sparsity'>): number {
  return recipe.pattern === 'channels' ? Math.sqrt(1 - recipe.sparsity) : 1
}

export interface MemoryParts {
  weightsBytes: number
  quantMetadataBytes: number
  sparseMetadataBytes: number
  activationsBytes: number
  kvCacheBytes: number
  format: SparseFormat
  actBits: number
}

/** Scales (and zero points) that dequantize the weights. FP16: none; INT8 and binary: one FP16 scale per output
 *  channel (per-channel symmetric; XNOR-Net's α per filter); INT4: FP16 scale + FP16 zero point per group of 128. */
export function quantMetadataBytes(model: ModelDef, recipe: Pick<Recipe, 'precision' | 'pattern' | 'sparsity'>): number {
  const s = SCALE_BYTES.value
  const width = featureMapShare(recipe) // channel pruning: fewer rows, fewer weights
  switch (recipe.precision) {
    case 'fp16': return 0
    case 'int8':
    case 'binary': return Math.ceil(model.outChannels.value * width) * s
    case 'int4': return Math.ceil((model.params.value * width * width) / INT4_GROUP.value) * 2 * s
  }
}

/** Stored weight values and index bytes of `params` weights at `bits`, a fraction `s` pruned, in `format`. */
export function sparseStorage(params: number, bits: number, s: number, format: SparseFormat): { values: number; index: number } {
  const kept = params * (1 - s)
  switch (format) {
    case 'dense': return { values: (params * bits) / 8, index: 0 }
    case 'bitmap': return { values: (kept * bits) / 8, index: (params * BITMAP_BITS.value) / 8 }
    case 'csr16': return { values: (kept * bits) / 8, index: (kept * CSR_INDEX_BITS.value) / 8 }
    case '2:4': return { values: (kept * bits) / 8, index: (kept * IDX_24_BITS.value) / 8 }
    case 'channels': return { values: (kept * bits) / 8, index: 0 }
  }
}

export function kvCacheBytes(spec: TrackSpec, model: ModelDef): number {
  if (!model.kv || !spec.context) return 0
  // 2 (K and V) × layers × KV heads × head dim × bytes per value (the cache is kept at FP16, whatever the weights) × context × batch
  const bytesPerValue = PRECISION.bits.fp16 / 8
  return 2 * model.layers.value * model.kv.kvHeads.value * model.kv.headDim.value * bytesPerValue * spec.context.value * spec.batch.value
}

export function memoryOf(spec: TrackSpec, model: ModelDef, recipe: Recipe, format: SparseFormat): MemoryParts {
  const bits = PRECISION.bits[recipe.precision]
  const actBits = spec.machine.paths[recipe.precision].actBits
  const st = sparseStorage(model.params.value, bits, recipe.sparsity, format)
  return {
    weightsBytes: st.values,
    quantMetadataBytes: quantMetadataBytes(model, recipe),
    sparseMetadataBytes: st.index,
    // the model's activation peak is given at FP16; the path's activation width rescales it
    activationsBytes: (model.actPeakBytes16.value * featureMapShare(recipe) * actBits) / PRECISION.bits.fp16 * spec.batch.value,
    kvCacheBytes: kvCacheBytes(spec, model),
    format,
    actBits,
  }
}

/** Where the weights and activations live, and whether the placement is possible at all.
 *  fitLevel 'main': everything must fit main memory; weights (and then activations) are read from on chip when they fit there.
 *  fitLevel 'onChip' (MCUs): the activation arena must fit on chip; the weights join it when both fit, else they are read
 *  in place from main memory (flash), which must hold them. Activations never spill. */
export interface OnChipPlacement { weightsOnChip: boolean; actOnChip: boolean; fits: boolean; onChipBytes: number }

export function onChipPlacement(spec: TrackSpec, mem: MemoryParts): OnChipPlacement {
  const { main, onChip } = spec.machine
  const weights = mem.weightsBytes + mem.quantMetadataBytes + mem.sparseMetadataBytes
  const cap = onChip.capacityBytes.value
  if (spec.machine.fitLevel === 'onChip') {
    const weightsOnChip = weights + mem.activationsBytes <= cap
    const actOnChip = mem.activationsBytes <= cap
    const onChipBytes = mem.activationsBytes + (weightsOnChip ? weights : 0)
    return { weightsOnChip, actOnChip, fits: actOnChip && (weightsOnChip || weights <= main.capacityBytes.value), onChipBytes }
  }
  const total = weights + mem.activationsBytes + mem.kvCacheBytes
  const weightsOnChip = weights <= cap // streamed through the on-chip memory; activations join them when both fit
  const actOnChip = (weightsOnChip ? weights : 0) + mem.activationsBytes <= cap
  return { weightsOnChip, actOnChip, fits: total <= main.capacityBytes.value, onChipBytes: (weightsOnChip ? weights : 0) + (actOnChip ? mem.activationsBytes : 0) }
}
