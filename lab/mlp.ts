// A plain multilayer perceptron: ReLU hidden layers, softmax output. Weights are row-major (out × in),
// so a layer's rows are its output channels (the unit of per-channel quantization and of 2:4 groups).
import { mulberry32 } from './prng'
import type { Split } from './dataset'

export interface Layer {
  inDim: number
  outDim: number
  /** out × in, row-major */
  w: Float64Array
  b: Float64Array
}

export interface Mlp {
  layers: Layer[]
}

export function sizesOf(model: Mlp): number[] {
  return [model.layers[0].inDim, ...model.layers.map((l) => l.outDim)]
}

export function paramCount(model: Mlp): number {
  return model.layers.reduce((s, l) => s + l.w.length + l.b.length, 0)
}

/** He-normal initialisation from a seed. */
export function initMlp(sizes: number[], seed: number): Mlp {
  const rng = mulberry32(seed)
  const layers: Layer[] = []
  for (let i = 0; i + 1 < sizes.length; i++) {
    const inDim = sizes[i]
    const outDim = sizes[i + 1]
    const w = new Float64Array(inDim * outDim)
    const std = Math.sqrt(2 / inDim)
    for (let k = 0; k < w.length; k++) w[k] = rng.normal() * std
    layers.push({ inDim, outDim, w, b: new Float64Array(outDim) })
  }
  return { layers }
}

export function cloneMlp(model: Mlp): Mlp {
  return { layers: model.layers.map((l) => ({ ...l, w: l.w.slice(), b: l.b.slice() })) }
}

/** Per-layer activation buffers for `forward`, so the hot loop allocates nothing. */
export function makeBuffers(model: Mlp): Float64Array[] {
  return [new Float64Array(model.layers[0].inDim), ...model.layers.map((l) => new Float64Array(l.outDim))]
}

/** Forward pass of sample `row` of `x`; fills `acts` (acts[0] = input, last = logits) and returns the logits. */
export function forward(model: Mlp, x: Float64Array, row: number, acts: Float64Array[]): Float64Array {
  const a0 = acts[0]
  const d0 = a0.length
  for (let i = 0; i < d0; i++) a0[i] = x[row * d0 + i]
  const L = model.layers.length
  for (let l = 0; l < L; l++) {
    const { inDim, outDim, w, b } = model.layers[l]
    const src = acts[l]
    const dst = acts[l + 1]
    const relu = l < L - 1
    for (let o = 0; o < outDim; o++) {
      let s = b[o]
      const base = o * inDim
      for (let i = 0; i < inDim; i++) s += w[base + i] * src[i]
      dst[o] = relu && s < 0 ? 0 : s
    }
  }
  return acts[L]
}

/** Logits of every sample of a split, n × classes. */
export function logitsOf(model: Mlp, split: Split): Float64Array {
  const acts = makeBuffers(model)
  const C = model.layers[model.layers.length - 1].outDim
  const out = new Float64Array(split.n * C)
  for (let s = 0; s < split.n; s++) out.set(forward(model, split.x, s, acts), s * C)
  return out
}

export function argmax(v: ArrayLike<number>, offset = 0, n = v.length): number {
  let best = 0
  for (let i = 1; i < n; i++) if (v[offset + i] > v[offset + best]) best = i
  return best
}

/** Top-1 accuracy on a split, in [0, 1]. */
export function accuracy(model: Mlp, split: Split): number {
  const acts = makeBuffers(model)
  let ok = 0
  for (let s = 0; s < split.n; s++) if (argmax(forward(model, split.x, s, acts)) === split.y[s]) ok++
  return ok / split.n
}

/** Softmax of z / T into `out` (numerically stable). */
export function softmaxInto(z: ArrayLike<number>, offset: number, n: number, T: number, out: Float64Array): void {
  let m = -Infinity
  for (let i = 0; i < n; i++) if (z[offset + i] > m) m = z[offset + i]
  let sum = 0
  for (let i = 0; i < n; i++) {
    const e = Math.exp((z[offset + i] - m) / T)
    out[i] = e
    sum += e
  }
  for (let i = 0; i < n; i++) out[i] /= sum
}
