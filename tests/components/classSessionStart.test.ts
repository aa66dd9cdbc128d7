// How a deck finds the class: the live probe tells a service (live), something else that answered (a static build:
// on its own for good) and nothing yet (no reply, a proxy's 502/503/504); in the last case the deck starts on its own
// and keeps asking, and joins the class once the service answers. Time and the service are fakes.
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fullSnapshot } from './liveSession'

const service = vi.hoisted(() => ({ answers: [] as (boolean | null)[], probes: 0, refusals: 0, identities: 0 }))
vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  return {
    ...real,
    probeLive: async () => { service.probes++; return service.answers.length > 1 ? service.answers.shift()! : service.answers[0] },
    getIdentity: async () => {
      service.identities++
      if (service.refusals-- > 0) throw new real.SessionError(500, 'the database is down', 'internal')
      return { ok: true, issued: false }
    },
    getState: async () => fullSnapshot({}),
  }
})

class FakeEventSource {
  static opened = 0
  readyState = 0
  constructor() { FakeEventSource.opened++ }
  addEventListener() {}
  removeEventListener() {}
  close() {}
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('EventSource', FakeEventSource)
  FakeEventSource.opened = 0
  service.probes = 0
  service.refusals = 0
  service.identities = 0
  vi.resetModules()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

async function session(answers: (boolean | null)[]) {
  service.answers = [...answers]
  const { useClassSession } = await import('../../composables/useClassSession')
  let s!: ReturnType<typeof useClassSession>
  mount(defineComponent({ setup: () => { s = useClassSession(); return () => h('div') } }))
  return s
}
const wait = async (ms: number) => { await vi.advanceTimersByTimeAsync(ms); await flushPromises() }

describe('starting the class session', () => {
  it('joins the class once the service answers, when nothing answered at first', async () => {
    const s = await session([null, null, true])
    expect(await s.ready()).toBe('offline') // the deck works on its own meanwhile
    await wait(1000)
    expect([s.mode.value, service.probes]).toEqual(['offline', 2])
    await wait(1600)
    expect([s.mode.value, service.probes]).toEqual(['live', 3])
    expect(FakeEventSource.opened).toBe(1)
  })

  it('stays on its own, and stops asking, where a static build answered', async () => {
    const s = await session([false])
    expect(await s.ready()).toBe('offline')
    await wait(60_000)
    expect([s.mode.value, service.probes]).toEqual(['offline', 1])
  })

  it('asks less often while the service answers but refuses in a way a retry may cure, then joins', async () => {
    service.refusals = 3 // e.g. its database down for a while
    const s = await session([true])
    expect(await s.ready()).toBe('offline')
    await wait(1000)
    expect(service.identities).toBe(2)
    await wait(1000) // not again after 1 s: the wait grew to 1.6 s
    expect(service.identities).toBe(2)
    await wait(600 + 2560)
    expect([s.mode.value, service.identities]).toEqual(['live', 4])
  })

  it('asks less often the longer nothing answers, at most every 10 s', async () => {
    const s = await session([null])
    await s.ready()
    await wait(1000 + 1600 + 2560 + 4096 + 6554 + 10_000 + 10_000)
    expect([s.mode.value, service.probes]).toEqual(['offline', 8])
  })
})

describe('the live probe', () => {
  const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })
  it.each([
    ['the service', () => reply(200, { live: true }), true],
    ['a static build\'s file', () => reply(200, { live: false }), false],
    ['a server without the file', () => reply(404, {}), false],
    ['a proxy while the service restarts (502)', () => reply(502, {}), null],
    ['a proxy while the service restarts (504)', () => reply(504, {}), null],
    ['no reply at all', () => { throw new TypeError('fetch failed') }, null],
  ] as const)('%s', async (_, answer, expected) => {
    vi.stubGlobal('fetch', async () => answer())
    const { probeLive } = await vi.importActual<typeof import('../../composables/sessionApi')>('../../composables/sessionApi')
    expect(await probeLive()).toBe(expected)
  })
})
