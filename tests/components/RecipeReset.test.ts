// The reset control puts the shared recipe back to the track's FP16 dense baseline and keeps the track.
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import RecipeReset from '../../components/RecipeReset.vue'
import { useDeckState } from '../../composables/deckState'
import { baselineRecipe } from '../../engine'

vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

describe('RecipeReset', () => {
  it('resets the recipe, keeps the track, says so', async () => {
    const deck = useDeckState()
    deck.setTrack('edge')
    deck.updateRecipe({ precision: 'int4', pattern: '2:4' })
    const w = mount(RecipeReset)
    await w.get('[data-testid="recipe-reset"]').trigger('click')
    expect(deck.track.value).toBe('edge')
    expect(deck.recipe.value).toEqual(baselineRecipe('edge'))
    expect(w.get('[role="status"]').text()).toContain('Reset')
    w.unmount()
  })
})
