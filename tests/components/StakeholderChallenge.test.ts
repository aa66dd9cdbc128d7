// The power-cut challenge: PASS exactly when energy ≤ 80% of the locked-in reference and every budget passes.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import StakeholderChallenge from '../../components/StakeholderChallenge.vue'
import { useDeckState } from '../../composables/deckState'
import { clearPage, mountOnTrack } from './mountOnTrack'
import { formatJoules, formatMetric } from '../../logic/format'
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

describe.each(TRACK_IDS)('StakeholderChallenge on %s, with part 2\'s pruning carried to a smaller student', (track) => {
  it('shows the accuracy against the floor and says the student should replace the pruning, with its dense score', async () => {
    const ref = stakeholderReference(track)
    const student = [...TRACKS[track].models].sort((a, b) => a.params.value - b.params.value)
      .find((m) => m.id !== TRACKS[track].baseline)!.id
    // part 2's pruning at the slider's end: no smaller student keeps the floor like that
    const carried: Recipe = { ...ref, student, distill: true, pattern: ref.pattern === '2:4' ? 'unstructured' : ref.pattern, sparsity: 0.9 }
    const w = mountOnTrack(StakeholderChallenge, track)
    deck.updateRecipe(carried)
    await w.vm.$nextTick()
    const r = challenge(track, deck.recipe.value, ref)
    expect(r.failing.map((c) => c.name)).toContain('accuracy')
    expect(w.get('[data-testid="challenge-accuracy"]').text()).toBe(`Accuracy ${formatMetric(r.accuracy, TRACKS[track].metric.unit)} vs floor ${formatMetric(r.floor, TRACKS[track].metric.unit)}`)
    // the floor's one word, the same as on the workbenches and the ledger: a veto, not a failure (issue 21 #2)
    const inSpec = w.get('[data-testid="challenge-in-spec"]').text()
    expect(inSpec).toContain('accuracy VETO')
    for (const c of r.failing.filter((x) => x.name !== 'accuracy')) expect(inSpec).toContain(`${c.name} FAIL`)
    const hint = w.get('[data-testid="challenge-hint"]').text()
    expect(hint).toMatch(/90% (unstructured|channels) pruning/)
    expect(hint).toContain('replace the pruning')
    w.unmount()
  })
})
