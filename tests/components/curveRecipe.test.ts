// A chart's curves are recomputed when the recipe changes in a field they do not span, never while a control they span
// is dragged (composables/charts.ts: useCurveRecipe).
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useCurveRecipe } from '../../composables/charts'
import { BASELINE_RECIPE } from '../../engine'
import type { Recipe } from '../../engine'

describe('useCurveRecipe', () => {
  it('keeps the same recipe while only a spanned field changes, and follows every other field', () => {
    const recipe = ref<Recipe>({ ...BASELINE_RECIPE, sparsity: 0.3 })
    const spanned = useCurveRecipe(() => recipe.value, { sparsity: 0, pattern: 'unstructured' })
    const first = spanned.value
    expect(first).toEqual({ ...BASELINE_RECIPE, sparsity: 0, pattern: 'unstructured' })
    recipe.value = { ...recipe.value, sparsity: 0.6, pattern: 'channels' }
    expect(spanned.value).toBe(first)
    recipe.value = { ...recipe.value, precision: 'int4' }
    expect(spanned.value).not.toBe(first)
    expect(spanned.value).toEqual({ ...BASELINE_RECIPE, precision: 'int4', sparsity: 0, pattern: 'unstructured' })
  })
})
