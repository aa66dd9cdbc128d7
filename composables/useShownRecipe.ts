// A display's view of the shared recipe, gated by its slide being the one in view (see useShownRecipe).
import { computed, type ComputedRef } from 'vue'
import type { Recipe } from '../engine'
import { useDeckState } from './deckState'
import { useIsSlideActive } from './slidev'

/**
 * The recipe as a display on a slide shows it: live while its slide is the current one; on the other slides Slidev keeps
 * mounted (it preloads them all for instant moves) it holds the last value it showed, so one change of a control
 * repaints the slide in view rather than every plot of the deck. Coming back to a slide shows the latest recipe.
 * Only for components inside a slide (it reads the slide's context).
 */
export function useShownRecipe(): ComputedRef<Recipe> {
  const active = useIsSlideActive()
  const { recipe } = useDeckState()
  let shown = recipe.value
  return computed(() => (active.value ? (shown = recipe.value) : shown))
}
