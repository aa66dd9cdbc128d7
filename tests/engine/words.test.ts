// The deck's words (engine/words.ts), the one budget rule (engine/floor.ts) and the keys the waterfalls carry.
import { describe, expect, it } from 'vitest'
import {
  amdahlTerms, baselineRecipe, compressionSteps, evaluate, floorVerdict, meetsFloor, percent, precisionName, pruningText,
  placementWordsOn, recipeLabel, specVerdict, specVerdictText, sweep, temperatureText, TRACK_IDS, verdictWord, wholePercent,
} from '../../engine'
import { withinLimit } from '../../engine/floor'

describe('words', () => {
  it('percent rounds to whole percent, half up', () => {
    expect([wholePercent(0.3), wholePercent(0.305), wholePercent(0.004), wholePercent(0.9)]).toEqual([30, 31, 0, 90])
    expect(percent(0.5)).toBe('50%')
  })
  it('a recipe\'s fragments read one way in every label', () => {
    expect(pruningText(0.5, '2:4')).toBe('50% 2:4')
    expect(temperatureText(4)).toBe('T = 4')
    expect(precisionName('binary')).toBe('Binary')
    const r = { ...baselineRecipe('cloud'), precision: 'int4' as const, pattern: '2:4' as const, sparsity: 0.5 }
    expect(recipeLabel('cloud', r)).toBe('INT4 · 50% 2:4 · Llama-3-70B')
  })
  it('the accuracy floor fails as a veto, every other budget as a failure', () => {
    expect(verdictWord({ name: 'accuracy', pass: false })).toBe('VETO')
    expect(verdictWord({ name: 'latency', pass: false })).toBe('FAIL')
    expect(verdictWord({ name: 'accuracy', pass: true })).toBe('PASS')
    expect([floorVerdict(true), floorVerdict(false)]).toEqual(['PASS', 'VETO'])
  })
  it('a contract is in spec or out of it, one way in the ledger, its Markdown and the takeaway', () => {
    expect([specVerdict(true), specVerdict(false)]).toEqual(['IN SPEC', 'OUT OF SPEC'])
    expect(specVerdictText(null)).toBe('IN SPEC: every budget passes')
    expect(specVerdictText('latency')).toBe('OUT OF SPEC: latency fails first')
  })
  it('a placement reads one way beside a bar, over it, in a cell and in a sentence', () => {
    expect(placementWordsOn('flash', 'streamed')).toEqual({ word: 'weights in flash', verdict: 'WEIGHTS IN FLASH', mark: 'FLASH', sentence: 'runs only by streaming its weights from flash' })
    expect(placementWordsOn('HBM', 'oom')).toEqual({ word: 'OOM', verdict: 'OOM', mark: 'OOM', sentence: 'does not fit' })
    expect(placementWordsOn('HBM', 'fits')).toEqual({ word: 'fits', verdict: 'FITS', mark: '', sentence: 'fits' })
  })
})

describe('one rule for every budget', () => {
  it('a max limit is met at or below it, a min limit (the floor) at or above it', () => {
    expect([withinLimit('max', 10, 10), withinLimit('max', 10.1, 10), withinLimit('min', 70.3, 70.3), withinLimit('min', 70.29, 70.3)]).toEqual([true, false, true, false])
  })
  it.each(TRACK_IDS)('on %s, meetsFloor is the accuracy check of evaluate() on every recipe of the sweep', (t) => {
    for (const p of sweep(t)) {
      const check = p.evaluation.checks.find((c) => c.name === 'accuracy')!
      expect(meetsFloor(t, p.evaluation.accuracy)).toBe(check.pass)
    }
  })
})

describe('the waterfalls carry keys', () => {
  it('the speedup steps come in the engine\'s order, and Amdahl reads the non-accelerated step by its key', () => {
    const e = evaluate('edge', { ...baselineRecipe('edge'), precision: 'int8' })
    expect(e.speedupSteps.map((s) => s.key)).toEqual(['precisionPath', 'dequant', 'sparsePath', 'metadata', 'activations', 'rest'])
    const rest = e.speedupSteps.findIndex((s) => s.key === 'rest')
    expect(amdahlTerms(e)!.S).toBe(e.speedupSteps[rest].speedupAfter)
    // renaming the step's words changes nothing: the key finds it
    const renamed = { ...e, speedupSteps: e.speedupSteps.map((s) => ({ ...s, name: 'x' })) }
    expect(amdahlTerms(renamed)).toEqual(amdahlTerms(e))
  })
  it('the compression steps name the lever each applies', () => {
    const steps = compressionSteps('tiny', { ...baselineRecipe('tiny'), student: 'ds-cnn-s', distill: true, precision: 'int8', pattern: 'channels', sparsity: 0.3 })
    expect(steps.map((s) => s.key)).toEqual(['baseline', 'student', 'precision', 'sparsity'])
    expect(steps.map((s) => s.label)).toEqual(['FP16 dense baseline', '+ DS-CNN-S distilled (T = 4)', '+ INT8', '+ 30% channels pruning'])
  })
})
