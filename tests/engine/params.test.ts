// The parameter table (engine/params.ts) is the one place a recipe parameter's range, steps and default live:
// validation, the URL state, the sweep and the part-2 game all follow it.
import { describe, expect, it } from 'vitest'
import {
  BASELINE_RECIPE, baselineRecipe, EngineInputError, gridOf, PARAMS, type Param, PATTERN, PRECISION, SPARSITY,
  stateFromQuery, stateToQuery, sweep, TEMPERATURE, TRACK_IDS, validateRecipe,
} from '../../engine'
import { SPARSITIES as LAB_SPARSITIES, STUDENT as LAB_STUDENT, WIDTHS as LAB_WIDTHS } from '../../lab/config'
import { kernelsJob, validateDistillSpec } from '../../lab/jobs'
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

describe('the table is one list the code loops over (engine/params.ts PARAMS)', () => {
  it('has one entry per recipe field, in the recipe\'s order, each with its own label', () => {
    expect(PARAMS.map((p) => p.key)).toEqual(Object.keys(BASELINE_RECIPE))
    expect(new Set(PARAMS.map((p) => p.label)).size).toBe(PARAMS.length)
  })
  it('each default passes its own check and survives its own URL coding', () => {
    for (const p of PARAMS as readonly Param[]) {
      expect(p.problem(p.default), p.key).toBeNull()
      expect(p.fromQuery(p.toQuery(p.default)), p.key).toEqual(p.default)
    }
  })
  it('the URL carries exactly the track and the table\'s keys', () => {
    expect(Object.keys(stateToQuery({ track, recipe: base })).sort()).toEqual(['track', ...PARAMS.map((p) => p.key)].sort())
  })
  it('a bad query value is reported in the words of its entry', () => {
    for (const p of PARAMS as readonly Param[]) {
      const { problems } = stateFromQuery({ [p.key]: '<bad>' }, { track, recipe: base })
      expect(problems).toEqual([`${p.key}: "<bad>" ${p.expects}`])
    }
  })
  it('ratios travel and show as whole percent; the slider is the same range in the unit it shows', () => {
    expect(SPARSITY.toQuery(0.3)).toBe('30')
    expect(SPARSITY.fromQuery('30')).toBe(0.3)
    expect(SPARSITY.format(0.3)).toBe('30%')
    expect(SPARSITY.slider).toMatchObject({ min: 0, max: 90, step: 1 })
    expect(SPARSITY.slider.toRatio(45)).toBe(0.45)
  })
})

describe('the lab uses the same table', () => {
  it('its sparsity grid is the sweep\'s, and it measures every deck precision below FP16', () => {
    expect(LAB_SPARSITIES).toEqual(gridOf(SPARSITY.min, SPARSITY.max, SPARSITY.sweepStep))
    for (const p of PRECISION.values.filter((x) => x !== PRECISION.default)) expect(LAB_WIDTHS).toContain(PRECISION.bits[p])
    expect(LAB_WIDTHS).toEqual([8, 4, 2, 1]) // plus 2 bits, stated in lab/config.ts
  })
  it("its distillation takes the table's temperatures, edges included, and refuses just outside in the table's words", () => {
    const hidden = LAB_STUDENT.defaultHidden
    for (const temperature of [TEMPERATURE.min, TEMPERATURE.max]) expect(() => validateDistillSpec({ hidden, temperature })).not.toThrow()
    expect(() => validateDistillSpec({ hidden, temperature: TEMPERATURE.min - 0.5 })).toThrow(`temperature must be between ${TEMPERATURE.min} and ${TEMPERATURE.max}, got 0.5`)
    expect(() => validateDistillSpec({ hidden, temperature: TEMPERATURE.max + 1 })).toThrow(`got ${TEMPERATURE.max + 1}`)
    expect(() => validateDistillSpec({ hidden, temperature: Number.NaN })).toThrow('temperature must be a finite number')
  })
  it("its kernel bench refuses a ratio outside the table's range (its slider, LabKernels, is checked in tests/components/LabBench.test.ts)", () => {
    for (const sparsity of [SPARSITY.min - 0.01, SPARSITY.max + 0.01]) expect(() => kernelsJob({ sparsity, scale: 1 }).next()).toThrow('sparsity must be between')
  })
})
