// The parameter table (engine/params.ts) is the one place a recipe parameter's range, steps and default live:
// validation, the URL state, the sweep and the part-2 game all follow it.
import { describe, expect, it } from 'vitest'
import {
  BASELINE_RECIPE, baselineRecipe, EngineInputError, gridOf, PATTERN, PRECISION, PRECISIONS, SPARSITY,
  stateFromQuery, stateToQuery, sweep, TEMPERATURE, TRACK_IDS, validateRecipe,
} from '../../engine'
import { GAME_SPARSITY_STEPS } from '../../engine/lessons'

const track = TRACK_IDS[0]
const base = baselineRecipe(track)

describe('gridOf', () => {
  it('steps from min to max inclusive, in exact decimals', () => {
    expect(gridOf(0, 0.9, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    expect(gridOf(1, 20, 1)).toHaveLength(20)
    expect(gridOf(0.01, 0.9, 0.01)).toHaveLength(90)
    expect(gridOf(0.01, 0.9, 0.01)[28]).toBe(0.29)
  })
})

describe('the table drives validation', () => {
  it('accepts every edge of every range and refuses just outside, naming the field', () => {
    for (const sparsity of [SPARSITY.min, SPARSITY.max]) expect(validateRecipe(track, { ...base, sparsity }).sparsity).toBe(sparsity)
    for (const temperature of [TEMPERATURE.min, TEMPERATURE.max]) expect(validateRecipe(track, { ...base, temperature }).temperature).toBe(temperature)
    const refused = (r: object) => {
      try {
        validateRecipe(track, r)
        return null
      } catch (e) { return (e as EngineInputError).field }
    }
    expect(refused({ ...base, sparsity: SPARSITY.max + 0.01 })).toBe('sparsity')
    expect(refused({ ...base, sparsity: SPARSITY.min - 0.01 })).toBe('sparsity')
    expect(refused({ ...base, temperature: TEMPERATURE.max + 1 })).toBe('temperature')
    expect(refused({ ...base, temperature: TEMPERATURE.min - 0.5 })).toBe('temperature')
    expect(refused({ ...base, precision: 'int2' })).toBe('precision')
    expect(refused({ ...base, pattern: '4:8' })).toBe('pattern')
  })
  it('2:4 pins the ratio the table gives it', () => {
    expect(validateRecipe(track, { ...base, pattern: '2:4', sparsity: PATTERN.sparsityOf24 }).sparsity).toBe(PATTERN.sparsityOf24)
    expect(() => validateRecipe(track, { ...base, pattern: '2:4', sparsity: PATTERN.sparsityOf24 + 0.1 })).toThrow(EngineInputError)
  })
  it("the baseline recipe is the table's defaults", () => {
    expect(BASELINE_RECIPE).toEqual({ precision: PRECISION.default, sparsity: SPARSITY.default, pattern: PATTERN.default, student: 'baseline', distill: false, temperature: TEMPERATURE.default })
    expect(PRECISIONS).toEqual(PRECISION.values)
  })
})

describe('the table drives the URL', () => {
  it('the edges of each range survive a round trip; just outside is reported and keeps the default', () => {
    const edge = { ...base, sparsity: SPARSITY.max, temperature: TEMPERATURE.max }
    expect(stateFromQuery(stateToQuery({ track, recipe: edge }), { track, recipe: base })).toEqual({ state: { track, recipe: edge }, problems: [] })
    const out = stateFromQuery({ sparsity: String(Math.round(SPARSITY.max * 100) + 1), temperature: String(TEMPERATURE.min - 1) }, { track, recipe: base })
    expect(out.state.recipe).toEqual(base)
    expect(out.problems).toHaveLength(2)
  })
})

describe('the table drives the sweep and the game', () => {
  it('the sweep evaluates the sweep grid unstructured, plus 2:4 at its ratio', () => {
    const ratios = new Set(sweep(track).filter((p) => p.recipe.pattern === 'unstructured').map((p) => p.recipe.sparsity))
    expect([...ratios].sort((a, b) => a - b)).toEqual(gridOf(SPARSITY.min, SPARSITY.max, SPARSITY.sweepStep))
    expect(new Set(sweep(track).filter((p) => p.recipe.pattern === '2:4').map((p) => p.recipe.sparsity))).toEqual(new Set([PATTERN.sparsityOf24]))
  })
  it("the game is played at the slider's steps, above zero up to the maximum", () => {
    expect(GAME_SPARSITY_STEPS[0]).toBe(SPARSITY.sliderStep)
    expect(GAME_SPARSITY_STEPS.at(-1)).toBe(SPARSITY.max)
    expect(GAME_SPARSITY_STEPS).toHaveLength(Math.round(SPARSITY.max / SPARSITY.sliderStep))
  })
})
