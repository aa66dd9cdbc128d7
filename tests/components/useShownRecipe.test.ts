// A display on a slide not in view holds its recipe (Slidev keeps every slide mounted): one change repaints one slide.
import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useDeckState } from '../../composables/deckState'
import { useShownRecipe } from '../../composables/useShownRecipe'

const active = ref(false)
vi.mock('../../composables/slidev', () => ({ useIsSlideActive: () => active }))

describe('useShownRecipe', () => {
  it('holds the last recipe while its slide is not in view, follows it while it is, and catches up on return', () => {
    const deck = useDeckState()
    deck.reset()
    const shown = useShownRecipe()
    const start = shown.value
    deck.setPrecision('int4')
    expect(shown.value).toBe(start)
    active.value = true
    expect(shown.value.precision).toBe('int4')
    deck.setPrecision('int8')
    expect(shown.value.precision).toBe('int8')
    active.value = false
    deck.setPrecision('binary')
    expect(shown.value.precision).toBe('int8')
    active.value = true
    expect(shown.value.precision).toBe('binary')
  })
})
