// The waterfall's stacked bars are the engine's compressionSteps memory split; OOM is said on the bar and in words.
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import CompressionWaterfall from '../../components/CompressionWaterfall.vue'
import { compressionSteps, TRACK_IDS, TRACKS } from '../../engine'
import type { Recipe, TrackId } from '../../engine'
import { useDeckState } from '../../composables/deckState'
import { unitFor } from '../../logic/format'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
function start(track: TrackId, change: Partial<Recipe> = {}) {
  deck.setTrack(track)
  deck.reset()
  deck.updateRecipe(change)
  return mount(CompressionWaterfall, { attachTo: document.body })
}
const FIELDS = ['weightsBytes', 'quantMetadataBytes', 'sparseMetadataBytes', 'activationsBytes', 'kvCacheBytes'] as const

describe.each(TRACK_IDS)('CompressionWaterfall on %s', (track) => {
  it.each<Partial<Recipe>>([{}, { precision: 'int4' }, { precision: 'int8', sparsity: 0.5, pattern: '2:4' }])('stacks the engine split for %o', (change) => {
    const w = start(track, change)
    const steps = compressionSteps(track, deck.recipe.value)
    const data = w.getComponent({ name: 'Bar' }).props('data')
    const { scale } = unitFor(steps[0].evaluation.memory.capacityBytes, TRACKS[track].units.bytes)
    expect(data.labels.map((l: string[]) => l[0])).toEqual(steps.map((s) => s.label))
    FIELDS.forEach((f, i) => {
      expect(data.datasets[i].data.map((v: number) => v * scale)).toEqual(
        steps.map((s) => expect.closeTo(s.evaluation.memory[f], 6)),
      )
    })
    const last = steps[steps.length - 1].evaluation.memory
    const verdict = !last.fits ? /^OOM/ : last.weightsLevel === 'flash' ? /^WEIGHTS IN FLASH/ : /^FITS/
    expect(w.get('[data-readout="verdict"]').text()).toMatch(verdict)
    w.unmount()
  })
})

describe('OOM at a glance', () => {
  it('Cloud Titan FP16: 141 GB of Llama-3-70B weights alone exceed one 80 GB H100', () => {
    const w = start('cloud')
    const text = w.get('[data-readout="verdict"]').text()
    expect(text).toMatch(/^OOM/)
    expect(text).toContain('80 GB')
    expect(w.getComponent({ name: 'Bar' }).props('data').labels[0][1]).toMatch(/OOM/)
    // on the chart (chartjs-plugin-annotation): the capacity as a labelled line, OOM over the baseline's bar only
    const [capacity, ...onBars] = w.getComponent({ name: 'Bar' }).props('options').plugins.annotation.annotations
    expect(capacity).toMatchObject({ type: 'line', scaleID: 'y', value: 80, label: { content: 'capacity 80 GB' } })
    expect(onBars).toEqual([expect.objectContaining({ type: 'label', xValue: 0, content: 'OOM' })])
    w.unmount()
  })

  it('Tiny Pioneer FP16: a 1 MB model beside 256 KB of SRAM runs only by streaming its weights from flash, and the axis reads in KiB (the hearable\'s SRAM convention)', () => {
    const w = start('tiny')
    expect(w.get('[data-readout="verdict"]').text()).toMatch(/^WEIGHTS IN FLASH/)
    expect(w.get('[data-readout="verdict"]').text()).toContain('The FP16 baseline runs only by streaming its weights from flash')
    expect(w.getComponent({ name: 'Bar' }).props('data').labels[0][1]).toMatch(/weights in flash/)
    expect(w.getComponent({ name: 'Bar' }).props('options').scales.y.title.text).toContain('KiB')
    w.unmount()
  })
})
