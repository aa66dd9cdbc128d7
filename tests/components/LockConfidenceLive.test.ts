// Confidence in a live class (issue 22 #1-2): sent with the answer and the viewer's track; after the reveal the lock shows
// the room's calibration from the service's rated answers, each judged against its own track's key.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lockAnswer } from '../../engine'

vi.mock('../../composables/slidev', () => ({
  useSlideContext: () => ({ $renderContext: ref('slide'), $clicks: ref(0) }),
  useNav: () => ({ isPrintMode: ref(false) }),
  useIsSlideActive: () => ref(true),
}))
const k = lockAnswer('cloud', 'distillation').value
const api = vi.hoisted(() => ({ sent: [] as unknown[], phase: 'open', mine: null as number | null, sure: null as number | null }))
vi.mock('../../composables/sessionApi', async (orig) => ({
  ...(await orig<typeof import('../../composables/sessionApi')>()),
  probeLive: async () => true,
  getIdentity: async () => ({ ok: true, issued: false }),
  getState: async () => ({ room: '111111', polls: { distillation: { round: 1, phase: api.phase, count: 0, version: 1 } }, presenter: { slide: 1, clicks: 0, seq: 0, leader: null },
    mine: { distillation: api.mine }, myConfidence: { distillation: api.sure } }),
  postAnswer: async (poll: string, value: number, round?: number, rating?: unknown) => {
    api.sent.push({ poll, value, round, rating })
    return { ok: true, round: 1, count: 1, value }
  },
  getResults: async () => ({
    poll: 'distillation', round: 1, kind: 'choice', count: 3, counts: [1, 1, 1, 0], phase: 'revealed',
    rated: [{ value: k, confidence: 2, track: 'cloud' }, { value: (k + 1) % 4, confidence: 2, track: 'cloud' }, { value: (k + 2) % 4, confidence: 0, track: 'cloud' }],
  }),
}))
vi.stubGlobal('EventSource', class { addEventListener() {} close() {} })
vi.setConfig({ testTimeout: 30_000 })
enableAutoUnmount(afterEach)

async function mountLock(kept: Record<string, string> = {}) {
  vi.resetModules()
  localStorage.clear()
  for (const [k, v] of Object.entries(kept)) localStorage.setItem(k, v)
  const { default: PredictionLock } = await import('../../components/PredictionLock.vue')
  const w = mount(PredictionLock, { props: { lock: 'distillation' } })
  await flushPromises()
  return w
}

describe('confidence, live', () => {
  it('is sent with the answer and the viewer\'s track', async () => {
    api.phase = 'open'
    const w = await mountLock()
    await w.findAll('.lock-option input')[1].setValue(true)
    await w.findAll('[data-testid="lock-confidence"] input')[1].setValue(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(api.sent).toEqual([{ poll: 'distillation', value: 1, round: 1, rating: { confidence: 1, track: 'cloud' } }])
  })
  it('on another device of the same viewer (nothing kept in this browser), the service gives back the answer and how sure', async () => {
    Object.assign(api, { phase: 'open', mine: 2, sure: 1 })
    const w = await mountLock()
    expect((w.findAll('.lock-option input')[2].element as HTMLInputElement).checked).toBe(true)
    expect(w.findAll('[data-testid="lock-confidence"] input').map((i) => (i.element as HTMLInputElement).checked)).toEqual([false, true, false])
    Object.assign(api, { mine: null, sure: null })
  })
  it('the service\'s confidence wins over what this browser kept, when the viewer changed it on another device', async () => {
    Object.assign(api, { phase: 'open', mine: 2, sure: 2 })
    const w = await mountLock({ 'silicon-contract:confidence:distillation': JSON.stringify({ value: 2, confidence: 0 }) })
    expect(w.findAll('[data-testid="lock-confidence"] input').map((i) => (i.element as HTMLInputElement).checked)).toEqual([false, false, true])
    Object.assign(api, { mine: null, sure: null })
  })
  it('after the reveal, the room\'s answers by confidence and the confident-and-wrong share', async () => {
    api.phase = 'revealed'
    const w = await mountLock()
    expect(w.find('[data-testid="lock-calibration"]').text()).toBe('By confidence: sure 2 (1 wrong) · guess 1 (1 wrong) — confident and wrong: 1 of 2 (50%)')
  })
})
