// The deck replaces a lost identity (cleared cookies, a new service data folder) once, on the service's code
// no_identity, and resends; a refusal a retry may cure (RETRIABLE_CODES) is sent again after a backoff; any other
// refusal, whatever its status, is the viewer's to read, never retried.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { SessionErrorCode } from '../../composables/sessionApi'

const api = vi.hoisted(() => ({ refusals: [] as { status: number; code: SessionErrorCode }[], identities: 0, answers: 0 }))
vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  const { liveSessionApi, openSnapshot } = await import('./liveSession')
  return liveSessionApi(real, {
    getIdentity: async () => { api.identities++; return { ok: true, issued: true } },
    getState: async () => openSnapshot('distillation'),
    postAnswer: async (poll: string, value: number) => {
      api.answers++
      const r = api.refusals.shift()
      if (r) throw new real.SessionError(r.status, `refused (${r.code})`, r.code)
      return { ok: true, poll, round: 1, value, count: 1 }
    },
  })
})
vi.stubGlobal('EventSource', class { addEventListener() {} close() {} })

async function live() {
  vi.resetModules()
  const { useClassSession } = await import('../../composables/useClassSession')
  const s = useClassSession()
  expect(await s.ready()).toBe('live')
  api.identities = 0
  api.answers = 0
  return s
}
beforeEach(() => { api.refusals = [] })
afterEach(() => { vi.useRealTimers() })

it('no_identity: a new identity is asked for once and the answer sent again', async () => {
  const s = await live()
  api.refusals = [{ status: 401, code: 'no_identity' }]
  await s.answer('distillation', 2)
  expect([api.identities, api.answers]).toEqual([1, 2])
  expect(s.mine.distillation).toEqual({ round: 1, value: 2, confidence: null })
})

it('another 401 (bad_secret) is not an identity to replace: thrown as it came, sent once', async () => {
  const s = await live()
  api.refusals = [{ status: 401, code: 'bad_secret' }]
  await expect(s.answer('distillation', 2)).rejects.toMatchObject({ code: 'bad_secret' })
  expect([api.identities, api.answers]).toEqual([0, 1])
})

it.each([
  ['busy', 503], ['internal', 500], ['unreachable', 0], ['throttled', 429],
] as const)('%s (%i) is retried after a backoff, and the answer lands', async (code, status) => {
  const s = await live()
  vi.useFakeTimers()
  api.refusals = [{ status, code }, { status, code }]
  const sent = s.answer('distillation', 3)
  await vi.advanceTimersByTimeAsync(400 + 800) // the first two waits of the backoff
  await sent
  expect([api.identities, api.answers]).toEqual([0, 3])
  expect(s.mine.distillation).toEqual({ round: 1, value: 3, confidence: null })
})

it.each([
  ['closed', 409], ['invalid', 400], ['room_closed', 410], ['unreadable', 500],
] as const)('%s (%i) is not retried: thrown as it came, sent once', async (code, status) => {
  const s = await live()
  vi.useFakeTimers()
  api.refusals = [{ status, code }]
  const sent = expect(s.answer('distillation', 3)).rejects.toMatchObject({ code })
  await vi.advanceTimersByTimeAsync(20_000)
  await sent
  expect(api.answers).toBe(1)
})
