// Following the presenter (composables/followPresenter.ts) with a fake nav and a mocked service.
import { flushPromises } from '@vue/test-utils'
import { computed, ref } from 'vue'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { fullSnapshot, type SnapshotIn } from './liveSession'

const api = vi.hoisted(() => ({ gotos: [] as unknown[], tabs: [] as (string | undefined)[], snapshot: null as any }))
vi.mock('../../composables/sessionApi', async (orig) => ({
  ...(await orig<typeof import('../../composables/sessionApi')>()),
  probeLive: async () => true,
  getState: async () => api.snapshot,
  getIdentity: async () => ({ ok: true, issued: false }),
  postGoto: async (secret: string, slide: number, clicks: number, tab?: string) => { api.gotos.push({ secret, slide, clicks }); api.tabs.push(tab); return { ok: true } },
}))
class FakeEventSource {
  static last: FakeEventSource
  listeners: Record<string, ((e: any) => void)[]> = {}
  constructor() { FakeEventSource.last = this }
  addEventListener(t: string, f: (e: any) => void) { (this.listeners[t] ??= []).push(f) }
  emit(data: SnapshotIn) { for (const f of this.listeners.state ?? []) f({ data: JSON.stringify(fullSnapshot(data)) }) }
}
vi.stubGlobal('EventSource', FakeEventSource)

const slide = ref(1)
const clicks = ref(0)
const presenterRoute = ref(false)
const nav = {
  currentSlideNo: computed(() => slide.value),
  clicks: computed(() => clicks.value),
  isPrintMode: computed(() => false),
  isPresenter: computed(() => presenterRoute.value),
  go: vi.fn(async (no: number, c = 0) => { slide.value = no; clicks.value = c }),
}
const snap = (s: number, c: number, seq: number) => ({ polls: {}, presenter: { slide: s, clicks: c, seq } })

async function start() {
  vi.resetModules()
  const { useFollowPresenter } = await import('../../composables/followPresenter')
  const f = useFollowPresenter(nav)
  await flushPromises()
  return f
}

afterEach(() => { vi.useRealTimers() })
beforeEach(() => {
  // the move debounce and the navigation guard run on fake time (flushPromises keeps the real setImmediate)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  sessionStorage.clear()
  slide.value = 1
  clicks.value = 0
  presenterRoute.value = false
  api.gotos = []
  nav.go.mockClear()
})

it('a late joiner lands on the presenter’s slide; a student who browses away gets the button and can follow again', async () => {
  api.snapshot = snap(7, 2, 5)
  const f = await start()
  expect(nav.go).toHaveBeenLastCalledWith(7, 2)
  FakeEventSource.last.emit(snap(8, 0, 6))
  await flushPromises()
  expect(slide.value).toBe(8)
  await vi.advanceTimersByTimeAsync(200) // past the programmatic-navigation guard
  slide.value = 3 // the student browses back
  await flushPromises()
  expect(f.showButton.value).toBe(true)
  FakeEventSource.last.emit(snap(9, 0, 7))
  await flushPromises()
  expect(slide.value).toBe(3) // not dragged while browsing
  await f.follow()
  expect(slide.value).toBe(9)
  expect(f.showButton.value).toBe(false)
  expect(api.gotos).toEqual([]) // a student never publishes
})

it('a presenter tab first joins the class where it is (a reopened /presenter/1 does not send the room back), then publishes and never follows', async () => {
  sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret')
  presenterRoute.value = true
  api.snapshot = snap(2, 0, 1)
  await start()
  expect(nav.go).toHaveBeenCalledTimes(1) // joined the class's slide 2 instead of publishing its own slide 1
  expect(nav.go).toHaveBeenLastCalledWith(2, 0)
  expect(api.gotos.some((g) => (g as { slide: number }).slide === 1)).toBe(false)
  nav.go.mockClear()
  slide.value = 4
  clicks.value = 1
  await flushPromises()
  await vi.advanceTimersByTimeAsync(150) // debounce
  expect(api.gotos.at(-1)).toEqual({ secret: 's3cret', slide: 4, clicks: 1 })
  FakeEventSource.last.emit(snap(2, 0, 9))
  await flushPromises()
  expect(nav.go).not.toHaveBeenCalled()
})

it('a second presenter tab is told another one leads, publishes nothing, and can take over', async () => {
  sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret')
  presenterRoute.value = true
  api.snapshot = { polls: {}, presenter: { slide: 5, clicks: 0, seq: 3, leader: 'the-other-tab' } }
  api.tabs = []
  const f = await start()
  const mine = sessionStorage.getItem('silicon-contract:presenter-tab')!
  expect(slide.value).toBe(5) // joined the class
  expect(f.otherLeads.value).toBe(true)
  slide.value = 6
  await flushPromises()
  await vi.advanceTimersByTimeAsync(150)
  // (earlier tests' tabs are still alive in this process: only this tab's publications count)
  expect(api.tabs.filter((t) => t === mine)).toEqual([]) // does not pull the class back and forth
  f.takeOver()
  await vi.advanceTimersByTimeAsync(150)
  expect(api.tabs.at(-1)).toBe(mine)
  expect(api.gotos.at(-1)).toEqual({ secret: 's3cret', slide: 6, clicks: 0 })
  FakeEventSource.last.emit({ polls: {}, presenter: { slide: 6, clicks: 0, seq: 4, leader: mine } })
  await flushPromises()
  expect(f.otherLeads.value).toBe(false) // this tab leads now
})

it('a move made while the service was down is published again when the event stream reconnects', async () => {
  sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret')
  presenterRoute.value = true
  api.snapshot = snap(1, 0, 0)
  await start()
  const { useClassSession } = await import('../../composables/useClassSession')
  const session = useClassSession()
  session.connected.value = false // the service goes down
  slide.value = 12
  await flushPromises()
  await vi.advanceTimersByTimeAsync(150)
  api.gotos = [] // the moves during the outage were lost on the wire
  session.connected.value = true // back
  await flushPromises()
  await vi.advanceTimersByTimeAsync(150)
  expect(api.gotos.at(-1)).toEqual({ secret: 's3cret', slide: 12, clicks: 0 })
})
