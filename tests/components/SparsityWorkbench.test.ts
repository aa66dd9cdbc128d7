// The sparsity workbench plots and shows the engine's numbers for all three patterns, writes the shared recipe, counts
// tries, vetoes, and reads lock 2's key where the lock sends the student.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SparsityWorkbench from '../../components/SparsityWorkbench.vue'
import SparsityControls from '../../components/SparsityControls.vue'
import { useDeckState } from '../../composables/deckState'
import { clearPage, mountOnTrack } from './mountOnTrack'
import { currentPoint } from './chartStubs'
import { formatMs, formatValue, sig } from '../../logic/format'
import { gameTarget, requiredSpeedup, SPARSITY_STEPS, speedupBaseline, vetoHint, windowText } from '../../logic/sparsity'
import { accuracyFloor, evaluate, knee, lockAnswer, PATTERN, PRECISION, pruningWindows, SPARSITY, TRACK_IDS, TRACKS } from '../../engine'
import type { Recipe, SparsityPattern, TrackId } from '../../engine'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(SparsityWorkbench, track)

beforeEach(clearPage)

type Dataset = { label: string; data: { x: number; y: number }[] }

/** Slider positions (whole percent) at which a try of `recipe`'s pattern does not win the game: the target missed, or
 *  the accuracy veto tripped, as the engine judges it (picked here so that every track runs the same assertions). */
function losingRatios(track: TrackId, recipe: Recipe): number[] {
  return Array.from({ length: 91 }, (_, i) => i).filter((pct) => {
    const e = evaluate(track, { ...recipe, sparsity: pct / 100 })
    const target = e.checks.find((c) => c.name === gameTarget(track)!.name)!
    return !target.pass || e.accuracy < accuracyFloor(track)
  })
}

