import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { baselineRecipe, PRECISION, stateFromQuery, stateToQuery, TRACK_IDS, TRACKS } from '../../engine'
import type { DeckState } from '../../engine'

const defaults: DeckState = { track: 'cloud', recipe: baselineRecipe('cloud') }

/** Any state a viewer can reach: sparsity in whole percent (the slider's step), 2:4 pinned at 50%. */
const anyState = fc
  .record({
    track: fc.constantFrom(...TRACK_IDS),
    precision: fc.constantFrom(...PRECISION.values),
    percent: fc.integer({ min: 0, max: 90 }),
    twoFour: fc.boolean(),
    distill: fc.boolean(),
    temperature: fc.integer({ min: 1, max: 20 }),
    studentIndex: fc.nat(),
  })
  .map(({ track, precision, percent, twoFour, distill, temperature, studentIndex }): DeckState => {
    const models = TRACKS[track].models
    return {
      track,
      recipe: {
        precision,
        sparsity: twoFour ? 0.5 : percent / 100,
        pattern: twoFour ? '2:4' : 'unstructured',
        student: models[studentIndex % models.length].id,
        distill,
        temperature,
      },
    }
  })

describe('URL state', () => {
  it('round-trips every reachable state through the query', () => {
    fc.assert(
      fc.property(anyState, (state) => {
        const { state: back, problems } = stateFromQuery(stateToQuery(state), defaults)
        expect(problems).toEqual([])
        expect(back).toEqual(state)
      }),
    )
  })

  it('keeps the good fields of a bad link and names each bad one', () => {
    const { state, problems } = stateFromQuery(
      { track: 'edge', precision: 'int3', sparsity: '95', temperature: 'hot', distill: '1' },
      defaults,
    )
    expect(state.track).toBe('edge')
    expect(state.recipe.distill).toBe(true)
    expect(state.recipe.precision).toBe(defaults.recipe.precision)
    expect(state.recipe.sparsity).toBe(defaults.recipe.sparsity)
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['precision', 'sparsity', 'temperature'])
  })

  it('rejects an empty number and a hostile model id', () => {
    const { problems } = stateFromQuery({ sparsity: '', student: '<script>' }, defaults)
    expect(problems).toHaveLength(2)
  })
})
