// Issue 19: the presenter's moves reach the class, the last one always wins, and a failing move is said and retried.
// A fake service applies each move when its request arrives (latencies differ, as over a hall's Wi-Fi).
import { flushPromises, mount } from '@vue/test-utils'
import { computed, ref } from 'vue'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { fullSnapshot, type SnapshotIn } from './liveSession'

const api = vi.hoisted(() => ({
  snapshot: null as any,
  /** where the service has the presenter: the last move that arrived */
  at: null as null | { slide: number; clicks: number },
  latency: (_slide: number): number => 20,
  /** how many of the next moves the service refuses (429: a student guessing the secret behind the same NAT) */
  refuse: 0,
  sent: 0,
}))
vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  return {
    ...real,
    probeLive: async () => true,
    getState: async () => api.snapshot,
    getIdentity: async () => ({ ok: true, issued: false }),
    postGoto: async (_secret: string, slide: number, clicks: number) => {
      api.sent++
      await new Promise((ok) => setTimeout(ok, api.latency(slide)))
      if (api.refuse > 0) {
        api.refuse--
        throw new real.SessionError(429, 'too many wrong secrets; wait a minute', 'throttled')
      }
      api.at = { slide, clicks }
      return { ok: true }
    },
  }
})
class FakeEventSource {
  static last: FakeEventSource
  listeners: Record<string, ((e: { data: string }) => void)[]> = {}
  constructor() { FakeEventSource.last = this }
  addEventListener(t: string, f: (e: { data: string }) => void) { (this.listeners[t] ??= []).push(f) }
  close() {}
  emit(data: SnapshotIn) { for (const f of this.listeners.state ?? []) f({ data: JSON.stringify(fullSnapshot(data)) }) }
}
vi.stubGlobal('EventSource', FakeEventSource)

/** A presenter view's nav (a new one per test: tabs of earlier tests stay alive in this process and watch their own). */
function presenterNav(start: number) {
  const slide = ref(start)
  const clicks = ref(0)
  return {
    slide,
    clicks,
    nav: {
      currentSlideNo: computed(() => slide.value),
      clicks: computed(() => clicks.value),
      isPrintMode: computed(() => false),
      isPresenter: computed(() => true),
      go: vi.fn(async (no: number, c = 0) => { slide.value = no; clicks.value = c }),
    },
  }
}
const navHolder = vi.hoisted(() => ({ nav: null as any }))
vi.mock('../../composables/slidev', () => ({ useNav: () => navHolder.nav }))

beforeEach(() => {
  vi.resetModules()
  sessionStorage.clear()
  sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret')
  api.snapshot = { polls: {}, presenter: { slide: 26, clicks: 0, seq: 4, leader: null }, contracts: { phase: 'open', count: 0, games: 0, version: 0 } }
  api.at = { slide: 26, clicks: 0 }
  api.latency = () => 20
  api.refuse = 0
  api.sent = 0
})
afterEach(() => { vi.useRealTimers() })

async function presenterAt(start: number) {
  const p = presenterNav(start)
  navHolder.nav = p.nav
  const { default: FollowPresenter } = await import('../../components/FollowPresenter.vue')
  const { useClassSession } = await import('../../composables/useClassSession')
  const w = mount(FollowPresenter)
  await useClassSession().ready()
  await flushPromises()
  vi.useFakeTimers()
  return { ...p, w }
}

it('21 quick presses of ← from slide 26: the class ends on slide 5, whatever order the requests would arrive in', async () => {
  const { slide } = await presenterAt(26)
  // the move to slide 6 is slow on the wire: sent concurrently, it would land after the move to 5 and win
  api.latency = (s) => (s === 6 ? 500 : 20)
  for (let i = 1; i <= 21; i++) {
    slide.value = 26 - i
    await vi.advanceTimersByTimeAsync(100)
  }
  await vi.advanceTimersByTimeAsync(3000)
  expect(slide.value).toBe(5)
  expect(api.at).toEqual({ slide: 5, clicks: 0 })
})

it('a burst of presses faster than the network sends the final position last, with no move lost at the end', async () => {
  const { slide } = await presenterAt(26)
  api.latency = () => 300
  for (let i = 1; i <= 21; i++) {
    slide.value = 26 - i
    await vi.advanceTimersByTimeAsync(30)
  }
  await vi.advanceTimersByTimeAsync(3000)
  expect(api.at).toEqual({ slide: 5, clicks: 0 })
  expect(api.sent).toBeLessThan(21) // one request in flight at a time: the intermediate slides are skipped, not queued
})

