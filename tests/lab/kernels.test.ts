import { describe, expect, it } from 'vitest'
import { csrMatVec, dense, denseMatVec, magnitudeMask, timePerCall, toCsr, toTwoFour, twoFourMask, twoFourMatVec } from '../../lab'
import { mulberry32 } from '../../lab/prng'

function randomCase(rows: number, cols: number, seed: number) {
  const rng = mulberry32(seed)
  const w = Float64Array.from({ length: rows * cols }, () => rng.normal())
  const x = Float64Array.from({ length: cols }, () => rng.normal())
  return { w, x }
}
const close = (a: Float64Array, b: Float64Array) => a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(b[i]))))

describe('sparse kernels give the dense products', () => {
  for (const [rows, cols] of [[96, 32], [96, 96], [12, 96], [7, 20], [5, 4]] as const) {
    it(`CSR at several sparsities and 2:4, ${rows}×${cols}`, () => {
      const { w, x } = randomCase(rows, cols, rows * 1000 + cols)
      for (const s of [0, 0.3, 0.5, 0.9]) {
        const mask = magnitudeMask(w, s)
        const m = dense(rows, cols, w.map((v, i) => (mask[i] ? v : 0)))
        const yd = new Float64Array(rows)
        const ys = new Float64Array(rows)
        denseMatVec(m, x, yd)
        csrMatVec(toCsr(m), x, ys)
        close(ys, yd)
        expect(toCsr(m).values.length).toBe(rows * cols - Math.round(s * rows * cols))
      }
      const mask = twoFourMask(w, cols)
      const m = dense(rows, cols, w.map((v, i) => (mask[i] ? v : 0)))
      const yd = new Float64Array(rows)
      const y4 = new Float64Array(rows)
      denseMatVec(m, x, yd)
      const c = toTwoFour(m)
      twoFourMatVec(c, x, y4)
      close(y4, yd)
      expect(c.values.length).toBe((rows * cols) / 2)
    })
  }

  it('the dense product matches a hand-computed one', () => {
    const y = new Float64Array(2)
    denseMatVec(dense(2, 3, [1, 2, 3, 4, 5, 6]), Float64Array.from([1, 0, -1]), y)
    expect(Array.from(y)).toEqual([-2, -2])
  })

  it('2:4 compression handles groups with fewer than 2 non-zeros and rejects 3', () => {
    const m = dense(1, 8, [0, 0, 0, 5, 0, 0, 0, 0])
    const y = new Float64Array(1)
    twoFourMatVec(toTwoFour(m), Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), y)
    expect(y[0]).toBe(20)
    expect(() => toTwoFour(dense(1, 4, [1, 2, 3, 0]))).toThrow(/2:4/)
  })

  it('timePerCall divides by the repetitions it ran', () => {
    let t = 0
    let calls = 0
    const ns = timePerCall(() => { calls++; t += 0.001 }, 1, () => t) // each call "takes" 1 µs
    expect(ns).toBeCloseTo(1000, 6)
    expect(calls).toBeGreaterThan(1000)
  })
})
