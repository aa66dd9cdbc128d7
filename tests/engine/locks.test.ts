// Each lock's answer key equals evaluate()'s numbers, for every track.
import { describe, expect, it } from 'vitest'
import { baselineRecipe, bestTemperature, evaluate, knee, LOCKS, lockAnswer, sig, TRACK_IDS, TRACKS } from '../../engine'
import { quantizationAccuracyOption } from '../../engine/locks'

describe('lock definitions', () => {
  it('has the storyboard questions with valid shapes; lock 1 asks both of its questions (footprint, then accuracy)', () => {
    expect(LOCKS.quantization.question).toMatch(/FP16 to INT8, by what factor does your memory footprint shrink/)
    expect(LOCKS.quantizationAccuracy.question).toMatch(/what happens to accuracy/i)
    expect(LOCKS.quantizationAccuracy.options).toHaveLength(4)
    expect(LOCKS.sparsity.question).toMatch(/50% unstructured/)
    expect(LOCKS.distillation.question).toMatch(/4-bit .*Distillation.*8-bit/)
    expect(LOCKS.distillation.options).toHaveLength(4)
    for (const l of [LOCKS.quantization, LOCKS.sparsity]) expect(l.range!.min).toBeLessThan(l.range!.max)
  })
})

describe.each(TRACK_IDS)('answer keys for %s', (t) => {
  const b = baselineRecipe(t)
  it('quantization = footprint(FP16) / footprint(INT8), inside the slider range', () => {
    const v = evaluate(t, b).memory.totalBytes / evaluate(t, { ...b, precision: 'int8' }).memory.totalBytes
    const a = lockAnswer(t, 'quantization')
    expect(a.value).toBe(v)
    expect(a.value).toBeGreaterThanOrEqual(LOCKS.quantization.range!.min)
    expect(a.value).toBeLessThanOrEqual(LOCKS.quantization.range!.max)
    expect(a.value).toBeLessThanOrEqual(2) // FP16 → INT8 can never shrink more than the weights do
  })
  it('quantizationAccuracy = the band the post-training FP16 → INT8 accuracy loss falls in', () => {
    const lost = evaluate(t, b).accuracy - evaluate(t, { ...b, precision: 'int8' }).accuracy
    const expected = lost < 1 ? 0 : lost <= 5 ? 1 : lost <= 20 ? 2 : 3
    const a = lockAnswer(t, 'quantizationAccuracy')
    expect(a.value).toBe(expected)
    expect(a.explanation.startsWith(LOCKS.quantizationAccuracy.options![expected])).toBe(true)
    expect(a.basis.map((x) => x.recipe.precision)).toEqual(['fp16', 'int8'])
  })
  it('sparsity = 50% unstructured over dense at part 1\'s precision (the knee), and it is not 2×', () => {
    const a = lockAnswer(t, 'sparsity')
    const at = { ...b, precision: knee(t).precision! }
    expect(a.value).toBe(evaluate(t, at).latencyMs / evaluate(t, { ...at, sparsity: 0.5, pattern: 'unstructured' }).latencyMs)
    // the sentence says the number the reveal's heading and the workbench show (three significant digits)
    expect(a.explanation).toContain(`${sig(a.value, 3)}× over dense`)
    expect(a.value).toBeLessThan(1.5)
    expect(a.value).toBeGreaterThanOrEqual(LOCKS.sparsity.range!.min)
  })
  it('distillation = the option the INT4-distilled vs INT8-scratch difference falls in', () => {
    const a = lockAnswer(t, 'distillation')
    const student = a.basis[0].recipe.student
    expect(student).not.toBe(TRACKS[t].baseline) // a real student
    expect(a.basis[1].recipe).toMatchObject({ student, precision: 'int8', distill: false, sparsity: 0 })
    const d = evaluate(t, { ...b, student, precision: 'int4', distill: true, temperature: bestTemperature(t, student) }).accuracy
    const s = evaluate(t, { ...b, student, precision: 'int8' }).accuracy
    const diff = d - s
    const expected = diff > 1 ? 0 : diff > 0 ? 1 : diff >= -1 ? 2 : 3
    expect(a.value).toBe(expected)
    expect(a.explanation).toContain(LOCKS.distillation.options![expected])
  })
})

describe('the accuracy bands of lock 1', () => {
  it('cut at 1, 5 and 20 points lost', () => {
    expect([0, 0.99, 1, 5, 5.01, 20, 20.1, 60].map(quantizationAccuracyOption)).toEqual([0, 0, 1, 1, 2, 2, 3, 3])
  })
})
