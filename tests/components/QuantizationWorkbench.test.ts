// The workbench shows the engine's numbers for the recipe, writes recipe.precision, draws the engine's 1-16-bit curve
// with the knee and the cliff marked and named, and its math peek substitutes the current bits into the textbook formulas.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import QuantizationWorkbench from '../../components/QuantizationWorkbench.vue'
import QuantCliffAnswer from '../../components/QuantCliffAnswer.vue'
import { accuracyFloor, accuracyVsBits, evaluate, knee, TRACK_IDS, TRACKS } from '../../engine'
import { quantizationCurve } from '../../engine/curves'
import type { TrackId } from '../../engine'
import { useDeckState } from '../../composables/deckState'
import { mountOnTrack } from './mountOnTrack'
import { currentPoint } from './chartStubs'
import { formatBytes, formatMetric, unitFor } from '../../logic/format'
import { kneeText, quantMath } from '../../logic/quantization'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(QuantizationWorkbench, track)
const readout = (w: ReturnType<typeof start>, name: string) => w.get(`[data-readout="${name}"]`).text()
type DS = { label: string; data: { x: number; y: number }[] }
const dataset = (w: ReturnType<typeof start>) => (label: string): DS => {
  const found = (w.getComponent({ name: 'Line' }).props('data').datasets as DS[]).find((d) => d.label === label)
  if (!found) throw new Error(`no dataset ${label}`)
  return found
}

beforeEach(() => {
  document.body.innerHTML = ''
})

