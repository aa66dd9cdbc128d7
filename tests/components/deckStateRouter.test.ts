// The deck state and the URL: the state's own write-back to the URL must not load the state again (that handed every
// instrument a new, equal recipe and redrew every chart twice per change); a link that changes the query still loads.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { bindRouter, useDeckState } from '../../composables/deckState'

afterEach(() => vi.useRealTimers())

describe('bindRouter', () => {
  it('writes the recipe to the URL without replacing the recipe object, and loads a changed link', async () => {
    vi.useFakeTimers()
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:n', component: { render: () => null } }] })
    await router.push('/1?track=edge')
    bindRouter(router)
    const deck = useDeckState()
    expect(deck.track.value).toBe('edge')

    deck.updateRecipe({ precision: 'int8', sparsity: 0.3 })
    const mine = deck.recipe.value
    await vi.advanceTimersByTimeAsync(1500) // the debounced write-back
    expect(router.currentRoute.value.query).toMatchObject({ precision: 'int8', sparsity: '30' })
    expect(deck.recipe.value).toBe(mine) // same object: nothing recomputed

    await router.push('/1?track=edge&precision=int4')
    expect(deck.recipe.value.precision).toBe('int4')
  })
})
