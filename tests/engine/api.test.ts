// The views the instruments draw: sweep, frontier, waterfall steps, cliff, sources, stakeholder.
import { describe, expect, it } from 'vitest'
import {
  accuracyFloor, accuracyVsBits, BASELINE_RECIPE, baselineRecipe, compressionSteps, evaluate, listSources, PATTERN,
  dominates, knee, meetsFloor, paretoFrontier, PRECISION, stakeholderCheck, sweep, TRACK_IDS, TRACKS,
} from '../../engine'

describe('public constants', () => {
  it('exposes tracks in display order, precisions and bits', () => {
    expect(TRACK_IDS).toEqual(['cloud', 'edge', 'mobile', 'tiny'])
    expect(PRECISION.values).toEqual(['fp16', 'int8', 'int4', 'binary'])
    expect(PRECISION.values.map((p) => PRECISION.bits[p])).toEqual([16, 8, 4, 1])
    expect(BASELINE_RECIPE).toMatchObject({ precision: 'fp16', sparsity: 0, pattern: 'unstructured', student: 'baseline', distill: false, temperature: 4 })
  })
  it('each track has 2+ students, budgets incl. accuracy, and a crisis with numbers', () => {
    for (const t of TRACK_IDS) {
      const tr = TRACKS[t]
      expect(tr.models.length).toBeGreaterThanOrEqual(3)
      expect(tr.models.some((m) => m.id === tr.baseline)).toBe(true)
      expect(tr.budgets.map((b) => b.name)).toContain('accuracy')
      expect(tr.crisis).toMatch(/\d/)
      expect(tr.stakeholder.powerCutFraction).toBe(0.2)
    }
  })
})

describe.each(TRACK_IDS)('%s', (t) => {
  it('sweeps every precision × (dense, 9 unstructured and 9 channel ratios, 2:4) × model × distill', () => {
    expect(sweep(t)).toHaveLength(4 * (1 + 9 + 9 + 1) * TRACKS[t].models.length * 2)
    for (const pattern of PATTERN.values) expect(sweep(t).some((p) => p.recipe.pattern === pattern && p.recipe.sparsity > 0)).toBe(true)
    expect(sweep(t)).toBe(sweep(t)) // memoised
  })
  it('frontier points are mutually non-dominated, sorted by size, and dominate or tie (within rounding) the rest', () => {
    const f = paretoFrontier(t)
    const dom = (a: typeof f[0], b: typeof f[0]) => dominates(a.evaluation, b.evaluation)
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))
    const tie = (a: typeof f[0], b: typeof f[0]) => close(a.evaluation.memory.totalBytes, b.evaluation.memory.totalBytes)
      && close(a.evaluation.accuracy, b.evaluation.accuracy) && close(a.evaluation.energyPerInferenceJ, b.evaluation.energyPerInferenceJ)
    for (const p of f) for (const q of f) expect(dom(q, p)).toBe(false)
    for (let i = 1; i < f.length; i++) expect(f[i].evaluation.memory.totalBytes).toBeGreaterThanOrEqual(f[i - 1].evaluation.memory.totalBytes)
    for (const p of sweep(t)) if (!f.includes(p)) expect(f.some((q) => dom(q, p) || tie(q, p))).toBe(true)
  })
  it('dominance ignores rounding: 1e-14 apart is a tie, 0.1 point of accuracy is not', () => {
    const e = sweep(t)[0].evaluation
    expect(dominates({ ...e, accuracy: e.accuracy + 1e-14 }, e)).toBe(false)
    expect(dominates(e, { ...e, accuracy: e.accuracy + 1e-14 })).toBe(false)
    expect(dominates({ ...e, accuracy: e.accuracy + 0.1 }, e)).toBe(true)
    expect(dominates({ ...e, accuracy: e.accuracy + 0.1, energyPerInferenceJ: e.energyPerInferenceJ * 1.01 }, e)).toBe(false)
  })
  it('some swept recipe passes every budget (the mission is possible)', () => {
    expect(sweep(t).some((p) => p.evaluation.binding === null)).toBe(true)
  })
  it('compression steps start at the FP16 baseline and end at the recipe', () => {
    const r = { ...baselineRecipe(t), student: TRACKS[t].models[1].id, distill: true, precision: 'int8' as const, sparsity: 0.5, pattern: '2:4' as const }
    const steps = compressionSteps(t, r)
    expect(steps.map((s) => s.label)[0]).toBe('FP16 dense baseline')
    expect(steps).toHaveLength(4)
    expect(steps.at(-1)!.evaluation).toEqual(evaluate(t, r))
    expect(compressionSteps(t, baselineRecipe(t))).toHaveLength(1)
  })
  it('finds the cliff below the floor at or below 4 bits for the baseline', () => {
    const { precision, cliffBits } = knee(t)
    expect(precision === 'int8' || precision === 'int4').toBe(true) // INT8 holds the floor, binary does not: the first precision below it is INT4 or binary
    expect(cliffBits).not.toBeNull()
    expect(accuracyVsBits(t, baselineRecipe(t))[0].accuracy).toBeGreaterThanOrEqual(accuracyFloor(t))
  })
  it('checks the stakeholder power cut against 80% of the reference energy', () => {
    const ref = evaluate(t, baselineRecipe(t))
    const same = stakeholderCheck(t, baselineRecipe(t), baselineRecipe(t))
    expect(same.pass).toBe(false)
    expect(same.limit).toBeCloseTo(0.8 * ref.energyPerInferenceJ, 12)
  })
  it('lists a source and a kind for every constant', () => {
    const rows = listSources(t)
    expect(rows.length).toBeGreaterThan(20)
    for (const r of rows) {
      expect(r.source.length).toBeGreaterThan(3)
      expect(['published', 'derived', 'assumption']).toContain(r.kind)
      expect(Number.isFinite(r.value)).toBe(true)
    }
  })
})

describe('meetsFloor: the veto has one home, and it agrees with the accuracy budget of every evaluation', () => {
  it.each(TRACK_IDS)('%s', (track) => {
    expect(meetsFloor(track, accuracyFloor(track))).toBe(true)
    expect(meetsFloor(track, accuracyFloor(track) - 1e-9)).toBe(false)
    for (const p of sweep(track)) {
      const check = p.evaluation.checks.find((c) => c.name === 'accuracy')
      if (check) expect(meetsFloor(track, p.evaluation.accuracy)).toBe(check.pass)
    }
  })
})
