// The Pareto plot's bubbles, lines and star are the engine's sweep, frontier, budgets and current evaluation.
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ParetoFrontierPlot from '../../components/ParetoFrontierPlot.vue'
import { accuracyFloor, baselineRecipe, dominates, evaluate, leversThrough, paretoFrontier, sweep, TRACK_IDS, TRACKS } from '../../engine'
import type { Evaluation, TrackId } from '../../engine'
import { useDeckState } from '../../composables/deckState'
import { frontierLine, leversNote, paretoView } from '../../logic/pareto'
import { formatBytes } from '../../logic/format'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
function start(track: TrackId, props: Record<string, unknown> = {}) {
  deck.setTrack(track)
  deck.reset()
  return mount(ParetoFrontierPlot, { props, attachTo: document.body })
}
type DS = { key: string; label: string; data: { x: number; y: number; r?: number }[] }
const datasets = (w: ReturnType<typeof start>): DS[] => w.getComponent({ name: 'Bubble' }).props('data').datasets
const byKey = (w: ReturnType<typeof start>, key: string) => datasets(w).find((d) => d.key === key)

describe.each(TRACK_IDS)('ParetoFrontierPlot on %s', (track) => {
  it('plots every sweep point once: the frontier in full colour, the rest faded', () => {
    const w = start(track)
    const all = sweep(track)
    const front = paretoFrontier(track)
    const f = byKey(w, 'frontier')!
    const d = byKey(w, 'dominated')!
    expect(f.data.map((p) => [p.x, p.y])).toEqual(front.map((p) => [p.evaluation.memory.totalBytes, p.evaluation.accuracy]))
    expect(f.data.length + d.data.length).toBe(all.length)
    const line = byKey(w, 'frontierLine')!.data.map((p) => p.x)
    expect(line).toEqual([...line].sort((a, b) => a - b))
    w.unmount()
  })

  it('draws the budgets and stars the current recipe at its evaluation', () => {
    const w = start(track)
    const ev = evaluate(track, deck.recipe.value)
    const cap = byKey(w, 'capacity')!
    const view = paretoView(track, deck.recipe.value, 'energy')
    if (view.capacityOnScale) expect(cap.data.map((p) => p.x)).toEqual([ev.memory.capacityBytes, ev.memory.capacityBytes])
    else expect(cap.label).toContain(formatBytes(ev.memory.capacityBytes, TRACKS[track].units.bytes))
    expect(byKey(w, 'floor')!.data.every((p) => p.y === accuracyFloor(track))).toBe(true)
    expect(byKey(w, 'floor')!.label).toBe('Accuracy floor') // the floor's one name (engine/words.ts), as every chart says it
    const you = byKey(w, 'you')!.data[0]
    expect([you.x, you.y]).toEqual([ev.memory.totalBytes, ev.accuracy])
    w.unmount()
  })

  it('the tooltip and the legend find a series by its key, not its words', () => {
    const w = start(track)
    const all = datasets(w)
    const options = w.getComponent({ name: 'Bubble' }).props('options')
    const listed = all.filter((_, i) => options.plugins.legend.labels.filter({ datasetIndex: i, text: 'x' }, { datasets: all }))
    expect(listed.map((d) => d.key)).toEqual(['dominated', 'frontier', 'capacity', 'floor', 'you'])
    const floorAt = all.findIndex((d) => d.key === 'floor')
    const said = options.plugins.tooltip.callbacks.label({ dataset: { ...all[floorAt], label: 'renamed' }, dataIndex: 0 })
    expect(said).toMatch(/^Accuracy floor /)
    w.unmount()
  })

  it('sizes bubbles by energy or, toggled, by latency (area ∝ value)', async () => {
    const w = start(track)
    const front = paretoFrontier(track)
    const order = (key: (i: number) => number) => front.map((_, i) => i).sort((a, b) => key(a) - key(b))
    const radii = () => byKey(w, 'frontier')!.data.map((p) => p.r!)
    const rE = radii()
    expect(order((i) => rE[i])).toEqual(order((i) => front[i].evaluation.energyPerInferenceJ))
    await w.get('input[value="latency"]').setValue(true)
    const rL = radii()
    expect(order((i) => rL[i])).toEqual(order((i) => front[i].evaluation.latencyMs))
    w.unmount()
  })

  it('names a frontier recipe on focus and adopts it on click', async () => {
    const w = start(track)
    const front = paretoFrontier(track)
    expect(w.findAll('[data-pareto-row]').length).toBe(Math.min(3, front.length))
    expect(w.get('[data-readout="page"]').text()).toBe(`1–3 of ${front.length}`)
    await w.get('[data-action="next"]').trigger('click') // the list pages through the frontier, smallest first
    const rows = w.findAll('[data-pareto-row]')
    const k = 3
    await rows[0].trigger('focus')
    expect(w.get('[data-readout="focused"]').text()).toContain(front[k].label)
    expect(byKey(w, 'focused')!.data[0].x).toBe(front[k].evaluation.memory.totalBytes)
    await rows[0].trigger('click')
    expect(deck.recipe.value).toEqual(front[k].recipe)
    expect(w.get('[data-readout="current"]').text()).toContain('ON THE FRONTIER')
    w.unmount()
  })
})

