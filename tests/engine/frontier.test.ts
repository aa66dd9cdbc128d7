import { describe, expect, it } from 'vitest'
import { baselineRecipe, evaluate, paretoFrontier, TRACK_IDS, TRACKS } from '../../engine'

describe('Pareto frontier', () => {
  for (const t of TRACK_IDS) {
    it(`${t}: the FP16 dense baseline scores exactly its published accuracy`, () => {
      const published = TRACKS[t].models.find((m) => m.id === TRACKS[t].baseline)!.accuracy.value
      expect(evaluate(t, baselineRecipe(t)).accuracy).toBe(published)
      expect(evaluate(t, { ...baselineRecipe(t), distill: true }).accuracy).toBe(published) // self-distillation adds nothing
    })

    it(`${t}: no two frontier points share the same size, accuracy and energy`, () => {
      const keys = paretoFrontier(t).map((p) => `${p.evaluation.memory.totalBytes}|${p.evaluation.accuracy}|${p.evaluation.energyPerInferenceJ}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect(paretoFrontier(t).some((p) => p.recipe.student === TRACKS[t].baseline && p.recipe.distill && p.recipe.precision === 'fp16' && p.recipe.sparsity === 0)).toBe(false)
    })
  }
})

describe('crisis headlines', () => {
  it('carry the FP16 numbers the engine computes', () => {
    const cloud = evaluate('cloud', baselineRecipe('cloud'))
    expect(TRACKS.cloud.crisisHeadline).toContain(`${Number((cloud.memory.totalBytes / 1e9).toPrecision(3))} GB`)
    expect(TRACKS.cloud.crisisHeadline).toMatch(/OOM/)
    const tiny = evaluate('tiny', baselineRecipe('tiny'))
    expect(TRACKS.tiny.crisisHeadline).toContain(`${Number((tiny.memory.totalBytes / 1024).toPrecision(3))} KiB`)
  })
})
