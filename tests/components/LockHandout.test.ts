// The handout (`npm run export:handout -- --track T`): printed with VITE_HANDOUT_TRACK set, each lock shows its question
// and then the engine's key and explanation for that track, with no form. Keys come from lockAnswer, never typed here.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LOCKS, lockAnswer, TRACKS, type LockId, type TrackId } from '../../engine'
import { label } from '../../logic/lockGap'
import { handoutTrack } from '../../composables/handout'

const printMode = ref(true)
vi.mock('../../composables/slidev', () => ({
  useSlideContext: () => ({ $renderContext: ref('slide'), $clicks: ref(0) }),
  useNav: () => ({ isPrintMode: printMode }),
  useIsSlideActive: () => ref(true),
}))
vi.setConfig({ testTimeout: 30_000 })

async function mountLock(lock: LockId[], track: string | undefined) {
  vi.resetModules()
  vi.unstubAllEnvs()
  if (track !== undefined) vi.stubEnv('VITE_HANDOUT_TRACK', track)
  const { default: PredictionLock } = await import('../../components/PredictionLock.vue')
  const w = mount(PredictionLock, { props: { lock } })
  await flushPromises()
  return w
}
enableAutoUnmount(afterEach)
afterEach(() => { vi.unstubAllEnvs(); printMode.value = true })

describe('handoutTrack', () => {
  it('names a known track and refuses anything else (the plain PDF rather than a wrong key)', () => {
    expect(handoutTrack({ VITE_HANDOUT_TRACK: 'edge' })).toBe('edge')
    for (const bad of [undefined, '', 'Edge', 'cloud ', 42]) expect(handoutTrack({ VITE_HANDOUT_TRACK: bad })).toBeNull()
  })
})

describe('a lock printed as a handout', () => {
  it.each([['tiny', ['quantization', 'quantizationAccuracy']], ['mobile', ['sparsity']], ['edge', ['distillation']]] as [TrackId, LockId[]][])(
    '%s: every part shows its question, then the key and explanation of that track, and no form', async (track, ids) => {
      const w = await mountLock(ids, track)
      expect(w.find('form').exists()).toBe(false)
      expect(w.text()).toContain('ANSWER KEY')
      const parts = w.findAll('[data-part]')
      expect(parts.map((p) => p.attributes('data-part'))).toEqual(ids)
      for (const [i, id] of ids.entries()) {
        const a = lockAnswer(track, id)
        const text = parts[i].text()
        expect(text.indexOf(LOCKS[id].question)).toBe(0)
        expect(text).toContain(`Key for ${TRACKS[track].name}`)
        expect(text).toContain(label(LOCKS[id], a.value))
        expect(text).toContain(a.explanation.slice(-40))
      }
    })

  it('is the ordinary lock on screen, and in a PDF printed without a handout track', async () => {
    printMode.value = false
    expect((await mountLock(['distillation'], 'edge')).find('form').exists()).toBe(true)
    printMode.value = true
    const w = await mountLock(['distillation'], undefined)
    expect(w.find('[data-testid="handout-key"]').exists()).toBe(false)
    expect(w.text()).not.toContain('ANSWER KEY')
  })
})