describe.each(TRACK_IDS)('ParetoFrontierPlot in part 1 on %s: only the lever taught so far', (track) => {
  it('plots the four precisions of the teacher, their own frontier, and says what joins later', () => {
    const w = start(track, { part: 1 })
    const shown = [...byKey(w, 'frontier')!.data, ...byKey(w, 'dominated')!.data].map((p) => [p.x, p.y])
    const four = (['fp16', 'int8', 'int4', 'binary'] as const).map((precision) => evaluate(track, { ...baselineRecipe(track), precision }))
    expect(shown.sort()).toEqual(four.map((e) => [e.memory.totalBytes, e.accuracy]).sort())
    const front = paretoFrontier(track, leversThrough(1))
    expect(byKey(w, 'frontier')!.data.map((p) => [p.x, p.y])).toEqual(front.map((p) => [p.evaluation.memory.totalBytes, p.evaluation.accuracy]))
    const levers = w.get('[data-readout="levers"]').text()
    expect(levers).toContain('4 recipes')
    expect(levers).toContain('Precision only, so far')
    expect(levers).toContain('(sparsity joins in part 2, smaller students and distillation in part 3)')
    w.unmount()
  })

  it("the viewer's own recipe stays starred even when it pulls a lever not taught yet, and says so", async () => {
    const w = start(track, { part: 1 })
    deck.updateRecipe({ precision: 'int8', sparsity: 0.5, pattern: 'unstructured' })
    await w.vm.$nextTick()
    const ev = evaluate(track, deck.recipe.value)
    const you = byKey(w, 'you')!.data[0]
    expect([you.x, you.y]).toEqual([ev.memory.totalBytes, ev.accuracy])
    expect(w.get('[data-readout="current"]').text()).toContain('your recipe also uses sparsity, not in this plot yet')
    w.unmount()
  })
})

describe('the levers note', () => {
  it('names what is shown, what joins later, and what the recipe uses beyond it', () => {
    expect(leversNote(leversThrough(2), ['precision', 'distillation'])).toEqual({
      shown: 'Precision and sparsity only, so far', later: 'smaller students and distillation join in part 3',
      outside: 'your recipe also uses smaller students and distillation, not in this plot yet',
    })
    expect(leversNote(leversThrough(3), ['sparsity'])).toEqual({ shown: 'all three levers', later: '', outside: '' })
  })
})

describe('ParetoFrontierPlot details', () => {
  it('without show-current there is no star', () => {
    const w = start('edge', { showCurrent: false })
    expect(byKey(w, 'you')).toBeUndefined()
    w.unmount()
  })

  it('the frontier is non-dominated and every faded point is dominated by, or ties, another sweep point (exact comparison)', () => {
    const exact = (a: Evaluation, b: Evaluation) => {
      const [am, bm, ae, be] = [a.memory.totalBytes, b.memory.totalBytes, a.energyPerInferenceJ, b.energyPerInferenceJ]
      return am <= bm && a.accuracy >= b.accuracy && ae <= be && (am < bm || a.accuracy > b.accuracy || ae < be)
    }
    for (const track of TRACK_IDS) {
      deck.setTrack(track)
      const v = paretoView(track, deck.recipe.value, 'energy')
      for (const p of v.frontierPoints) expect(v.frontierPoints.some((q) => exact(q.evaluation, p.evaluation))).toBe(false)
      const ties = (a: Evaluation, b: Evaluation) =>
        a.memory.totalBytes === b.memory.totalBytes && a.accuracy === b.accuracy && a.energyPerInferenceJ === b.energyPerInferenceJ
      for (const p of v.dominatedPoints.slice(0, 50)) {
        expect(sweep(track).some((q) => exact(q.evaluation, p.evaluation) || (q !== p && ties(q.evaluation, p.evaluation)))).toBe(true)
      }
    }
  })

  it('a difference of rounding (1e-14) does not make one recipe dominate another', () => {
    deck.setTrack('tiny')
    const e = evaluate('tiny', deck.recipe.value)
    expect(dominates({ ...e, accuracy: e.accuracy + 1e-14 }, e)).toBe(false)
    expect(dominates({ ...e, accuracy: e.accuracy + 0.1 }, e)).toBe(true)
  })
})

describe('the frontier line', () => {
  it.each(TRACK_IDS)('%s: rises with memory through frontier points, and no frontier point sits above it', (t) => {
    const f = paretoFrontier(t)
    const line = frontierLine(f)
    for (let i = 1; i < line.length; i++) {
      expect(line[i].x).toBeGreaterThanOrEqual(line[i - 1].x)
      expect(line[i].y).toBeGreaterThan(line[i - 1].y)
    }
    for (const q of line) expect(f.some((p) => p.evaluation.memory.totalBytes === q.x && p.evaluation.accuracy === q.y)).toBe(true)
    for (const p of f) expect(line.some((q) => q.x <= p.evaluation.memory.totalBytes && q.y >= p.evaluation.accuracy)).toBe(true)
  })
})
