import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { baselineRecipe, TRACKS } from '../../engine'
import TrackPicker from '../../components/TrackPicker.vue'
import TrackBadge from '../../components/TrackBadge.vue'
import { loadQuery, useDeckState, useRecipeEditor } from '../../composables/deckState'

describe('track choice', () => {
  it('switches the deck track, resets the recipe to that track baseline, and the badge follows', async () => {
    const picker = mount(TrackPicker)
    const badge = mount(TrackBadge)
    const deck = useDeckState()
    deck.updateRecipe({ precision: 'int4' })

    await picker.get('[data-track="tiny"] input').setValue(true)
    expect(deck.track.value).toBe('tiny')
    expect(deck.recipe.value).toEqual(baselineRecipe('tiny'))
    expect(picker.text()).toContain(TRACKS.tiny.crisis)
    expect(badge.text()).toContain(TRACKS.tiny.name)
    expect(badge.text()).toContain(TRACKS.tiny.crisisHeadline)
  })

  it('loads a shared link and reports what it had to ignore', () => {
    loadQuery({ track: 'edge', precision: 'int8', sparsity: '120' })
    const deck = useDeckState()
    expect(deck.track.value).toBe('edge')
    expect(deck.recipe.value.precision).toBe('int8')
    expect(deck.recipe.value.student).toBe(TRACKS.edge.baseline)
    expect(deck.problems.value.join(' ')).toMatch(/sparsity/)
  })

  it('refuses an invalid recipe change and keeps the recipe as it was', () => {
    const deck = useDeckState()
    const before = { ...deck.recipe.value }
    expect(() => deck.updateRecipe({ temperature: 99 })).toThrow(/temperature/)
    expect(deck.recipe.value).toEqual(before)
  })

  it('a control panel shows why a change was refused, and clears it on the next good change', () => {
    const deck = useDeckState()
    const { error, update } = useRecipeEditor()
    const before = { ...deck.recipe.value }
    expect(update({ sparsity: 0.95 })).toBe(false)
    expect(error.value).toMatch(/sparsity/)
    expect(error.value).toMatch(/kept as it was/)
    expect(deck.recipe.value).toEqual(before)
    expect(update({ precision: 'int4' })).toBe(true)
    expect(error.value).toBe('')
    expect(deck.recipe.value.precision).toBe('int4')
  })
})
