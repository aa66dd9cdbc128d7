import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { initMlp, magnitudeMask, pruneModel, quantizeModel, quantizeRow, twoFourMask } from '../../lab'

// weights are Float32 in the artifact: magnitudes below ~1e-38 do not occur (flush them to 0 here)
const weight = fc.double({ min: -10, max: 10, noNaN: true }).map((v) => (Math.abs(v) < 1e-30 ? 0 : v))
const row = fc.array(weight, { minLength: 1, maxLength: 64 })

describe('quantization (symmetric, per output channel)', () => {
  it('round-trip error is at most Δ/2 in every channel, for 2..8 bits', () => {
    fc.assert(
      fc.property(row, fc.integer({ min: 2, max: 8 }), (w, bits) => {
        const { values, scale } = quantizeRow(w, bits)
        const qmax = 2 ** (bits - 1) - 1
        for (let i = 0; i < w.length; i++) {
          expect(Math.abs(w[i] - values[i])).toBeLessThanOrEqual(scale / 2 + 1e-12 * Math.abs(w[i]))
          const q = scale === 0 ? 0 : values[i] / scale
          expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-9) // on the grid
          expect(Math.abs(q)).toBeLessThanOrEqual(qmax + 1e-9) // in range
        }
      }),
    )
  })

  it('uses qmax = 2^(b−1)−1 levels: hand-computed examples', () => {
    // 8 bits: Δ = 2/127; 0.5 → round(31.75) = 32 → 32·2/127
    expect(quantizeRow([2, 0.5], 8).values[1]).toBeCloseTo((32 * 2) / 127, 12)
    // 4 bits: qmax 7, Δ = 1/7; 0.3 → round(2.1) = 2 → 2/7
    expect(quantizeRow([-1, 0.3], 4).values[1]).toBeCloseTo(2 / 7, 12)
    // 2 bits: ternary {−Δ, 0, Δ} with Δ = max|w|
    expect(Array.from(quantizeRow([4, 1, -3], 2).values)).toEqual([4, 0, -4])
  })

  it('binary is sign × mean|w| of the channel', () => {
    const { values, scale } = quantizeRow([1, -3, 0.5, -0.5], 1)
    expect(scale).toBe(1.25)
    expect(Array.from(values)).toEqual([1.25, -1.25, 1.25, -1.25])
  })

  it('scales are per output channel: a large row does not coarsen a small one', () => {
    const m = initMlp([8, 2], 1)
    m.layers[0].w.set([100, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.05, 0, 0, 0, 0, 0, 0])
    const q = quantizeModel(m, 8)
    expect(q.layers[0].w[9]).toBeCloseTo(0.05, 3)
  })

  it('rejects bits outside 1..16', () => {
    expect(() => quantizeRow([1], 0)).toThrow(/bits/)
    expect(() => quantizeRow([1], 2.5)).toThrow(/bits/)
  })
})

describe('pruning', () => {
  it('2:4 keeps exactly 2 of every 4, the two largest |w|', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 * 30 }), (w0) => {
        const w = w0.slice(0, w0.length - (w0.length % 4))
        const mask = twoFourMask(w, 4)
        for (let g = 0; g < w.length; g += 4) {
          const kept = [0, 1, 2, 3].filter((j) => mask[g + j])
          expect(kept.length).toBe(2)
          const minKept = Math.min(...kept.map((j) => Math.abs(w[g + j])))
          for (let j = 0; j < 4; j++) if (!mask[g + j]) expect(Math.abs(w[g + j])).toBeLessThanOrEqual(minKept)
        }
      }),
    )
  })

  it('unstructured pruning removes exactly the requested fraction of every layer, smallest first', () => {
    const m = initMlp([32, 96, 96, 12], 3)
    for (const s of [0, 0.1, 0.25, 0.5, 0.73, 0.9]) {
      const p = pruneModel(m, { pattern: 'unstructured', sparsity: s })
      p.layers.forEach((l, i) => {
        const zeros = l.w.reduce((n, v) => n + (v === 0 ? 1 : 0), 0)
        expect(zeros).toBe(Math.round(s * l.w.length))
        const maxPruned = Math.max(0, ...Array.from(m.layers[i].w).filter((_, k) => l.w[k] === 0).map(Math.abs))
        const minKept = Math.min(...Array.from(l.w).filter((v) => v !== 0).map(Math.abs))
        expect(maxPruned).toBeLessThanOrEqual(minKept)
      })
    }
  })

  it('magnitude mask counts exactly even with ties', () => {
    const mask = magnitudeMask([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.3)
    expect(mask.reduce((a, b) => a + b, 0)).toBe(7)
    expect(() => magnitudeMask([1], 1.5)).toThrow(/sparsity/)
  })

  it('2:4 prunes exactly half of every layer of the teacher shape', () => {
    const p = pruneModel(initMlp([32, 96, 96, 12], 4), { pattern: '2:4' })
    for (const l of p.layers) expect(l.w.reduce((n, v) => n + (v === 0 ? 1 : 0), 0)).toBe(l.w.length / 2)
  })
})