describe.each(TRACK_IDS)('SparsityWorkbench on %s', (track) => {
  const part1 = knee(track).precision!
  it('plots theoretical and realized speedup from evaluate() for unstructured and channels at every ratio, 2:4 at its one, and the current point', async () => {
    const w = start(track)
    await w.get('[data-testid="sparsity-slider"]').setValue('40')
    const r = deck.recipe.value
    expect(r.sparsity).toBeCloseTo(0.4)
    const ds: Dataset[] = w.getComponent({ name: 'Line' }).props('data').datasets
    const byLabel = (label: string) => ds.find((d) => d.label === label)
    const at = (pattern: SparsityPattern, s: number) => evaluate(track, { ...r, pattern, sparsity: s })
    const line = (pattern: SparsityPattern, f: (e: ReturnType<typeof evaluate>) => number) => SPARSITY_STEPS.map((s) => ({ x: s * 100, y: f(at(pattern, s)) }))
    const split = SPARSITY_STEPS.some((s) => Math.abs(at('channels', s).theoreticalSpeedup / at('unstructured', s).theoreticalSpeedup - 1) > 0.005)
    expect(byLabel(split ? 'theor., unstructured' : 'theoretical')!.data).toEqual(line('unstructured', (e) => e.theoreticalSpeedup))
    if (split) expect(byLabel('theor., channels')!.data).toEqual(line('channels', (e) => e.theoreticalSpeedup))
    else expect(ds.some((d) => /channels/.test(d.label) && /theor/.test(d.label))).toBe(false)
    expect(byLabel('unstructured')!.data).toEqual(line('unstructured', (e) => e.realizedSpeedup))
    expect(byLabel('channels')!.data).toEqual(line('channels', (e) => e.realizedSpeedup))
    expect(byLabel('2:4')!.data).toEqual([{ x: 50, y: at('2:4', 0.5).realizedSpeedup }])
    // the speedup the latency target asks for is drawn where the game's target is latency, and only there
    const need = requiredSpeedup(track)
    const targetLine = ds.filter((d) => d.label.startsWith('target'))
    expect(need === null).toBe(gameTarget(track)!.name !== 'latency')
    expect(targetLine.map((d) => d.data[0].y)).toEqual(need === null ? [] : [need])
    expect(ds[ds.length - 1]).toMatchObject({ key: 'you', label: 'you', data: [] }) // its look and legend entry; the plugin draws it
    expect(currentPoint(w.getComponent({ name: 'Line' }))).toEqual({ key: 'you', x: 40, y: evaluate(track, r).realizedSpeedup })
    // the table fallback lists all three patterns, with their own numbers
    const table = w.get('.sparsity-plot table').text()
    for (const p of PATTERN.values) expect(table).toContain(PATTERN.names[p])
    expect(table).toContain(`${sig(at('channels', 0.9).realizedSpeedup)}×`)
    expect(table).toContain(`${sig(at('2:4', 0.5).realizedSpeedup)}×`)
    expect(w.get('[data-testid="sparsity-value"]').text()).toBe('40%')
    const t = gameTarget(track)!
    const shown = evaluate(track, r).checks.find((c) => c.name === t.name)!
    expect(w.get('[data-testid="sparsity-target"]').text()).toContain(formatValue(shown.value, shown.unit, TRACKS[track].units.bytes))
    expect(w.get('[data-testid="sparsity-readout"]').text()).toContain(formatMs(evaluate(track, r).latencyMs))
    w.unmount()
  })

  it('lock 2 = the workbench: 50% unstructured at part 1\'s precision reads lock 2\'s key "over dense", beside the FP16 baseline and the kernel', async () => {
    const w = start(track)
    await w.get(`[data-testid="sparsity-precision"] input[value="${part1}"]`).setValue(true)
    await w.get('[data-testid="sparsity-slider"]').setValue('50')
    expect(deck.recipe.value).toMatchObject({ precision: part1, pattern: 'unstructured', sparsity: 0.5 })
    const e = evaluate(track, deck.recipe.value)
    const overDense = w.get('[data-testid="sparsity-over-dense"]').text()
    expect(overDense).toBe(`${sig(lockAnswer(track, 'sparsity').value, 3)}× over dense ${PRECISION.names[part1]}`)
    expect(w.get('[data-testid="sparsity-speedup"]').text()).toBe(`${sig(e.realizedSpeedup, 2)}× vs ${speedupBaseline(track)}`)
    expect(w.get('[data-testid="sparsity-kernel"]').text()).toBe(`Runs as: ${e.memory.kernel}`)
    // another pattern, same precision: its own number over the same dense model, and its own kernel
    await w.get('input[value="channels"]').setValue(true)
    const c = evaluate(track, deck.recipe.value)
    const dense = evaluate(track, { ...deck.recipe.value, pattern: 'unstructured', sparsity: 0 })
    expect(w.get('[data-testid="sparsity-over-dense"]').text()).toBe(`${sig(dense.latencyMs / c.latencyMs, 3)}× over dense ${PRECISION.names[part1]}`)
    expect(w.get('[data-testid="sparsity-kernel"]').text()).toBe(`Runs as: ${c.memory.kernel}`)
    w.unmount()
  })

  it('channels keeps the slider and the ratio, and says what the ratio counts', async () => {
    const w = start(track)
    const slider = w.get('[data-testid="sparsity-slider"]')
    await slider.setValue('37')
    await w.get('input[value="channels"]').setValue(true)
    expect(deck.recipe.value).toMatchObject({ pattern: 'channels', sparsity: 0.37 })
    expect((slider.element as HTMLInputElement).disabled).toBe(false)
    expect(w.get('[data-testid="sparsity-value"]').text()).toBe('37%')
    expect(w.get('[data-testid="sparsity-ratio-of"]').text()).toBe(PATTERN.ratioOf.channels)
    await slider.setValue('64')
    expect(deck.recipe.value).toMatchObject({ pattern: 'channels', sparsity: 0.64 })
    await w.get('input[value="unstructured"]').setValue(true)
    expect(deck.recipe.value).toMatchObject({ pattern: 'unstructured', sparsity: 0.64 })
    expect(w.get('[data-testid="sparsity-ratio-of"]').text()).toBe(PATTERN.ratioOf.unstructured)
    w.unmount()
  })

  it('a slider step or a pattern moves only the marker: the chart keeps its data and options, so it is redrawn, not updated', async () => {
    const w = start(track)
    const chart = w.getComponent({ name: 'Line' })
    const slider = w.get('[data-testid="sparsity-slider"]')
    await slider.setValue('20')
    const [data, options] = [chart.props('data'), chart.props('options')]
    for (const [pattern, pct] of [['unstructured', 55], ['channels', 55], ['channels', 80], ['2:4', 50]] as const) {
      if (pattern !== deck.recipe.value.pattern) await w.get(`input[value="${pattern}"]`).setValue(true)
      if (pattern !== '2:4') await slider.setValue(String(pct))
      const you = currentPoint(chart)!
      expect([you.key, you.y]).toEqual(['you', evaluate(track, deck.recipe.value).realizedSpeedup])
      expect(you.x).toBeCloseTo(pct)
    }
    expect(chart.props('data')).toBe(data)
    expect(chart.props('options')).toBe(options)
    w.unmount()
  })

  it('its axes span every place the marker can take: the slider\'s range, and each slider step of each pattern at each precision', async () => {
    const w = start(track)
    const chart = w.getComponent({ name: 'Line' })
    expect(chart.props('options').scales.x).toMatchObject({ min: SPARSITY.slider.min, max: SPARSITY.slider.max })
    for (const precision of PRECISION.values) {
      deck.updateRecipe({ precision, pattern: 'unstructured', sparsity: 0 })
      await w.vm.$nextTick()
      const { min, max } = chart.props('options').scales.y
      for (const pattern of PATTERN.values) {
        for (const s of pattern === '2:4' ? [PATTERN.sparsityOf24] : SPARSITY_STEPS.concat(0.01, 0.33, 0.47, 0.89)) {
          const y = evaluate(track, { ...deck.recipe.value, pattern, sparsity: s }).realizedSpeedup
          expect(y, `${precision} ${pattern} ${s}`).toBeGreaterThanOrEqual(min)
          expect(y, `${precision} ${pattern} ${s}`).toBeLessThanOrEqual(max)
        }
      }
    }
    w.unmount()
  })

  it('2:4 pins the ratio to 50% and disables the slider', async () => {
    const w = start(track)
    await w.get('input[value="2:4"]').setValue(true)
    expect(deck.recipe.value).toMatchObject({ pattern: '2:4', sparsity: 0.5 })
    expect((w.get('[data-testid="sparsity-slider"]').element as HTMLInputElement).disabled).toBe(true)
    w.unmount()
  })

  it('shows the accuracy veto exactly when accuracy is below the floor, with a recovery hint for the recipe\'s own pattern', async () => {
    const w = start(track)
    expect(w.find('[data-testid="accuracy-veto"]').exists()).toBe(evaluate(track, deck.recipe.value).accuracy < accuracyFloor(track))
    for (const pattern of ['channels', '2:4'] as const) {
      const vetoed = PRECISION.values.flatMap((precision) => (pattern === '2:4' ? [0.5] : SPARSITY_STEPS).map((sparsity) => ({ ...deck.recipe.value, precision, pattern, sparsity }) as Recipe))
        .find((x) => evaluate(track, x).accuracy < accuracyFloor(track))
      expect(vetoed, `some ${pattern} recipe breaks the floor`).toBeDefined()
      deck.updateRecipe(vetoed!)
      await w.vm.$nextTick()
      const banner = w.get('[data-testid="accuracy-veto"]')
      expect(banner.attributes('role')).toBe('alert')
      expect(banner.text()).toContain('STAKEHOLDER ACCURACY VETO')
      expect(banner.text()).toContain(vetoHint(track, vetoed!))
      expect(banner.text()).toMatch(pattern === '2:4' ? /2:4 always prunes|even dense/ : /Safe up to \d+% channels|even dense/)
      expect(w.get('[data-testid="sparsity-accuracy"]').text()).toContain('VETO') // one word for the floor, as on the quantization workbench
    }
    w.unmount()
  })

  it('counts a try on the "Try" button and on a pointer release, not on keyboard steps', async () => {
    expect(gameTarget(track), 'every track has a part-2 game').not.toBeNull()
    const w = start(track)
    // two ratios that do not win the game, so counting never stops at a success
    const [first, second] = losingRatios(track, deck.recipe.value)
    const slider = w.get('[data-testid="sparsity-slider"]')
    const count = () => w.get('[data-testid="tries-count"]').text()
    expect(count()).toBe('Try 0 / 10')
    await slider.setValue(String(first)) // input + change without a pointer: a keyboard step
    expect(count()).toBe('Try 0 / 10')
    await w.get('[data-testid="try-button"]').trigger('click')
    expect(count()).toBe('Try 1 / 10')
    await slider.trigger('pointerdown')
    await slider.setValue(String(second)) // a release
    expect(count()).toBe('Try 2 / 10')
    expect(w.find('[data-testid="tries-success"]').exists()).toBe(false)
    await w.get('[data-testid="restart-button"]').trigger('click')
    expect(count()).toBe('Try 0 / 10')
    w.unmount()
  })

  it('shows the engine\'s window for the precision the student holds, after the tenth try or earlier on request', async () => {
    const w = start(track)
    expect(gameTarget(track)).not.toBeNull()
    expect(w.find('[data-testid="tries-window"]').exists()).toBe(false)
    await w.get('[data-testid="window-button"]').trigger('click')
    // the deck opens at FP16, away from part 1's answer: the sentence says where the window holds
    expect(deck.recipe.value.precision).toBe('fp16')
    expect(w.get('[data-testid="tries-window"]').text()).toBe(windowText(track, 'fp16'))
    expect(w.get('[data-testid="tries-window"]').text()).toContain(`At ${PRECISION.names[part1]} (part 1's answer)`)
    await w.get(`[data-testid="sparsity-precision"] input[value="${part1}"]`).setValue(true)
    const atPart1 = w.get('[data-testid="tries-window"]').text()
    expect(atPart1).toBe(windowText(track, part1))
    for (const win of pruningWindows(track, part1)) expect(atPart1).toContain(PATTERN.names[win.pattern])
    await w.get('[data-testid="restart-button"]').trigger('click')
    expect(w.find('[data-testid="tries-window"]').exists()).toBe(false)
    // ten tries that cannot win (a ratio the veto trips, or one that misses the target): the window opens after the tenth
    const slider = w.get('[data-testid="sparsity-slider"]')
    const ten = losingRatios(track, deck.recipe.value).slice(-10)
    expect(ten).toHaveLength(10)
    for (const ratio of ten) {
      await slider.setValue(String(ratio))
      await w.get('[data-testid="try-button"]').trigger('click')
    }
    expect(w.get('[data-testid="tries-count"]').text()).toBe('Try 10 / 10')
    expect(w.find('[data-testid="tries-success"]').exists()).toBe(false)
    expect(w.get('[data-testid="tries-window"]').text()).toBe(windowText(track, part1))
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
