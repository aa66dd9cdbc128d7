// A live lock whose answer the service refuses: the deck switches on the refusal's code (server/api.ts), never on its
// text. Closed (locked or revealed) and stale (a new round began) read "Too late" in the lecture's words; any other
// refusal shows the service's own sentence. The texts below are chosen to mislead a deck that matched them.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { LOCKS } from '../../engine'
import type { ErrorCode } from '../../server/api'

vi.mock('../../composables/slidev', () => ({
  useSlideContext: () => ({ $renderContext: ref('slide'), $clicks: ref(0) }),
  useNav: () => ({}),
  useIsSlideActive: () => ref(true),
}))
const refusal = vi.hoisted(() => ({ status: 409, code: 'closed' as ErrorCode, error: '' }))
vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  const { liveSessionApi, openSnapshot } = await import('./liveSession')
  return liveSessionApi(real, {
    getState: async () => openSnapshot('distillation'),
    postAnswer: async () => { throw new real.SessionError(refusal.status, refusal.error, refusal.code) },
  })
})
vi.stubGlobal('EventSource', class { addEventListener() {} close() {} })
vi.setConfig({ testTimeout: 30_000 }) // the first mount compiles the SFCs and the engine

enableAutoUnmount(afterEach)
beforeEach(() => { localStorage.clear(); sessionStorage.clear() })

async function refusedWith(code: ErrorCode, status: number, error: string): Promise<string> {
  Object.assign(refusal, { code, status, error })
  vi.resetModules()
  const { default: PredictionLock } = await import('../../components/PredictionLock.vue')
  const w = mount(PredictionLock, { props: { lock: 'distillation' } })
  await flushPromises()
  await w.findAll('input[type="radio"]')[1].setValue(true)
  await w.find('form').trigger('submit')
  await flushPromises()
  return w.get('[role="alert"]').text()
}
const tooLate = `Too late: ${LOCKS.distillation.title} closed before your answer arrived.`

it('closed and stale read "Too late", whatever the service\'s sentence says', async () => {
  expect(await refusedWith('closed', 409, 'the poll cannot take answers now')).toBe(tooLate)
  expect(await refusedWith('stale', 409, 'please answer again')).toBe(tooLate)
})

it('any other refusal shows the service\'s sentence, even one that reads like a closed poll', async () => {
  expect(await refusedWith('invalid', 400, 'value: the poll is locked to options 0..3')).toBe('value: the poll is locked to options 0..3')
  // (not `throttled`: a retry may cure it, so the deck sends the answer again instead: tests/components/sessionRetry.test.ts)
  expect(await refusedWith('not_allowed', 400, 'round 1 is over for this address')).toBe('round 1 is over for this address')
})
