// The power-cut challenge: PASS exactly when energy ≤ 80% of the locked-in reference and every budget passes.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import StakeholderChallenge from '../../components/StakeholderChallenge.vue'
import { useDeckState } from '../../composables/deckState'
import { clearPage, mountOnTrack } from './mountOnTrack'
import { formatJoules } from '../../logic/format'
import { challenge } from '../../logic/distillation'
import { evaluate, TRACK_IDS, TRACKS, stakeholderReference } from '../../engine'
import type { Recipe, TrackId } from '../../engine'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

const deck = useDeckState()
const start = (track: TrackId) => mountOnTrack(StakeholderChallenge, track)
beforeEach(clearPage)

describe.each(TRACK_IDS)('StakeholderChallenge on %s', (track) => {
  it("names the track's stakeholder and demand", () => {
    const w = start(track)
    const text = w.get('[data-testid="stakeholder-demand"]').text()
    expect(text).toContain(TRACKS[track].stakeholder.role)
    expect(text).toContain(TRACKS[track].stakeholder.demand)
    w.unmount()
  })

  it('the verdict is the engine energy vs 80% of the reference, and every check', async () => {
    const w = start(track)
    // until the viewer locks in their own, the reference is part 2's answer (the engine's stakeholderReference)
    expect(w.get('[data-testid="reference-energy"]').text()).toBe(formatJoules(evaluate(track, stakeholderReference(track)).energyPerInferenceJ))
    // lock in an INT8 reference, then move to INT4 with the smallest student
    await w.get('[data-testid="challenge-precision"] input[value="int8"]').setValue(true)
    await w.get('[data-testid="lock-reference"]').trigger('click')
    const reference: Recipe = { ...deck.recipe.value }
    expect(w.get('[data-testid="reference-energy"]').text()).toBe(formatJoules(evaluate(track, reference).energyPerInferenceJ))
    const small = [...TRACKS[track].models].sort((a, b) => a.params.value - b.params.value)[0].id
    await w.get('[data-testid="challenge-precision"] input[value="int4"]').setValue(true)
    await w.get('[data-testid="student-select"]').setValue(small)
    await w.get('[data-testid="distill-toggle"]').setValue(true)
    const now = evaluate(track, deck.recipe.value)
    const ref0 = evaluate(track, reference)
    const expectPass = now.energyPerInferenceJ <= 0.8 * ref0.energyPerInferenceJ && now.checks.every((c) => c.pass)
    expect(challenge(track, deck.recipe.value, reference).pass).toBe(expectPass)
    expect(w.get('[data-testid="challenge-verdict"]').text()).toContain(expectPass ? 'PASS' : 'FAIL')
    expect(w.get('[data-testid="current-energy"]').text()).toBe(formatJoules(now.energyPerInferenceJ))
    w.unmount()
  })
})
