// Minibatch Adam on cross-entropy, or on the distillation loss (1−γ)·CE + γ·T²·KL(p_teacher^T ‖ p_student^T).
// Deterministic for a seed: the batch order comes from the seeded PRNG and every sum runs in a fixed order.
import { permutation, mulberry32 } from './prng'
import { forward, makeBuffers, softmaxInto, type Mlp } from './mlp'
import type { Split } from './dataset'

export interface TrainConfig {
  seed: number
  epochs: number
  batch: number
  lr: number
  /** knowledge distillation from precomputed teacher logits (n × classes, same rows as the split) */
  kd?: { teacherLogits: Float64Array; temperature: number; gamma: number }
}

/**
 * Trains `model` in place. A generator: it yields the fraction done after every `yieldEvery` batches, so a
 * caller (the worker) can report progress and stop between chunks. Run it to the end with `runToEnd`.
 */
export function* trainSteps(model: Mlp, data: Split, cfg: TrainConfig, yieldEvery = 20): Generator<number, void> {
  const L = model.layers.length
  const C = model.layers[L - 1].outDim
  const acts = makeBuffers(model)
  const deltas = acts.map((a) => new Float64Array(a.length))
  const gW = model.layers.map((l) => new Float64Array(l.w.length))
  const gB = model.layers.map((l) => new Float64Array(l.b.length))
  const mW = model.layers.map((l) => new Float64Array(l.w.length))
  const vW = model.layers.map((l) => new Float64Array(l.w.length))
  const mB = model.layers.map((l) => new Float64Array(l.b.length))
  const vB = model.layers.map((l) => new Float64Array(l.b.length))
  const p = new Float64Array(C)
  const pT = new Float64Array(C)
  const qT = new Float64Array(C)
  const rng = mulberry32(cfg.seed)
  const batchesPerEpoch = Math.ceil(data.n / cfg.batch)
  const total = cfg.epochs * batchesPerEpoch
  const b1 = 0.9
  const b2 = 0.999
  let step = 0
  for (let e = 0; e < cfg.epochs; e++) {
    const order = permutation(data.n, rng)
    for (let start = 0; start < data.n; start += cfg.batch) {
      const end = Math.min(data.n, start + cfg.batch)
      for (let l = 0; l < L; l++) {
        gW[l].fill(0)
        gB[l].fill(0)
      }
      for (let k = start; k < end; k++) {
        const s = order[k]
        const z = forward(model, data.x, s, acts)
        const out = deltas[L]
        softmaxInto(z, 0, C, 1, p)
        const y = data.y[s]
        if (cfg.kd) {
          const { teacherLogits, temperature: T, gamma } = cfg.kd
          softmaxInto(z, 0, C, T, qT)
          softmaxInto(teacherLogits, s * C, C, T, pT)
          // d/dz [(1−γ)CE + γT²KL] = (1−γ)(p − y) + γT(q_T − p_T)
          for (let c = 0; c < C; c++) out[c] = (1 - gamma) * (p[c] - (c === y ? 1 : 0)) + gamma * T * (qT[c] - pT[c])
        } else {
          for (let c = 0; c < C; c++) out[c] = p[c] - (c === y ? 1 : 0)
        }
        for (let l = L - 1; l >= 0; l--) {
          const { inDim, outDim, w } = model.layers[l]
          const d = deltas[l + 1]
          const a = acts[l]
          const gw = gW[l]
          const gb = gB[l]
          for (let o = 0; o < outDim; o++) {
            const g = d[o]
            if (g === 0) continue
            gb[o] += g
            const base = o * inDim
            for (let i = 0; i < inDim; i++) gw[base + i] += g * a[i]
          }
          if (l > 0) {
            const dPrev = deltas[l]
            dPrev.fill(0)
            for (let o = 0; o < outDim; o++) {
              const g = d[o]
              if (g === 0) continue
              const base = o * inDim
              for (let i = 0; i < inDim; i++) dPrev[i] += w[base + i] * g
            }
            for (let i = 0; i < inDim; i++) if (a[i] <= 0) dPrev[i] = 0 // ReLU
          }
        }
      }
      step++
      const scale = 1 / (end - start)
      const c1 = 1 - Math.pow(b1, step)
      const c2 = 1 - Math.pow(b2, step)
      for (let l = 0; l < L; l++) {
        adam(model.layers[l].w, gW[l], mW[l], vW[l], scale, cfg.lr, c1, c2)
        adam(model.layers[l].b, gB[l], mB[l], vB[l], scale, cfg.lr, c1, c2)
      }
      if (step % yieldEvery === 0 && step < total) yield step / total
    }
  }
  yield 1
}

function adam(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, scale: number, lr: number, c1: number, c2: number) {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] * scale
    m[i] = 0.9 * m[i] + 0.1 * gi
    v[i] = 0.999 * v[i] + 0.001 * gi * gi
    w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8)
  }
}

/** Drains a generator and returns its return value. */
export function runToEnd<T, R>(gen: Generator<T, R>): R {
  for (;;) {
    const r = gen.next()
    if (r.done) return r.value
  }
}
