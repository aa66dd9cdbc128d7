// Number-lock histograms are binned around what was answered and the key (issue 10's example: answers 1.8, 1.9 and 2
// and keys 1.96-2.00 shared one bin labelled "1.7" over the whole 1-8 range).
import { describe, expect, it } from 'vitest'
import { binsAround, niceStep } from '../../logic/lockBins'

describe('binsAround', () => {
  it('separates 1.8, 1.9 and 2 and puts the key 1.96 in its own labelled bin', () => {
    const bins = binsAround([1.8, 1.9, 2, 2], 1.96, 2, 0.1) // the FP16 → INT8 lock's step
    const at = (x: number) => bins.find((b) => x >= b.from - 1e-9 && x < b.to - 1e-9)!
    expect(new Set([at(1.8), at(1.9), at(2)]).size).toBe(3)
    expect(bins.filter((b) => b.key)).toHaveLength(1)
    expect(bins.find((b) => b.key)!.label).toBe('1.9–2')
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(4)
    expect(bins.every((b) => /^[\d.]+–[\d.]+$/.test(b.label))).toBe(true)
  })
  it('always shows the key and the viewer, even far from the class', () => {
    const bins = binsAround([1, 1.1, 1.2], 3.5, 0.5)
    expect(bins.some((b) => b.key && b.from <= 3.5 && 3.5 <= b.to)).toBe(true)
    expect(bins.some((b) => b.me && b.from <= 0.5 && 0.5 < b.to)).toBe(true)
    expect(bins.length).toBeLessThanOrEqual(9)
  })
  it('uses nice steps', () => {
    expect([niceStep(0.2, 8), niceStep(3, 8), niceStep(7, 8)]).toEqual([0.025, 0.5, 1])
  })
})