describe.each(TRACK_IDS)('QuantizationWorkbench on %s', (track) => {
  it('shows the engine footprint and accuracy, and plots the 1-16-bit curve, the four formats, the floor and the footprint', () => {
    const w = start(track)
    const ev = evaluate(track, deck.recipe.value)
    expect(readout(w, 'footprint')).toContain(formatBytes(ev.memory.totalBytes, TRACKS[track].units.bytes))
    // the waterfall's words: a hearable whose weights exceed SRAM runs them from flash (not "FITS" beside 972 KiB)
    expect(readout(w, 'footprint')).toContain(!ev.memory.fits ? 'OOM' : ev.memory.weightsLevel === 'flash' ? 'WEIGHTS IN FLASH' : 'FITS')
    expect(readout(w, 'accuracy')).toContain(formatMetric(ev.accuracy, TRACKS[track].metric.unit))
    const chart = w.getComponent({ name: 'Line' })
    const formats = accuracyVsBits(track, deck.recipe.value)
    const ds = dataset(w)
    expect(ds('Accuracy').data).toEqual(quantizationCurve(track, deck.recipe.value).map((p) => ({ x: p.bits, y: p.accuracy })))
    expect(ds('Formats').data).toEqual(formats.map((p) => ({ x: p.bits, y: p.accuracy })))
    expect(ds('Accuracy floor').data.map((p) => p.y)).toEqual([accuracyFloor(track), accuracyFloor(track)])
    // the footprint axis reads in one unit of the track's convention (GB for the datacenter, KiB for the hearable)
    const { unit, scale } = unitFor(Math.max(...formats.map((p) => p.totalBytes)), TRACKS[track].units.bytes)
    expect(ds('Footprint').data).toEqual(formats.map((p) => ({ x: p.bits, y: p.totalBytes / scale })))
    expect(chart.props('options').scales.bytes.title.text).toBe(`footprint (${unit})`)
    const x = chart.props('options').scales.x
    expect([x.min, x.max, x.reverse]).toEqual([1, 16, true]) // FP16 on the left, as in the picker
    const ticks = (width: number) => [16, 8, 4, 1, 2, 3].map((b) => x.ticks.callback.call({ width }, b))
    const named = [['16', 'FP16'], ['8', 'INT8'], ['4', 'INT4'], ['1', 'Binary']]
    expect(ticks(600)).toEqual([...named, '2', '3'])
    expect(ticks(400)).toEqual([...named, '2', '']) // every even width
    expect(ticks(200)).toEqual([...named, '', '']) // a phone: the formats only
    w.unmount()
  })

  it('marks the knee and the cliff where the engine finds them, and names them under the chart', () => {
    const w = start(track)
    const k = knee(track, deck.recipe.value)
    expect(k).toEqual(knee(track)) // part 1 starts on the baseline's post-training curve
    const ds = dataset(w)
    expect(ds('Knee').data).toEqual([{ x: k.kneeBits, y: k.curve[k.kneeBits! - 1].accuracy }])
    expect(ds('Cliff').data).toEqual([{ x: k.cliffBits, y: k.curve[k.cliffBits! - 1].accuracy }])
    expect(k.curve[k.kneeBits! - 1].accuracy).toBeGreaterThanOrEqual(accuracyFloor(track))
    expect(k.curve[k.cliffBits! - 1].accuracy).toBeLessThan(accuracyFloor(track))
    const line = readout(w, 'cliff')
    expect(line).toBe(`Post-training: ${kneeText(k, TRACKS[track].metric.unit).line}`)
    expect(line).toContain(`knee ${k.kneeBits} bit`)
    expect(line).toContain(`cliff ${k.cliffBits} bit`)
    // and on the chart (chartjs-plugin-annotation): each name above the plot at its marker's width
    const names = w.getComponent({ name: 'Line' }).props('options').plugins.annotation.annotations.filter((a: { type: string }) => a.type === 'label')
    expect(names).toEqual([
      expect.objectContaining({ xValue: k.kneeBits, content: `knee · ${k.kneeBits} bits` }),
      expect.objectContaining({ xValue: k.cliffBits, content: `cliff · ${k.cliffBits} bit${k.cliffBits === 1 ? '' : 's'}` }),
    ])
    w.unmount()
  })

  it('the curve follows the recipe: distilled at each width, it is the training-aware curve with its own knee', async () => {
    const w = start(track)
    deck.updateRecipe({ distill: true })
    await w.vm.$nextTick()
    const k = knee(track, deck.recipe.value)
    expect(dataset(w)('Accuracy').data).toEqual(k.curve.map((p) => ({ x: p.bits, y: p.accuracy })))
    expect(k.kneeBits!).toBeLessThanOrEqual(knee(track).kneeBits!)
    expect(readout(w, 'cliff')).toBe(`Trained at each width: ${kneeText(k, TRACKS[track].metric.unit).line}`)
    w.unmount()
  })

  it('the reflect slide gives the same computed answer: "Your cliff: b bits"', () => {
    deck.setTrack(track)
    deck.reset()
    const w = mountOnTrack(QuantCliffAnswer, track)
    const k = knee(track)
    expect(w.get('[data-readout="cliff-answer"]').text()).toBe(`Your cliff: ${k.cliffBits} bit${k.cliffBits === 1 ? '' : 's'}`)
    expect(w.text()).toContain(kneeText(k, TRACKS[track].metric.unit).detail)
    expect(w.text()).toContain(TRACKS[track].name)
    w.unmount()
  })

  it('a precision click moves only the marker: the chart keeps its data and options, so it is redrawn, not updated', async () => {
    const w = start(track)
    const chart = w.getComponent({ name: 'Line' })
    const [data, options] = [chart.props('data'), chart.props('options')]
    for (const [p, bits] of [['int4', 4], ['binary', 1], ['int8', 8]] as const) {
      await w.get(`[data-precision="${p}"] input`).setValue(true)
      expect(currentPoint(chart)).toEqual({ key: 'yours', x: bits, y: evaluate(track, deck.recipe.value).accuracy })
    }
    expect(chart.props('data')).toBe(data)
    expect(chart.props('options')).toBe(options)
    w.unmount()
  })

  it('writes the precision and follows it with every number', async () => {
    const w = start(track)
    await w.get('[data-precision="int4"] input').setValue(true)
    expect(deck.recipe.value.precision).toBe('int4')
    const ev = evaluate(track, deck.recipe.value)
    const fp16 = evaluate(track, { ...deck.recipe.value, precision: 'fp16' })
    expect(readout(w, 'footprint')).toContain(formatBytes(ev.memory.totalBytes, TRACKS[track].units.bytes))
    expect(readout(w, 'footprint')).toMatch(/× smaller than FP16/)
    expect(fp16.memory.totalBytes).toBeGreaterThan(ev.memory.totalBytes)
    expect(readout(w, 'accuracy')).toContain(formatMetric(ev.accuracy, TRACKS[track].metric.unit))
    expect(currentPoint(w.getComponent({ name: 'Line' }))).toEqual({ key: 'yours', x: 4, y: ev.accuracy }) // INT4 is marked
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

  it('binary falls below the accuracy floor on every track (XNOR-Net-style post-training collapse): VETO', async () => {
    for (const track of TRACK_IDS) {
      const w = start(track)
      await w.get('[data-precision="binary"] input').setValue(true)
      expect(readout(w, 'accuracy')).toMatch(/VETO · accuracy floor /) // the floor's one name, as on the Pareto plot
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

  it('on sparse recipes the peek explains the bytes the engine stores: pruned weights count only in a sparse format', () => {
    // Cloud, binary, 50% unstructured: no GPU sparse kernel beats dense at 1 bit, so the zeros stay: 70.6e9 × 1/8 = 8.82 GB
    const dense = quantMath('cloud', { ...deck.recipe.value, student: TRACKS.cloud.baseline, precision: 'binary', sparsity: 0.5, pattern: 'unstructured', distill: false })
    expect(dense.weightsBytes / 1e9).toBeCloseTo(70_553_706_496 / 8 / 1e9, 6)
    expect(dense.storedFraction).toBe(1)
    expect(dense.zerosStored).toBe(true)
    for (const track of TRACK_IDS) for (const sparsity of [0, 0.3, 0.5, 0.9]) for (const precision of ['fp16', 'int8', 'int4', 'binary'] as const) {
      const r = { ...deck.recipe.value, student: TRACKS[track].baseline, precision, sparsity, pattern: 'unstructured' as const, distill: false }
      const m = quantMath(track, r)
      const e = evaluate(track, r)
      expect(m.weightsBytes, `${track} ${precision} ${sparsity}`).toBe(e.memory.weightsBytes)
      // the formula the peek prints multiplies out to the engine's bytes
      expect(m.params * m.storedFraction * m.bits / 8).toBeCloseTo(e.memory.weightsBytes, -1)
      expect(m.storedFraction).toBe(e.memory.format === 'dense' ? 1 : 1 - sparsity)
    }
  })
})
