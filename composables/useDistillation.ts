// Part 3's stakeholder challenge: the reference recipe the viewer locks in, per track, for the browser session
// (the comparison, the temperature curve and the challenge itself are logic/distillation.ts).
import { computed, ref, type Ref } from 'vue'
import { StoredRecipe } from '../server/api'
import { stakeholderReference, validateRecipe } from '../engine'
import type { Recipe, TrackId } from '../engine'
import { useCheckedStorage } from './storage'

/** The reference recipe of the power-cut challenge: part 2's answer — the viewer's own winning try when there is one,
 *  else the engine's stakeholderReference (the knee's precision at the window's first ratio) — until the viewer locks in
 *  their own. */
export function useReferenceRecipe(track: Ref<TrackId>, partTwoAnswer: Ref<Recipe | null> = ref(null)) {
  const locked = useCheckedStorage<Recipe | null>(() => `silicon-contract:reference:${track.value}`, null, StoredRecipe.nullable())
  const partTwo = computed(() => partTwoAnswer.value ?? stakeholderReference(track.value))
  const reference = computed<Recipe>(() => {
    if (!locked.value) return partTwo.value
    try {
      return validateRecipe(track.value, locked.value)
    } catch {
      return partTwo.value // a stale or foreign recipe: fall back, keep nothing broken
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
