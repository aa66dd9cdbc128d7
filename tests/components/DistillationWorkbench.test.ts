// Teacher / from scratch / distilled rows and the temperature curve are the engine's numbers; the lock answer is the engine's.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import DistillationWorkbench from '../../components/DistillationWorkbench.vue'
import { useDeckState } from '../../composables/deckState'
import { mountOnTrack } from './mountOnTrack'
import { useLock } from '../../composables/useLock'
import { formatBytes, formatJoules, sig } from '../../composables/format'
import { baselineRecipe, evaluate, LOCKS, lockAnswer, TRACK_IDS, TRACKS } from '../../engine'
import type { TrackId } from '../../engine'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(DistillationWorkbench, track)
const smallest = (track: TrackId) => [...TRACKS[track].models].sort((a, b) => a.params.value - b.params.value)[0].id

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
      expect(text).toContain(`${sig(e.accuracy)} ${unit}`)
      expect(text).toContain(formatBytes(e.memory.totalBytes))
      expect(text).toContain(formatJoules(e.energyPerInferenceJ))
    }
    const ds = w.getComponent({ name: 'Line' }).props('data').datasets
    expect(ds[0].data).toEqual(Array.from({ length: 20 }, (_, i) => ({ x: i + 1, y: evaluate(track, { ...r, temperature: i + 1 }).accuracy })))
    expect(ds[1].data[0].y).toBe(rows.scratch.accuracy)
    expect(ds[2].data[0].y).toBe(rows.teacher.accuracy)
    expect(ds[4].data).toEqual([{ x: 7, y: rows.distilled.accuracy }])
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
    await w.get('[data-testid="answer-toggle"]').trigger('click') // foldable once revealed
    expect(w.find('[data-testid="lock-answer"]').exists()).toBe(false)
    await lock.clearOffline()
    w.unmount()
  })
})
