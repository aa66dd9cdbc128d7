// The small derivations the slides show beside the engine's numbers, held to the engine: the distillation gap and the
// share recovered, the highest pruning ratio the accuracy floor allows, and how much smaller the model is.
import { describe, expect, it } from 'vitest'
import {
  accuracyFloor, baselineRecipe, BITS, distillationStart, evaluate, SPARSITY, stakeholderReference, TRACK_IDS,
} from '../../engine'
import { challenge, distillComparison, gapRecovery } from '../../logic/distillation'
import { safeSparsity } from '../../logic/sparsity'
import { modelShrink } from '../../logic/speedupWaterfall'
import { placementOf, placementWords } from '../../logic/memoryWaterfall'

describe.each(TRACK_IDS)('view-models on %s', (track) => {
  it('the distillation gap is teacher − scratch, and distillation recovers a share of it within (0, 1]', () => {
    const opening = distillationStart(track, stakeholderReference(track))
    const rows = distillComparison(track, { ...opening, distill: true })
    const { gap, recovered } = gapRecovery(rows)
    const [teacher, scratch, distilled] = rows.map((r) => r.evaluation.accuracy)
    expect(gap).toBeCloseTo(teacher - scratch, 9)
    expect(recovered).toBeCloseTo((distilled - scratch) / (teacher - scratch), 9)
    expect(recovered!).toBeGreaterThan(0)
    expect(recovered!).toBeLessThanOrEqual(1) // never beyond the teacher (ARCHITECTURE §3)
  })
  it('the stakeholder\'s target is 80% of the reference energy: the storyboard\'s "20% less power"', () => {
    const ref = stakeholderReference(track)
    expect(challenge(track, ref, ref).targetShare).toBeCloseTo(0.8, 12)
  })
  it('the teacher against itself has no gap to recover', () => {
    expect(gapRecovery(distillComparison(track, baselineRecipe(track)))).toEqual({ gap: null, recovered: null })
  })
  it('the safe pruning ratio is the last one on the curve at or above the floor, and the next one falls below it', () => {
    const r = baselineRecipe(track)
    const s = safeSparsity(track, r)
    const floor = accuracyFloor(track)
    if (s === null) return expect(evaluate(track, r).accuracy).toBeLessThan(floor)
    expect(evaluate(track, { ...r, sparsity: s }).accuracy).toBeGreaterThanOrEqual(floor)
    const next = s + SPARSITY.curveStep
    if (next <= SPARSITY.max + 1e-9) expect(evaluate(track, { ...r, sparsity: Number(next.toFixed(2)) }).accuracy).toBeLessThan(floor)
  })
  it('the model shrink is 0 at the baseline and at most 1 − 8/16 at INT8 (its scales are extra bytes)', () => {
    expect(modelShrink(track, baselineRecipe(track))).toBeCloseTo(0, 12)
    const int8 = modelShrink(track, { ...baselineRecipe(track), precision: 'int8' })
    expect(int8).toBeGreaterThan(0)
    expect(int8).toBeLessThanOrEqual(1 - BITS.int8 / BITS.fp16)
  })
})

describe('where the memory lands', () => {
  it('names the place from the machine, not from a track: the hearable streams its FP16 weights from flash, the H100 is out of memory', () => {
    const at = (track: 'cloud' | 'edge' | 'tiny') => placementOf(track, evaluate(track, baselineRecipe(track)))
    expect(at('tiny')).toBe('streamed') // 972 KiB of model beside 256 KiB of SRAM (the track's crisis)
    expect(placementWords('tiny', 'streamed').word).toBe('weights in flash')
    expect(at('cloud')).toBe('oom') // ~141 GB at FP16 on one 80 GB H100
    expect(at('edge')).toBe('fits')
  })
})
