import { describe, expect, it } from 'vitest'
import { baselineRecipe, dominates, type Evaluation, evaluate, leversOf, leversThrough, paretoFrontier, sig, sweep, TRACK_IDS, TRACKS } from '../../engine'
import { ties } from '../../engine/frontier'

/** An evaluation that differs only in the frontier's three objectives (total memory, energy per inference, accuracy). */
const point = (bytes: number, joules: number, accuracy: number): Evaluation => {
  const e = evaluate('tiny', baselineRecipe('tiny'))
  return { ...e, memory: { ...e.memory, totalBytes: bytes }, energyPerInferenceJ: joules, accuracy }
}

describe('dominance (Pareto: no worse in every objective, better in one; memory and energy fall, accuracy rises)', () => {
  it('is decided by each objective alone, in its own direction', () => {
    const a = point(100, 1, 80)
    expect(dominates(a, point(200, 1, 80))).toBe(true) // less memory
    expect(dominates(a, point(100, 2, 80))).toBe(true) // less energy
    expect(dominates(a, point(100, 1, 70))).toBe(true) // more accurate
    expect(dominates(point(200, 1, 80), a)).toBe(false)
    expect(dominates(a, point(200, 1, 90))).toBe(false) // a trade: neither dominates
    expect(dominates(point(200, 1, 90), a)).toBe(false)
  })
  it('an equal point neither dominates nor is dominated: it ties, as do points a rounding error apart', () => {
    const a = point(100, 1, 80)
    expect(dominates(a, point(100, 1, 80))).toBe(false)
    expect(ties(a, point(100, 1, 80))).toBe(true)
    expect(ties(a, point(100 * (1 + 1e-12), 1, 80))).toBe(true)
    expect(dominates(a, point(100 * (1 + 1e-12), 1, 80))).toBe(false)
    expect(ties(a, point(100 * (1 + 1e-6), 1, 80))).toBe(false)
    expect(dominates(a, point(100 * (1 + 1e-6), 1, 80))).toBe(true)
  })
})

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

describe('the frontier of the levers taught so far', () => {
  for (const t of TRACK_IDS) {
    it(`${t}: part 1 has the four precisions of the teacher; part 2 adds sparsity; part 3 is the whole sweep`, () => {
      const p1 = sweep(t, leversThrough(1))
      expect(p1.map((p) => p.recipe)).toEqual((['fp16', 'int8', 'int4', 'binary'] as const).map((precision) => ({ ...baselineRecipe(t), precision })))
      const p2 = sweep(t, leversThrough(2))
      expect(p2.every((p) => p.recipe.student === TRACKS[t].baseline && !p.recipe.distill)).toBe(true)
      expect(p2.length).toBe(4 * 20) // dense, 9 unstructured and 9 channel ratios, and 2:4, at four precisions
      expect(sweep(t, leversThrough(3))).toBe(sweep(t))
      expect(paretoFrontier(t, leversThrough(3))).toBe(paretoFrontier(t))
    })

    it(`${t}: each part's frontier is non-dominated within its recipes, and dominates every other one of them`, () => {
      for (const part of [1, 2] as const) {
        const all = sweep(t, leversThrough(part))
        const front = paretoFrontier(t, leversThrough(part))
        expect(front.every((p) => leversOf(t, p.recipe).every((l) => leversThrough(part).includes(l)))).toBe(true)
        // every recipe left out is dominated by (or ties) a frontier recipe; no frontier recipe is dominated by any
        const covers = (q: typeof front[number], p: typeof front[number]) => dominates(q.evaluation, p.evaluation) || ties(q.evaluation, p.evaluation)
        for (const p of all) expect(front.includes(p) || front.some((q) => covers(q, p))).toBe(true)
        for (const p of front) expect(all.some((q) => dominates(q.evaluation, p.evaluation))).toBe(false)
      }
    })
  }
  it('leversOf names what a recipe pulls beyond the FP16 dense teacher', () => {
    const b = baselineRecipe('tiny')
    expect(leversOf('tiny', b)).toEqual([])
    expect(leversOf('tiny', { ...b, precision: 'int8', sparsity: 0.5 })).toEqual(['precision', 'sparsity'])
    expect(leversOf('tiny', { ...b, distill: true })).toEqual(['distillation'])
    expect(leversOf('tiny', { ...b, student: 'ds-cnn-s' })).toEqual(['distillation'])
  })
})

describe('crisis headlines', () => {
  it('carry the FP16 numbers the engine computes', () => {
    const cloud = evaluate('cloud', baselineRecipe('cloud'))
    expect(TRACKS.cloud.crisisHeadline).toContain(`${sig(cloud.memory.totalBytes / 1e9)} GB`)
    expect(TRACKS.cloud.crisisHeadline).toMatch(/OOM/)
    const tiny = evaluate('tiny', baselineRecipe('tiny'))
    expect(TRACKS.tiny.crisisHeadline).toContain(`${sig(tiny.memory.totalBytes / 1024)} KiB`)
  })
})
