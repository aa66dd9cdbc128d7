// The sparsity workbench plots and shows the engine's numbers, writes the shared recipe, counts tries, and vetoes.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SparsityWorkbench from '../../components/SparsityWorkbench.vue'
import SparsityControls from '../../components/SparsityControls.vue'
import { useDeckState } from '../../composables/deckState'
import { clearPage, mountOnTrack } from './mountOnTrack'
import { formatMs, formatValue } from '../../logic/format'
import { gameTarget, requiredSpeedup, SPARSITY_STEPS, windowText } from '../../logic/sparsity'
import { accuracyFloor, evaluate, PRECISIONS, TRACK_IDS, TRACKS } from '../../engine'
import type { Recipe, TrackId } from '../../engine'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(SparsityWorkbench, track)

beforeEach(clearPage)

describe.each(TRACK_IDS)('SparsityWorkbench on %s', (track) => {
  it('plots theoretical and realized speedup from evaluate() at every pruning ratio, and the current point', async () => {
    const w = start(track)
    await w.get('[data-testid="sparsity-slider"]').setValue('40')
    const r = deck.recipe.value
    expect(r.sparsity).toBeCloseTo(0.4)
    const ds = w.getComponent({ name: 'Line' }).props('data').datasets
    const at = (s: number) => evaluate(track, { ...r, pattern: 'unstructured', sparsity: s })
    expect(ds[0].data).toEqual(SPARSITY_STEPS.map((s) => ({ x: s * 100, y: at(s).theoreticalSpeedup })))
    expect(ds[1].data).toEqual(SPARSITY_STEPS.map((s) => ({ x: s * 100, y: at(s).realizedSpeedup })))
    const t24 = evaluate(track, { ...r, pattern: '2:4', sparsity: 0.5 })
    expect(ds[2].data).toEqual([{ x: 50, y: t24.theoreticalSpeedup }])
    expect(ds[3].data).toEqual([{ x: 50, y: t24.realizedSpeedup }])
    const need = requiredSpeedup(track)
    if (need !== null) expect(ds[4].data[0].y).toBe(need)
    expect(ds[ds.length - 1].data).toEqual([{ x: 40, y: evaluate(track, r).realizedSpeedup }])
    expect(w.get('[data-testid="sparsity-value"]').text()).toBe('40 %')
    const t = gameTarget(track)
    const shown = evaluate(track, r).checks.find((c) => c.name === (t?.name ?? 'latency'))!
    expect(w.get('[data-testid="sparsity-target"]').text()).toContain(formatValue(shown.value, shown.unit, TRACKS[track].units.bytes))
    expect(w.get('[data-testid="sparsity-readout"]').text()).toContain(formatMs(evaluate(track, r).latencyMs))
    w.unmount()
  })

  it('2:4 pins the ratio to 50% and disables the slider', async () => {
    const w = start(track)
    await w.get('input[value="2:4"]').setValue(true)
    expect(deck.recipe.value).toMatchObject({ pattern: '2:4', sparsity: 0.5 })
    expect((w.get('[data-testid="sparsity-slider"]').element as HTMLInputElement).disabled).toBe(true)
    w.unmount()
  })

  it('shows the accuracy veto exactly when accuracy is below the floor, with a recovery hint', async () => {
    const w = start(track)
    expect(w.find('[data-testid="accuracy-veto"]').exists()).toBe(evaluate(track, deck.recipe.value).accuracy < accuracyFloor(track))
    const vetoed = PRECISIONS.flatMap((precision) => SPARSITY_STEPS.map((sparsity) => ({ ...deck.recipe.value, precision, sparsity }) as Recipe))
      .find((x) => evaluate(track, x).accuracy < accuracyFloor(track))
    expect(vetoed, 'some recipe breaks the floor').toBeDefined()
    deck.updateRecipe(vetoed!)
    await w.vm.$nextTick()
    const banner = w.get('[data-testid="accuracy-veto"]')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain('STAKEHOLDER ACCURACY VETO')
    expect(banner.text()).toMatch(/prune less|raise the precision/)
    w.unmount()
  })

  it('counts a try on "Try this recipe" and on a pointer release, not on keyboard steps', async () => {
    if (gameTarget(track) === null) return // no game on a track with nothing to hit (tested above)
    const w = start(track)
    const slider = w.get('[data-testid="sparsity-slider"]')
    const count = () => w.get('[data-testid="tries-count"]').text()
    expect(count()).toBe('Try 0 / 10')
    await slider.setValue('10') // input + change without a pointer: a keyboard step
    expect(count()).toBe('Try 0 / 10')
    await w.get('[data-testid="try-button"]').trigger('click')
    expect(count()).toBe('Try 1 / 10')
    await slider.trigger('pointerdown')
    await slider.setValue('20')
    // a release is a try, unless the first try already met the target (then the game is won and counting stops)
    if (w.find('[data-testid="tries-success"]').exists()) expect(count()).toBe('Try 1 / 10')
    else expect(count()).toBe('Try 2 / 10')
    await w.get('[data-testid="restart-button"]').trigger('click')
    expect(count()).toBe('Try 0 / 10')
    w.unmount()
  })

  it('shows the engine\'s window after the tenth try, or earlier on request', async () => {
    const w = start(track)
    if (gameTarget(track) === null) { // nothing to hit: no game, the verdict shows from the start
      expect(w.get('[data-testid="tries-window"]').text()).toBe(windowText(track))
      expect(w.find('[data-testid="try-button"]').exists()).toBe(false)
      return w.unmount()
    }
    expect(w.find('[data-testid="tries-window"]').exists()).toBe(false)
    await w.get('[data-testid="window-button"]').trigger('click')
    expect(w.get('[data-testid="tries-window"]').text()).toBe(windowText(track))
    await w.get('[data-testid="restart-button"]').trigger('click')
    expect(w.find('[data-testid="tries-window"]').exists()).toBe(false)
    // ten tries that cannot win (a ratio the veto trips, or none at all when nothing hits)
    const slider = w.get('[data-testid="sparsity-slider"]')
    for (let i = 0; i < 10 && !w.find('[data-testid="tries-success"]').exists(); i++) {
      await slider.setValue(String(90 - i))
      await w.get('[data-testid="try-button"]').trigger('click')
    }
    expect(w.get('[data-testid="tries-window"]').text()).toBe(windowText(track))
    w.unmount()
  })

  it('shows an engine error and keeps the recipe when a change is invalid', async () => {
    const w = start(track)
    const before = { ...deck.recipe.value }
    w.getComponent(SparsityControls).vm.$emit('update', { sparsity: 0.95 })
    await w.vm.$nextTick()
    expect(w.get('[role="alert"]').text()).toMatch(/sparsity/i)
    expect(deck.recipe.value).toEqual(before)
    w.unmount()
  })
})
