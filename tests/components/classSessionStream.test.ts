// The class session's event stream (vueuse useEventSource): every pushed snapshot is applied, a dropped stream shows
// "not connected" until it is open again, and a stream the browser gave up on is reopened; it outlives the component
// that first asked for the session. The service and EventSource are fakes; time is fake.
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fullSnapshot } from './liveSession'

const snapshot = (count: number) => fullSnapshot({ polls: { distillation: { phase: 'open', round: 1, count, version: count } } })
vi.mock('../../composables/sessionApi', async (orig) => ({
  ...(await orig<typeof import('../../composables/sessionApi')>()),
  probeLive: async () => true,
  getIdentity: async () => ({ ok: true, issued: false }),
  getState: async () => snapshot(0),
}))

class FakeEventSource {
  static all: FakeEventSource[] = []
  readyState = 0
  onopen: (() => void) | null = null
  onerror: ((e: unknown) => void) | null = null
  listeners: Record<string, ((e: { data: string }) => void)[]> = {}
  constructor(public url: string) { FakeEventSource.all.push(this) }
  addEventListener(t: string, f: (e: { data: string }) => void) { (this.listeners[t] ??= []).push(f) }
  removeEventListener() {}
  open() { this.readyState = 1; this.onopen?.() }
  push(data: unknown) { for (const f of this.listeners.state ?? []) f({ data: JSON.stringify(data) }) }
  /** the browser lost the stream: `retrying` while it reconnects by itself, else it gave up (readyState CLOSED) */
  fail(retrying: boolean) { this.readyState = retrying ? 0 : 2; this.onerror?.(new Event('error')) }
  close() { this.readyState = 2 }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('EventSource', FakeEventSource)
  FakeEventSource.all = []
  vi.resetModules()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

async function liveSession() {
  const { useClassSession } = await import('../../composables/useClassSession')
  let session!: ReturnType<typeof useClassSession>
  const w = mount(defineComponent({ setup: () => { session = useClassSession(); return () => h('div') } }))
  expect(await session.ready()).toBe('live')
  await flushPromises()
  return { session, w }
}

describe('the class session event stream', () => {
  it('applies each pushed snapshot, and keeps the stream after the component that started it is gone', async () => {
    const { session, w } = await liveSession()
    expect(FakeEventSource.all).toHaveLength(1)
    const es = FakeEventSource.all[0]
    expect(es.url).toMatch(/\/api\/session\/.*events/)
    es.open()
    es.push(snapshot(3))
    expect(session.snapshot.value?.polls.distillation.count).toBe(3)
    w.unmount()
    es.push(snapshot(4))
    expect(session.snapshot.value?.polls.distillation.count).toBe(4)
    expect(es.readyState).toBe(1)
  })

  it('ignores a push that is not the contract\'s (a proxy\'s page, a half snapshot) and keeps the last good one', async () => {
    const { session } = await liveSession()
    const es = FakeEventSource.all[0]
    es.open()
    es.push(snapshot(3))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    for (const bad of [{ polls: { distillation: { phase: 'open', round: 1, count: 9 } } }, { ...snapshot(9), presenter: { slide: 'x' } }])
      es.push(bad)
    for (const f of es.listeners.state ?? []) f({ data: '<html>502 Bad Gateway</html>' })
    expect(session.snapshot.value?.polls.distillation.count).toBe(3)
    expect(warn).toHaveBeenCalledTimes(3)
    es.push(snapshot(4))
    expect(session.snapshot.value?.polls.distillation.count).toBe(4)
  })

  it('says "not connected" while the browser reconnects, and connected again once the stream is open', async () => {
    const { session } = await liveSession()
    const es = FakeEventSource.all[0]
    es.open()
    expect(session.connected.value).toBe(true)
    es.fail(true)
    expect(session.connected.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(FakeEventSource.all).toHaveLength(1) // the browser's own reconnection: no second stream
    es.open()
    expect(session.connected.value).toBe(true)
  })

  it('reopens a stream the browser gave up on, every 2 s until it opens', async () => {
    const { session } = await liveSession()
    FakeEventSource.all[0].fail(false)
    expect(session.connected.value).toBe(false)
    await vi.advanceTimersByTimeAsync(1999)
    expect(FakeEventSource.all).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeEventSource.all).toHaveLength(2)
    FakeEventSource.all[1].fail(false)
    await vi.advanceTimersByTimeAsync(2000)
    expect(FakeEventSource.all).toHaveLength(3)
    FakeEventSource.all[2].open()
    FakeEventSource.all[2].push(snapshot(7))
    expect(session.connected.value).toBe(true)
    expect(session.snapshot.value?.polls.distillation.count).toBe(7)
  })
})
