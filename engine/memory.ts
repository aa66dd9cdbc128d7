// Memory footprint: weights at the recipe's bits, quantization metadata, sparse-format metadata, activations, KV cache.
import type { Recipe } from './types'
import type { ModelDef, TrackSpec } from './spec'
import { BITMAP_BITS, BITS, CSR_INDEX_BITS, IDX_24_BITS, INT4_GROUP, SCALE_BYTES } from './constants'

export type SparseFormat = 'dense' | 'bitmap' | 'csr' | '2:4'

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
export function quantMetadataBytes(model: ModelDef, precision: Recipe['precision']): number {
  const s = SCALE_BYTES.value
  switch (precision) {
    case 'fp16': return 0
    case 'int8':
    case 'binary': return model.outChannels.value * s
    case 'int4': return Math.ceil(model.params.value / INT4_GROUP.value) * 2 * s
  }
}

/** Stored weight values and index bytes. Unstructured: the cheapest of dense (zeros kept), bitmap and CSR. */
export function sparseStorage(params: number, bits: number, s: number, pattern: Recipe['pattern']): { values: number; index: number; format: SparseFormat } {
  const dense = { values: (params * bits) / 8, index: 0, format: 'dense' as SparseFormat }
  if (s <= 0) return dense
  const kept = params * (1 - s)
  if (pattern === '2:4') return { values: (kept * bits) / 8, index: (kept * IDX_24_BITS.value) / 8, format: '2:4' }
  const bitmap = { values: (kept * bits) / 8, index: (params * BITMAP_BITS.value) / 8, format: 'bitmap' as SparseFormat }
  const csr = { values: (kept * bits) / 8, index: (kept * CSR_INDEX_BITS.value) / 8, format: 'csr' as SparseFormat }
  return [dense, bitmap, csr].reduce((best, f) => (f.values + f.index < best.values + best.index ? f : best))
}

export function kvCacheBytes(spec: TrackSpec, model: ModelDef): number {
  if (!model.kv || !spec.context) return 0
  // 2 (K and V) × layers × KV heads × head dim × 2 bytes (FP16) × context × batch
  return 2 * model.layers.value * model.kv.kvHeads.value * model.kv.headDim.value * 2 * spec.context.value * spec.batch.value
}

export function memoryOf(spec: TrackSpec, model: ModelDef, recipe: Recipe): MemoryParts {
  const bits = BITS[recipe.precision]
  const actBits = spec.machine.paths[recipe.precision].actBits
  const st = sparseStorage(model.params.value, bits, recipe.sparsity, recipe.pattern)
  return {
    weightsBytes: st.values,
    quantMetadataBytes: quantMetadataBytes(model, recipe.precision),
    sparseMetadataBytes: st.index,
    activationsBytes: (model.actPeakBytes16.value * actBits) / 16 * spec.batch.value,
    kvCacheBytes: kvCacheBytes(spec, model),
    format: st.format,
    actBits,
  }
}
