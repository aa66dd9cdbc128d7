// Teacher / from scratch / distilled rows and the temperature curve are the engine's numbers; the lock answer is the engine's.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import DistillationWorkbench from '../../components/DistillationWorkbench.vue'
import { useDeckState } from '../../composables/deckState'
import { mountOnTrack } from './mountOnTrack'
import { currentPoint } from './chartStubs'
import { useLock } from '../../composables/useLock'
import { formatBytes, formatJoules, formatMetric, sig } from '../../logic/format'
import { baselineRecipe, evaluate, LOCKS, lockAnswer, percentSig, TRACK_IDS, TRACKS } from '../../engine'
import { distillationStudent } from '../../engine/lessons'
import type { TrackId } from '../../engine'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(DistillationWorkbench, track)
const smallest = (track: TrackId) => [...TRACKS[track].models].sort((a, b) => a.params.value - b.params.value)[0].id
type DS = { label: string; data: { x: number; y: number }[] }
const datasets = (w: ReturnType<typeof start>): DS[] => w.getComponent({ name: 'Line' }).props('data').datasets
const byLabel = (w: ReturnType<typeof start>, label: string) => datasets(w).find((d) => d.label === label)

beforeEach(() => {
  document.body.innerHTML = ''
})

describe.each(TRACK_IDS)('DistillationWorkbench on %s', (track) => {
  it('writes student, distillation and temperature into the shared recipe; rows and curve follow the engine', async () => {
    const w = start(track)
    await w.get('[data-testid="student-select"]').setValue(smallest(track))
    await w.get('[data-testid="distill-toggle"]').setValue(true)
    await w.get('[data-testid="temperature-slider"]').setValue('7')
    const r = deck.recipe.value
    expect(r).toMatchObject({ student: smallest(track), distill: true, temperature: 7 })

    const unit = TRACKS[track].metric.unit
    const rows = {
      teacher: evaluate(track, baselineRecipe(track)),
      scratch: evaluate(track, { ...r, distill: false }),
      distilled: evaluate(track, r),
    }
    for (const [key, e] of Object.entries(rows)) {
      const text = w.get(`[data-row="${key}"]`).text()
      expect(text).toContain(formatMetric(e.accuracy, unit))
      expect(text).toContain(formatBytes(e.memory.totalBytes, TRACKS[track].units.bytes))
      expect(text).toContain(formatJoules(e.energyPerInferenceJ))
    }
    expect(byLabel(w, 'distilled')!.data).toEqual(Array.from({ length: 20 }, (_, i) => ({ x: i + 1, y: evaluate(track, { ...r, temperature: i + 1 }).accuracy })))
    expect(byLabel(w, 'from scratch')!.data[0].y).toBe(rows.scratch.accuracy)
    expect(byLabel(w, 'teacher')!.data[0].y).toBe(rows.teacher.accuracy)
    expect(currentPoint(w.getComponent({ name: 'Line' }))).toEqual({ key: 'yourT', x: 7, y: rows.distilled.accuracy })
    w.unmount()
  })

  it('opens on the smallest student distillation can teach, from scratch: the gap in view, no distilled curve yet', () => {
    const w = start(track) // the shared recipe arrives on the teacher, as after parts 1 and 2
    const r = deck.recipe.value
    expect(r).toMatchObject({ ...baselineRecipe(track), student: distillationStudent(track), distill: false })
    const scratch = evaluate(track, r).accuracy
    const teacher = evaluate(track, baselineRecipe(track)).accuracy
    expect(teacher - scratch).toBeGreaterThanOrEqual(1 - 1e-9) // a gap worth showing on every track (Tiny at FP16: 95.4 vs 94.4)
    expect(byLabel(w, 'distilled')).toBeUndefined()
    expect(byLabel(w, 'your T')).toBeUndefined()
    expect(currentPoint(w.getComponent({ name: 'Line' }))).toBeNull()
    const gap = sig(teacher - scratch, 2)
    expect(w.get('[data-testid="gap-recovered"]').text()).toContain(`${gap} point${gap === '1' ? '' : 's'} below the teacher`)
    expect((w.get('[data-testid="student-select"]').element as HTMLSelectElement).value).toBe(distillationStudent(track))
    w.unmount()
  })

  it('turning distillation on draws the distilled curve and names the share of the gap it recovers', async () => {
    const w = start(track)
    await w.get('[data-testid="distill-toggle"]').setValue(true)
    const r = deck.recipe.value
    const [t, s, d] = [evaluate(track, baselineRecipe(track)), evaluate(track, { ...r, distill: false }), evaluate(track, r)].map((e) => e.accuracy)
    expect(d).toBeGreaterThan(s)
    expect(byLabel(w, 'distilled')!.data).toHaveLength(20)
    expect(w.get('[data-testid="gap-recovered"]').text()).toContain(`recovers ${percentSig((d - s) / (t - s))} of the ${sig(t - s, 2)}-point gap`)
    w.unmount()
  })

  it('a temperature step moves only the marker: the chart keeps its data and options, so it is redrawn, not updated', async () => {
    const w = start(track)
    await w.get('[data-testid="distill-toggle"]').setValue(true)
    const chart = w.getComponent({ name: 'Line' })
    const [data, options] = [chart.props('data'), chart.props('options')]
    for (const t of [2, 12, 20]) {
      await w.get('[data-testid="temperature-slider"]').setValue(String(t))
      expect(currentPoint(chart)).toEqual({ key: 'yourT', x: t, y: evaluate(track, deck.recipe.value).accuracy })
    }
    expect(chart.props('data')).toBe(data)
    expect(chart.props('options')).toBe(options)
    w.unmount()
  })

  it('a student the viewer picked stays when the slide opens again', () => {
    const other = TRACKS[track].models.find((m) => m.id !== TRACKS[track].baseline && m.id !== distillationStudent(track))
    deck.setTrack(track)
    deck.reset()
    if (other) deck.updateRecipe({ student: other.id, distill: true })
    const before = deck.recipe.value
    const w = mount(DistillationWorkbench, { attachTo: document.body })
    if (other) expect(deck.recipe.value).toEqual(before)
    w.unmount()
  })

  it("keeps the engine's answer to the lock hidden until the lock is revealed, then shows it", async () => {
    const lock = useLock('distillation')
    await lock.clearOffline()
    const w = start(track)
    expect(w.find('[data-testid="lock-answer"]').exists()).toBe(false)
    expect(w.find('[data-testid="answer-toggle"]').exists()).toBe(false) // no way to peek while the lock is open
    expect(w.find('[data-testid="answer-later"]').exists()).toBe(true)
    await lock.commit(0)
    await lock.revealOffline()
    await w.vm.$nextTick()
    const a = lockAnswer(track, 'distillation')
    const text = w.get('[data-testid="lock-answer"]').text()
    expect(text).toContain(LOCKS.distillation.options![a.value])
    expect(text).toContain(a.explanation)
    expect(text.split(LOCKS.distillation.options![a.value])).toHaveLength(2) // the answer said once (issue 19 #11)
    await w.get('[data-testid="answer-toggle"]').trigger('click') // foldable once revealed
    expect(w.find('[data-testid="lock-answer"]').exists()).toBe(false)
    await lock.clearOffline()
    w.unmount()
  })
})
