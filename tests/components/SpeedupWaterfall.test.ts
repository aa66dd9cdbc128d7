// The waterfall's bars and labels are the engine's theoretical speedup, its named steps and its realized speedup.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SpeedupWaterfall from '../../components/SpeedupWaterfall.vue'
import { useDeckState } from '../../composables/deckState'
import { sig } from '../../logic/format'
import { evaluate, PATTERN, TRACK_IDS } from '../../engine'
import type { Recipe, TrackId } from '../../engine'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
function start(track: TrackId, change: Partial<Recipe>) {
  deck.setTrack(track)
  deck.reset()
  deck.updateRecipe(change)
  return mount(SpeedupWaterfall, { attachTo: document.body })
}
beforeEach(() => {
  document.body.innerHTML = ''
})

describe.each(TRACK_IDS)('SpeedupWaterfall on %s', (track) => {
  it.each([
    { pattern: 'unstructured', sparsity: 0.5 },
    { pattern: '2:4', sparsity: 0.5 },
    { pattern: 'channels', sparsity: 0.5 },
    { precision: 'int8', pattern: 'unstructured', sparsity: 0.7 },
    { precision: 'int8', pattern: 'channels', sparsity: 0.7 },
  ] as Partial<Recipe>[])('floating bars = evaluate() for %o, and the kernel it runs on', (change) => {
    const w = start(track, change)
    const e = evaluate(track, deck.recipe.value)
    const data = w.getComponent({ name: 'Bar' }).props('data')
    const expected: [number, number][] = [[0, e.theoreticalSpeedup]]
    let prev = e.theoreticalSpeedup
    const drawn: string[] = []
    const flat: string[] = []
    for (const s of e.speedupSteps) {
      if (Math.abs(s.speedupAfter - prev) >= 0.005 * prev) {
        expected.push([prev, s.speedupAfter])
        drawn.push(s.name)
      } else flat.push(s.name)
      prev = s.speedupAfter
    }
    expected.push([0, e.realizedSpeedup])
    expect(data.datasets[0].data).toEqual(expected)
    expect(data.labels).toHaveLength(drawn.length + 2)
    // every bar carries its number (chartjs-plugin-datalabels): the totals their value, each step its change
    const { datalabels } = w.getComponent({ name: 'Bar' }).props('options').plugins
    const written = expected.map((_, i) => datalabels.formatter(null, { dataIndex: i }))
    expect(written[0]).toBe(`${sig(e.theoreticalSpeedup, 3)}×`)
    expect(written.at(-1)).toBe(`${sig(e.realizedSpeedup, 3)}×`)
    expected.slice(1, -1).forEach(([from, to], i) => expect(written[i + 1]).toBe(`${to >= from ? '+' : '−'}${sig(Math.abs(to - from), 2)}×`))
    const steps = w.get('[data-testid="waterfall-steps"]').text()
    for (const s of e.speedupSteps) {
      expect(steps).toContain(s.name)
      if (drawn.includes(s.name)) expect(steps).toContain(s.why)
    }
    expect(w.get('[data-testid="waterfall-headline"]').text()).toContain(`${sig(e.realizedSpeedup, 2)}×`)
    expect(w.get('[data-testid="waterfall-kernel"]').text()).toBe(`Runs as: ${e.memory.kernel}`)
    w.unmount()
  })

  it.each(PATTERN.values)('a dense recipe offers 50%% %s, and the button sets it', async (pattern) => {
    const w = start(track, {})
    const buttons = w.findAll('[data-testid="waterfall-quick"] button')
    expect(buttons.map((b) => b.text())).toEqual(PATTERN.values.map((p) => `50% ${PATTERN.names[p]}`))
    await buttons[PATTERN.values.indexOf(pattern)].trigger('click')
    expect(deck.recipe.value).toMatchObject({ pattern, sparsity: 0.5 })
    // the recipe is no longer dense: the offer goes, and the kernel line names the pattern's own hardware path
    expect(w.find('[data-testid="waterfall-quick"]').exists()).toBe(false)
    expect(w.get('[data-testid="waterfall-kernel"]').text()).toBe(`Runs as: ${evaluate(track, deck.recipe.value).memory.kernel}`)
    w.unmount()
  })
})
