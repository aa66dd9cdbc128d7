// Bad input throws EngineInputError naming the field, and changes nothing.
import { describe, expect, it } from 'vitest'
import { BASELINE_RECIPE, baselineRecipe, EngineInputError, evaluate, validateRecipe, type Recipe, type TrackId } from '../../engine'

const bad: [string, Record<string, unknown>][] = [
  ['precision', { precision: 'int2' }],
  ['precision', { precision: undefined }],
  ['sparsity', { sparsity: NaN }],
  ['sparsity', { sparsity: -0.1 }],
  ['sparsity', { sparsity: 0.95 }],
  ['sparsity', { sparsity: Infinity }],
  ['sparsity', { sparsity: '0.5' }],
  ['sparsity', { sparsity: 0.3, pattern: '2:4' }],
  ['pattern', { pattern: '4:8' }],
  ['student', { student: 'gpt-5' }],
  ['student', { student: 42 }],
  ['distill', { distill: 'yes' }],
  ['distill', { distill: 1 }],
  ['temperature', { temperature: 0.5 }],
  ['temperature', { temperature: 21 }],
  ['temperature', { temperature: NaN }],
]

describe('EngineInputError', () => {
  for (const [field, patch] of bad) {
    it(`names '${field}' for ${JSON.stringify(patch, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`, () => {
      const recipe = { ...baselineRecipe('edge'), ...patch }
      const copy = JSON.stringify(recipe)
      let err: unknown
      try { evaluate('edge', recipe as unknown as Recipe) } catch (e) { err = e }
      expect(err).toBeInstanceOf(EngineInputError)
      expect((err as EngineInputError).field).toBe(field)
      expect((err as Error).message).toContain(field)
      expect(JSON.stringify(recipe)).toBe(copy)
    })
  }
  it('names the track for an unknown track', () => {
    expect(() => evaluate('moon' as TrackId, BASELINE_RECIPE)).toThrow(EngineInputError)
    try { baselineRecipe('moon' as TrackId) } catch (e) { expect((e as EngineInputError).field).toBe('track') }
  })
  it('rejects a non-object recipe', () => {
    expect(() => validateRecipe('cloud', null)).toThrow(/recipe/)
  })
  it("accepts 'baseline' as an alias of every track's baseline model", () => {
    for (const t of ['cloud', 'edge', 'mobile', 'tiny'] as const) {
      expect(validateRecipe(t, BASELINE_RECIPE).student).toBe(baselineRecipe(t).student)
      expect(evaluate(t, BASELINE_RECIPE)).toEqual(evaluate(t, baselineRecipe(t)))
    }
  })
})

describe('every public function validates its inputs', () => {
  it('throws EngineInputError naming the field', async () => {
    const e = await import('../../engine')
    const cases: [() => unknown, string][] = [
      [() => e.sweep('x' as TrackId), 'track'],
      [() => e.paretoFrontier('x' as TrackId), 'track'],
      [() => e.accuracyFloor('x' as TrackId), 'track'],
      [() => e.knee('x' as TrackId), 'track'],
      [() => e.listSources('x' as TrackId), 'track'],
      [() => e.lockAnswer('x' as TrackId, 'sparsity'), 'track'],
      [() => e.lockAnswer('edge', 'pruning' as never), 'lock'],
      [() => e.bestTemperature('edge', 'gpt-5'), 'student'],
      [() => e.compressionSteps('edge', { ...baselineRecipe('edge'), precision: 'fp8' as never }), 'precision'],
      [() => e.accuracyVsBits('edge', { ...baselineRecipe('edge'), sparsity: 2 }), 'sparsity'],
      [() => e.stakeholderCheck('edge', baselineRecipe('edge'), { ...baselineRecipe('edge'), distill: null as never }), 'distill'],
      [() => e.describeConstant('no such constant'), 'name'],
    ]
    for (const [fn, field] of cases) {
      let err: unknown
      try { fn() } catch (x) { err = x }
      expect(err, field).toBeInstanceOf(EngineInputError)
      expect((err as EngineInputError).field).toBe(field)
    }
  })
})
