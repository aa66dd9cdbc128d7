// Post-training compression of an MLP's weight matrices (biases stay in float, as is common practice).
// Quantization: symmetric, per output channel (one scale per row). Pruning: by magnitude, per layer.
import { cloneMlp, type Mlp } from './mlp'

export interface QuantizedRow {
  /** dequantized values (q × Δ), what inference uses */
  values: Float64Array
  /** the step Δ of this channel (for 1 bit: the binary magnitude mean|w|) */
  scale: number
}

/**
 * Quantizes one output channel. bits ≥ 2: levels q·Δ with q ∈ [−(2^(b−1)−1), 2^(b−1)−1] and Δ = max|w| / qmax,
 * so every weight is in range and |w − q·Δ| ≤ Δ/2. bits = 1: binary, sign(w)·mean|w| (sign(0) taken as +).
 */
export function quantizeRow(row: ArrayLike<number>, bits: number): QuantizedRow {
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) throw new Error(`bits must be an integer 1..16, got ${bits}`)
  const n = row.length
  const values = new Float64Array(n)
  if (bits === 1) {
    let mean = 0
    for (let i = 0; i < n; i++) mean += Math.abs(row[i])
    mean /= n
    for (let i = 0; i < n; i++) values[i] = row[i] < 0 ? -mean : mean
    return { values, scale: mean }
  }
  const qmax = 2 ** (bits - 1) - 1
  let maxAbs = 0
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(row[i]))
  const scale = maxAbs / qmax
  if (scale === 0) return { values, scale }
  for (let i = 0; i < n; i++) {
    const q = Math.max(-qmax, Math.min(qmax, Math.round(row[i] / scale)))
    values[i] = q * scale
  }
  return { values, scale }
}

/** A copy of the model with every weight matrix quantized per output channel. */
export function quantizeModel(model: Mlp, bits: number): Mlp {
  const out = cloneMlp(model)
  for (const l of out.layers) {
    for (let o = 0; o < l.outDim; o++) {
      const row = l.w.subarray(o * l.inDim, (o + 1) * l.inDim)
      row.set(quantizeRow(row, bits).values)
    }
  }
  return out
}

/** Storage of the quantized weights: params × bits / 8 plus one FP16 scale per output channel; biases in FP32. */
export function quantizedBytes(model: Mlp, bits: number): number {
  let bytes = 0
  for (const l of model.layers) bytes += (l.w.length * bits) / 8 + l.outDim * 2 + l.b.length * 4
  return bytes
}

/**
 * Magnitude pruning mask of one matrix: exactly round(s·n) entries with the smallest |w| are removed
 * (ties broken by position). Returns 1 = kept, 0 = pruned.
 */
export function magnitudeMask(w: ArrayLike<number>, sparsity: number): Uint8Array {
  if (!(sparsity >= 0 && sparsity <= 1)) throw new Error(`sparsity must be a fraction 0..1, got ${sparsity}`)
  const n = w.length
  const k = Math.round(sparsity * n)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => Math.abs(w[a]) - Math.abs(w[b]) || a - b)
  const mask = new Uint8Array(n).fill(1)
  for (let i = 0; i < k; i++) mask[order[i]] = 0
  return mask
}

/** 2:4 mask of a row-major matrix: in every group of 4 consecutive inputs of a row, the 2 largest |w| are kept. */
export function twoFourMask(w: ArrayLike<number>, cols: number): Uint8Array {
  if (cols % 4 !== 0) throw new Error(`2:4 needs the input size to be a multiple of 4, got ${cols}`)
  const mask = new Uint8Array(w.length)
  for (let g = 0; g < w.length; g += 4) {
    const idx = [0, 1, 2, 3].sort((a, b) => Math.abs(w[g + b]) - Math.abs(w[g + a]) || a - b)
    mask[g + idx[0]] = 1
    mask[g + idx[1]] = 1
  }
  return mask
}

export type PruneSpec = { pattern: 'unstructured'; sparsity: number } | { pattern: '2:4' }

/** A copy of the model with every weight matrix pruned (per layer). */
export function pruneModel(model: Mlp, spec: PruneSpec): Mlp {
  const out = cloneMlp(model)
  for (const l of out.layers) {
    const mask = spec.pattern === '2:4' ? twoFourMask(l.w, l.inDim) : magnitudeMask(l.w, spec.sparsity)
    for (let i = 0; i < mask.length; i++) if (!mask[i]) l.w[i] = 0
  }
  return out
}
