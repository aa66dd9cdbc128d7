// The workbench shows the engine's numbers for the recipe, writes recipe.precision, reveals the cliff on demand,
// and its math peek substitutes the current bits into the textbook formulas.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import QuantizationWorkbench from '../../components/QuantizationWorkbench.vue'
import { accuracyFloor, accuracyVsBits, cliffPrecision, evaluate, TRACK_IDS, TRACKS } from '../../engine'
import type { TrackId } from '../../engine'
import { useDeckState } from '../../composables/deckState'
import { mountOnTrack } from './mountOnTrack'
import { formatBytes } from '../../composables/format'
import { formatMetric, PRECISION_LABEL, quantMath } from '../../composables/useQuantization'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(QuantizationWorkbench, track)
const readout = (w: ReturnType<typeof start>, name: string) => w.get(`[data-readout="${name}"]`).text()

beforeEach(() => {
  document.body.innerHTML = ''
})

describe.each(TRACK_IDS)('QuantizationWorkbench on %s', (track) => {
  it('shows the engine footprint and accuracy, and plots accuracyVsBits with the floor', () => {
    const w = start(track)
    const ev = evaluate(track, deck.recipe.value)
    expect(readout(w, 'footprint')).toContain(formatBytes(ev.memory.totalBytes))
    expect(readout(w, 'footprint')).toContain(ev.memory.fits ? 'FITS' : 'OOM')
    expect(readout(w, 'accuracy')).toContain(formatMetric(ev.accuracy, TRACKS[track].metric.unit))
    const chart = w.getComponent({ name: 'Line' })
    const curve = accuracyVsBits(track, deck.recipe.value)
    const ds = chart.props('data').datasets
    expect(ds[0].data).toEqual(curve.map((p) => p.accuracy))
    expect(ds[1].data).toEqual(curve.map(() => accuracyFloor(track)))
    expect(ds[2].data).toEqual(curve.map((p) => p.totalBytes))
    expect(chart.props('data').labels).toEqual(['FP16 (16 b)', 'INT8 (8 b)', 'INT4 (4 b)', 'Binary (1 b)'])
    w.unmount()
  })

  it('writes the precision and follows it with every number', async () => {
    const w = start(track)
    await w.get('[data-precision="int4"] input').setValue(true)
    expect(deck.recipe.value.precision).toBe('int4')
    const ev = evaluate(track, deck.recipe.value)
    const fp16 = evaluate(track, { ...deck.recipe.value, precision: 'fp16' })
    expect(readout(w, 'footprint')).toContain(formatBytes(ev.memory.totalBytes))
    expect(readout(w, 'footprint')).toMatch(/× smaller than FP16/)
    expect(fp16.memory.totalBytes).toBeGreaterThan(ev.memory.totalBytes)
    expect(readout(w, 'accuracy')).toContain(formatMetric(ev.accuracy, TRACKS[track].metric.unit))
    const ds = w.getComponent({ name: 'Line' }).props('data').datasets
    expect(ds[0].pointRadius).toEqual([5, 5, 11, 5]) // INT4 is the highlighted point
    w.unmount()
  })

  it('hides the cliff until asked, then names the engine cliffPrecision', async () => {
    const w = start(track)
    expect(w.find('[data-readout="cliff"]').exists()).toBe(false)
    await w.get('[data-action="show-cliff"]').trigger('click')
    const cliff = cliffPrecision(track, deck.recipe.value)
    const text = readout(w, 'cliff')
    if (cliff) {
      expect(text).toContain(PRECISION_LABEL[cliff])
      const ds = w.getComponent({ name: 'Line' }).props('data').datasets
      expect(ds.find((d: { label: string }) => d.label === 'Cliff')).toBeTruthy()
    } else expect(text).toMatch(/No cliff/)
    w.unmount()
  })
})

describe('QuantizationWorkbench states a student must notice', () => {
  it('Cloud Titan at FP16 is OOM on one 80 GB H100, said in words with a way out', () => {
    const w = start('cloud')
    const f = w.get('[data-readout="footprint"]')
    expect(f.text()).toMatch(/OOM/)
    expect(f.text()).toMatch(/try fewer bits/)
    expect(f.find('[role="alert"]').exists()).toBe(true)
    w.unmount()
  })

  it('binary falls below the safety floor on every track (XNOR-Net-style post-training collapse): VETO', async () => {
    for (const track of TRACK_IDS) {
      const w = start(track)
      await w.get('[data-precision="binary"] input').setValue(true)
      expect(readout(w, 'accuracy')).toMatch(/VETO/)
      w.unmount()
    }
  })
})

describe('quantization math peek', () => {
  it('substitutes the bits: INT8 → Δ = R/255, SQNR 6.02·8 + 1.76 = 49.9 dB', async () => {
    const w = start('edge')
    await w.get('[data-precision="int8"] input').setValue(true)
    await w.get('.peek-toggle').trigger('click')
    await flushPromises()
    const peek = w.get('[data-quant-math]')
    expect(peek.html()).toContain('Delta = R over 255')
    expect(peek.html()).toContain('SQNR about 49.9 dB')
    w.unmount()
  })

  it('weights = params × bits / 8 (Llama-3-70B: 70,553,706,496 params → 35.3 GB at 4 bits)', () => {
    const m = quantMath('cloud', { ...deck.recipe.value, student: TRACKS.cloud.baseline, precision: 'int4', sparsity: 0 })
    expect(m.params).toBe(70_553_706_496)
    expect(m.weightsBytes / 1e9).toBeCloseTo(35.28, 2)
    expect(m.stepOverRange).toBeCloseTo(1 / 15, 12)
  })
})
