// Issue 19: the projector's "class on the frontier" refetches the contracts on every change of the room's version,
// not of its count: a student who resubmits a changed contract (same count) is seen at once.
import { flushPromises } from '@vue/test-utils'
import { effectScope } from 'vue'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { fullSnapshot, type SnapshotIn } from './liveSession'

const api = vi.hoisted(() => ({ fetched: 0, view: null as any, answers: [] as Promise<unknown>[] }))
vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  return {
    ...real,
    probeLive: async () => true,
    getIdentity: async () => ({ ok: true, issued: false }),
    getState: async () => snap(1, 1),
    getContracts: async () => { api.fetched++; return api.answers.shift() ?? api.view },
  }
})
/** The event stream the session opens: the test pushes snapshots through it. */
class FakeEventSource {
  static last: FakeEventSource | null = null
  listeners: Record<string, ((e: MessageEvent) => void)[]> = {}
  constructor() { FakeEventSource.last = this }
  addEventListener(type: string, f: (e: MessageEvent) => void) { (this.listeners[type] ??= []).push(f) }
  close() {}
  emit(data: SnapshotIn) { for (const f of this.listeners.state ?? []) f(new MessageEvent('state', { data: JSON.stringify(fullSnapshot(data)) })) }
}
vi.stubGlobal('EventSource', FakeEventSource)

const snap = (count: number, version: number, phase = 'open') =>
  ({ polls: {}, presenter: { slide: 1, clicks: 0, seq: 0, leader: null }, contracts: { phase, count, games: 0, version } })
const view = (precision: string) => ({ phase: 'open', contracts: [{ track: 'tiny', recipe: { precision } }], games: {}, maxTries: 10 })

let scope: ReturnType<typeof effectScope>
beforeEach(() => {
  vi.resetModules()
  sessionStorage.clear()
  sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret') // the presenter's tab
  api.fetched = 0
  api.view = view('fp16')
  api.answers = []
})
afterEach(() => scope?.stop())

async function presenterRoom() {
  const { useClassContracts } = await import('../../composables/useClassContracts')
  scope = effectScope()
  const C = scope.run(() => useClassContracts())!
  const { useClassSession } = await import('../../composables/useClassSession')
  await useClassSession().ready()
  await flushPromises()
  return C
}

it('a resubmitted contract (same count, new version) is refetched: the presenter sees the new recipe', async () => {
  const C = await presenterRoom()
  const first = api.fetched
  expect(first).toBeGreaterThan(0)
  expect(C.seen.value?.contracts[0].recipe.precision).toBe('fp16')
  api.view = view('int4') // the student changed the recipe: the count stays 1
  FakeEventSource.last!.emit(snap(1, 2))
  await flushPromises()
  expect(api.fetched).toBe(first + 1)
  expect(C.seen.value?.contracts[0].recipe.precision).toBe('int4')
})

it('a snapshot that changes nothing the view shows (same version) fetches nothing', async () => {
  await presenterRoom()
  const first = api.fetched
  FakeEventSource.last!.emit(snap(1, 1))
  await flushPromises()
  expect(api.fetched).toBe(first)
})

it('two quick changes: a slow answer to the first fetch never overwrites the second', async () => {
  const C = await presenterRoom()
  let release: (v: unknown) => void = () => {}
  api.answers = [new Promise((ok) => { release = ok }), Promise.resolve(view('int8'))]
  FakeEventSource.last!.emit(snap(2, 2)) // fetch 1: slow, it saw the room before the second change
  await flushPromises()
  FakeEventSource.last!.emit(snap(2, 3)) // fetch 2: fast, the room as it is now
  await flushPromises()
  expect(C.seen.value?.contracts[0].recipe.precision).toBe('int8')
  release(view('fp16'))
  await flushPromises()
  expect(C.seen.value?.contracts[0].recipe.precision).toBe('int8')
})
