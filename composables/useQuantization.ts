// Part 1's workbench as refs of the shared deck state (the view-model itself is logic/quantization.ts).
import { computed } from 'vue'
import { PRECISION } from '../engine'
import { quantCurves, quantMath, quantSummary } from '../logic/quantization'
import { useCurveRecipe } from './charts'
import { useDeckState } from './deckState'

export function useQuantization() {
  const deck = useDeckState()
  // the curves stay the same objects while only the precision changes: a click moves the chart's marker, not its curves
  const spanned = useCurveRecipe(() => deck.recipe.value, { precision: PRECISION.default })
  const curves = computed(() => quantCurves(deck.track.value, spanned.value))
  const summary = computed(() => quantSummary(deck.track.value, deck.recipe.value, curves.value))
  const math = computed(() => quantMath(deck.track.value, deck.recipe.value, summary.value.evaluation))
  return { ...deck, curves, summary, math }
}
