// Part 1's workbench as refs of the shared deck state (the view-model itself is logic/quantization.ts).
import { computed } from 'vue'
import { PRECISIONS } from '../engine'
import { quantMath, quantSummary } from '../logic/quantization'
import { useDeckState } from './deckState'

export function useQuantization() {
  const deck = useDeckState()
  const summary = computed(() => quantSummary(deck.track.value, deck.recipe.value))
  const math = computed(() => quantMath(deck.track.value, deck.recipe.value, summary.value.evaluation))
  return { ...deck, summary, math, precisions: PRECISIONS }
}
