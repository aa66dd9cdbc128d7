// The small derivations the slides show beside the engine's numbers: the distillation gap and the share recovered (by hand,
// then as properties of the engine's students), the highest pruning ratio the accuracy floor allows, and how much smaller
// the model is. None recomputes the view-model it tests.
import { describe, expect, it } from 'vitest'
import {
  baselineRecipe, bestTemperature, distillationStart, PRECISION, evaluate, meetsFloor, SPARSITY, stakeholderReference, TEMPERATURE, TRACK_IDS,
} from '../../engine'
import { challenge, distillComparison, gapRecovery } from '../../logic/distillation'
import { safeSparsity } from '../../logic/sparsity'
import { modelShrink } from '../../logic/speedupWaterfall'
import { placementOf, placementWords } from '../../logic/memoryWaterfall'

/** Contenders with only the accuracies set (teacher, scratch, distilled): gapRecovery reads nothing else. */
const contenders = (teacher: number, scratch: number, distilled: number) =>
  [teacher, scratch, distilled].map((accuracy) => ({ evaluation: { accuracy } })) as Parameters<typeof gapRecovery>[0]

describe('the distillation gap, by hand', () => {
  it('a teacher at 80, a student at 70 from scratch and 76 distilled: a 10-point gap, 60% of it recovered', () => {
    expect(gapRecovery(contenders(80, 70, 76))).toEqual({ gap: 10, recovered: expect.closeTo(0.6, 12) })
  })
  it('nothing to recover when the student is as good as the teacher', () => {
    expect(gapRecovery(contenders(80, 80, 80))).toEqual({ gap: null, recovered: null })
  })
})

describe.each(TRACK_IDS)('view-models on %s', (track) => {
  it('distilling part 3\'s opening student recovers a share of its gap within (0, 1], most at its best temperature', () => {
    const opening = distillationStart(track, stakeholderReference(track))
    const at = (temperature: number) => gapRecovery(distillComparison(track, { ...opening, distill: true, temperature }))
    const best = at(bestTemperature(track, opening.student))
    expect(best.gap!).toBeGreaterThan(0) // the teacher beats the smaller student trained from scratch
    expect(best.recovered!).toBeGreaterThan(0)
    expect(best.recovered!).toBeLessThanOrEqual(1) // never beyond the teacher (ARCHITECTURE §3)
    for (const t of [TEMPERATURE.min, TEMPERATURE.max]) expect(at(t).recovered!).toBeLessThanOrEqual(best.recovered! + 1e-12)
  })
  it('the stakeholder\'s target is 80% of the reference energy: the storyboard\'s "20% less power"', () => {
    const ref = stakeholderReference(track)
    expect(challenge(track, ref, ref).targetShare).toBeCloseTo(0.8, 12)
  })
  it('the teacher against itself has no gap to recover', () => {
    expect(gapRecovery(distillComparison(track, baselineRecipe(track)))).toEqual({ gap: null, recovered: null })
  })
  it('the safe pruning ratio keeps the floor, and one slider step more trips the veto (or the slider ends)', () => {
    const r = { ...baselineRecipe(track), pattern: 'channels' as const }
    const s = safeSparsity(track, r)
    expect(s).not.toBeNull() // the FP16 teacher keeps the floor with a little pruning on every track
    expect(meetsFloor(track, evaluate(track, { ...r, sparsity: s! }).accuracy)).toBe(true)
    const next = Number((s! + SPARSITY.sliderStep).toFixed(2))
    if (next <= SPARSITY.max) expect(meetsFloor(track, evaluate(track, { ...r, sparsity: next }).accuracy)).toBe(false)
    else expect(s).toBe(SPARSITY.max)
  })
  it('the model shrink is 0 at the baseline and at most 1 − 8/16 at INT8 (its scales are extra bytes)', () => {
    expect(modelShrink(track, baselineRecipe(track))).toBeCloseTo(0, 12)
    const int8 = modelShrink(track, { ...baselineRecipe(track), precision: 'int8' })
    expect(int8).toBeGreaterThan(0)
    expect(int8).toBeLessThanOrEqual(1 - PRECISION.bits.int8 / PRECISION.bits.fp16)
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