it('a refused move is shown in the presenter\'s bar and retried (bounded backoff) until it lands', async () => {
  const { slide, w } = await presenterAt(26)
  expect(w.text()).toContain('students follow your slide')
  api.refuse = 4
  slide.value = 27
  await vi.advanceTimersByTimeAsync(200)
  expect(api.at).toEqual({ slide: 26, clicks: 0 })
  expect(w.text()).not.toContain('students follow your slide')
  expect(w.get('[data-testid="move-failing"]').text()).toMatch(/slide 27.*too many wrong secrets.*retrying/i)
  await vi.advanceTimersByTimeAsync(10_000) // 4 refusals, each retried sooner than every 5 s
  expect(api.at).toEqual({ slide: 27, clicks: 0 })
  expect(w.find('[data-testid="move-failing"]').exists()).toBe(false)
  expect(w.text()).toContain('students follow your slide')
  const sent = api.sent
  await vi.advanceTimersByTimeAsync(30_000)
  expect(api.sent).toBe(sent) // landed: nothing more is sent
})

it('a student\'s deck that takes long to draw some slides still ends on the presenter\'s last slide, still following', async () => {
  sessionStorage.clear() // a student
  const slide = ref(26)
  const clicks = ref(0)
  // the chart-heavy slide 6 takes 500 ms to show; a navigation that ends late must not undo a newer one
  const go = vi.fn(async (no: number, c = 0) => {
    await new Promise((ok) => setTimeout(ok, no === 6 ? 500 : 20))
    slide.value = no
    clicks.value = c
  })
  const nav = {
    currentSlideNo: computed(() => slide.value),
    clicks: computed(() => clicks.value),
    isPrintMode: computed(() => false),
    isPresenter: computed(() => false),
    go,
  }
  const { useFollowPresenter } = await import('../../composables/followPresenter')
  const f = useFollowPresenter(nav)
  const { useClassSession } = await import('../../composables/useClassSession')
  await useClassSession().ready()
  await flushPromises()
  vi.useFakeTimers()
  for (let i = 1; i <= 21; i++) {
    FakeEventSource.last.emit({ ...api.snapshot, presenter: { slide: 26 - i, clicks: 0, seq: 4 + i, leader: null } })
    await vi.advanceTimersByTimeAsync(100)
  }
  await vi.advanceTimersByTimeAsync(3000)
  expect(slide.value).toBe(5)
  expect(f.showButton.value).toBe(false) // never taken for a student who browsed away
})

it('a tab that loses the lead (or its secret) drops its pending move and retries: no stale slide lands when it reconnects', async () => {
  const { movePublisher } = await import('../../composables/followPresenter')
  const { SessionError } = await import('../../composables/sessionApi')
  vi.useFakeTimers()
  let calls = 0
  const mover = movePublisher(async () => { calls++; throw new SessionError(503, 'the class server is down', 'busy') }, { debounceMs: 10, first: 100, max: 400 })
  mover.publish({ slide: 9, clicks: 0 })
  await vi.advanceTimersByTimeAsync(50)
  expect(calls).toBe(1)
  expect(mover.failing.value).not.toBeNull()
  mover.cancel() // another tab took the lead meanwhile
  expect(mover.failing.value).toBeNull()
  await vi.advanceTimersByTimeAsync(10_000)
  expect(calls).toBe(1)
})

it.each([
  ['a refusal a retry may cure (unreachable, busy, throttled, internal) is retried', ['unreachable', 'busy', 'throttled', 'internal'], true],
  ['a refusal a retry cannot change (bad_secret, invalid, room_closed, unreadable) is shown and not sent again', ['bad_secret', 'invalid', 'room_closed', 'unreadable'], false],
] as const)('%s', async (_name, codes, retried) => {
  const { movePublisher } = await import('../../composables/followPresenter')
  const { SessionError } = await import('../../composables/sessionApi')
  vi.useFakeTimers()
  for (const code of codes) {
    let calls = 0
    // the status is the same for both kinds (a 4xx a proxy could give): the code decides, not the status
    const mover = movePublisher(async () => { calls++; throw new SessionError(409, `refused (${code})`, code) }, { debounceMs: 10, first: 100, max: 400 })
    mover.publish({ slide: 9, clicks: 0 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(mover.failing.value).toMatchObject({ slide: 9, error: `refused (${code})` })
    expect(calls > 1, code).toBe(retried)
    mover.cancel()
  }
})
