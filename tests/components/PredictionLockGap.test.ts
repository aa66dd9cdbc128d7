// The reveal's sentence: "you predicted 2×, the hardware gives 1.1×: 82% too high" — a signed miss, as a share of the key.
import { describe, expect, it } from 'vitest'
import { answersIn, describeGap, fmt, lateLine, magnitude, slidePhase } from '../../logic/lockGap'
import type { LockDefinition } from '../../engine/types'

const num: LockDefinition = { id: 'sparsity', title: 't', question: 'q', kind: 'number', range: { min: 0.5, max: 4, step: 0.1, unit: '×' } }
const choice: LockDefinition = { id: 'quantization', title: 't', question: 'q', kind: 'choice', options: ['1×', '2×', '4×', '8×'] }
const words: LockDefinition = { id: 'distillation', title: 't', question: 'q', kind: 'choice', options: ['Yes, clearly', 'About equal', 'No', 'Depends on T'] }

describe('describeGap', () => {
  it('says how far and which way: 2 vs 1.1 is 82% too high, 1.1 vs 2 is 45% too low', () => {
    expect(describeGap(num, 2, 1.1)).toBe('you predicted 2×, the hardware gives 1.1×: 82% too high')
    expect(describeGap(num, 1.1, 2)).toMatch(/45% too low$/)
  })
  it('a 5% miss reads as 5%, not as a factor; within 5% is spot on', () => {
    expect(describeGap(num, 1.05, 1)).toMatch(/5% too high$/) // was "off by 1.1×" (issue 10)
    expect(describeGap(num, 3.64, 1)).toMatch(/: 264% too high$/) // whole percent at any size, not 260%
    expect(describeGap(num, 2, 2.05)).toMatch(/spot on \(within 5%\)$/)
  })
  it('choices with quantities: the miss between the chosen and the right option', () => {
    expect(describeGap(choice, 3, 1)).toBe('you chose “8×”, the answer is “2×”: 300% too high')
    expect(describeGap(choice, 1, 1)).toBe('you chose “2×”, and that is the answer')
  })
  it('choices in words: no ratio', () => {
    expect(describeGap(words, 0, 2)).toBe('you chose “Yes, clearly”, the answer is “No”')
  })
  it('keeps three significant digits of the key (1.96× is not rounded up to the naive 2×)', () => {
    expect(describeGap(num, 2, 1.96)).toBe('you predicted 2×, the hardware gives 1.96×: spot on (within 5%)')
    expect(describeGap(num, 1.5, 1.96)).toBe('you predicted 1.5×, the hardware gives 1.96×: 23% too low')
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

describe('a lock of several parts (lock 1: footprint and accuracy)', () => {
  it('counts answers in, per part only when the parts differ', () => {
    expect([answersIn([1]), answersIn([3, 3]), answersIn([4, 3]), answersIn([0])]).toEqual(['1 answer in', '3 answers in', '4 / 3 answers in', '0 answers in'])
  })
  it('shows open while any part takes answers, revealed once every part is', () => {
    expect(slidePhase(['open', 'locked'])).toBe('open')
    expect(slidePhase(['locked', 'revealed'])).toBe('locked')
    expect(slidePhase(['revealed', 'revealed'])).toBe('revealed')
    expect(slidePhase(['locked'])).toBe('locked')
  })
})

describe('the late-answer line (issue 19 #9): one line for every part of a lock, so it fits under the form', () => {
  it('names what was not sent and the answer that counts', () => {
    expect(lateLine([{ draft: '2.1×', mine: null }, { draft: 'A collapse', mine: null }]))
      .toBe('Not sent (arrived after the lock): 2.1×; A collapse. You have no saved answer this round.')
    expect(lateLine([{ draft: '3×', mine: '2×' }])).toBe('Not sent (arrived after the lock): 3×. Your saved answer is 2×.')
  })
})
