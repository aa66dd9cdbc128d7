// The reveal's sentence: "you predicted 2×, the hardware gives 1.1×: off by 1.8×" (wording of issue 6).
import { describe, expect, it } from 'vitest'
import { describeGap, fmt, magnitude } from '../../composables/lockGap'
import type { LockDefinition } from '../../engine/types'

const num: LockDefinition = { id: 'sparsity', question: 'q', kind: 'number', range: { min: 0.5, max: 4, step: 0.1, unit: '×' } }
const choice: LockDefinition = { id: 'quantization', question: 'q', kind: 'choice', options: ['1×', '2×', '4×', '8×'] }
const words: LockDefinition = { id: 'distillation', question: 'q', kind: 'choice', options: ['Yes, clearly', 'About equal', 'No', 'Depends on T'] }

describe('describeGap', () => {
  it('reproduces the issue’s example: 2 vs 1.1 is off by 1.8×', () => {
    expect(describeGap(num, 2, 1.1)).toBe('you predicted 2×, the hardware gives 1.1×: off by 1.8×')
  })
  it('is symmetric in the ratio and says spot on within 5%', () => {
    expect(describeGap(num, 1.1, 2)).toMatch(/off by 1\.8×$/)
    expect(describeGap(num, 2, 2.05)).toMatch(/spot on$/)
  })
  it('choices with quantities: ratio between the chosen and the right option', () => {
    expect(describeGap(choice, 3, 1)).toBe('you chose “8×”, the answer is “2×”: off by 4×')
    expect(describeGap(choice, 1, 1)).toBe('you chose “2×”, and that is the answer')
  })
  it('choices in words: no ratio', () => {
    expect(describeGap(words, 0, 2)).toBe('you chose “Yes, clearly”, the answer is “No”')
  })
  it('keeps three significant digits of the key (1.96× is not rounded up to the naive 2×)', () => {
    expect(describeGap(num, 2, 1.96)).toBe('you predicted 2×, the hardware gives 1.96×: spot on')
    expect(describeGap(num, 1.5, 1.96)).toBe('you predicted 1.5×, the hardware gives 1.96×: off by 1.3×')
  })
  it('no answer, no sentence', () => {
    expect(describeGap(num, null, 1.1)).toBeNull()
  })
})

describe('formatting', () => {
  it('two significant digits below 100', () => {
    expect([fmt(1.8181), fmt(0.0456), fmt(12.34), fmt(1234.5)]).toEqual(['1.8', '0.046', '12', '1235'])
  })
  it('reads quantities out of option labels', () => {
    expect([magnitude('2×'), magnitude('~1.1× faster'), magnitude('4x'), magnitude('No')]).toEqual([2, 1.1, 4, null])
  })
})
