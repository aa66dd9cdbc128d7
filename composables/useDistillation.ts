// Part 3's stakeholder challenge: the reference recipe the viewer locks in, per track, for the browser session
// (the comparison, the temperature curve and the challenge itself are logic/distillation.ts).
import { computed, type Ref } from 'vue'
import { stakeholderReference, validateRecipe } from '../engine'
import type { Recipe, TrackId } from '../engine'
import { useCheckedStorage } from './storage'

const isRecipeOrNone = (v: unknown): v is Recipe | null =>
  v === null || (!!v && typeof v === 'object' && typeof (v as Recipe).precision === 'string')

/** The reference recipe of the power-cut challenge: part 2's answer (the engine's stakeholderReference: the knee's
 *  precision at the window's first ratio) until the viewer locks in their own. */
export function useReferenceRecipe(track: Ref<TrackId>) {
  const locked = useCheckedStorage<Recipe | null>(() => `silicon-contract:reference:${track.value}`, null, isRecipeOrNone)
  const reference = computed<Recipe>(() => {
    if (!locked.value) return stakeholderReference(track.value)
    try {
      return validateRecipe(track.value, locked.value)
    } catch {
      return stakeholderReference(track.value) // a stale or foreign recipe: fall back, keep nothing broken
    }
  })
  return {
    reference,
    lockIn(recipe: Recipe) {
      locked.value = { ...recipe }
    },
    clear() {
      locked.value = null
    },
  }
}
