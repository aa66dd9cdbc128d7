// Per-viewer storage (composables/storage.ts over vueuse's useStorage): a value is stored under the key of the moment it
// changes, a track switch stores nothing by itself, and a browser without the storage area keeps the state in this page
// only, never in the other area.
import { nextTick, ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { baselineRecipe, type TrackId } from '../../engine'
import { useAttempts } from '../../composables/useSparsity'
import { storageArea, useStoredString } from '../../composables/storage'
import { markResumeAfterOutage } from '../../composables/followPresenter'

const triesOf = (track: TrackId) => JSON.parse(sessionStorage.getItem(`silicon-contract:attempts:${track}`) ?? 'null')

afterEach(() => {
  vi.restoreAllMocks()
  sessionStorage.clear()
  localStorage.clear()
})

describe('per-track tries', () => {
  it('stored tries are read back only in the shape the game writes (zod): a hand-edited or foreign list reads as no tries', async () => {
    const track = ref<TrackId>('tiny')
    const first = useAttempts(track)
    first.record({ ...baselineRecipe('tiny'), sparsity: 0.5 })
    await nextTick()
    const kept = triesOf('tiny')
    expect(useAttempts(ref<TrackId>('tiny')).attempts.value).toEqual(kept) // a good list survives the round trip
    for (const bad of [[{ ...kept[0], precision: 'fp8' }], [{ ...kept[0], latencyMs: '3' }], Array(11).fill(kept[0]), { 0: kept[0] }]) {
      sessionStorage.setItem('silicon-contract:attempts:tiny', JSON.stringify(bad))
      expect(useAttempts(ref<TrackId>('tiny')).attempts.value, JSON.stringify(bad).slice(0, 80)).toEqual([])
    }
  })
  it('a try recorded just before a track switch is stored under the track it was made on', async () => {
    const track = ref<TrackId>('tiny')
    const game = useAttempts(track)
    game.record({ ...baselineRecipe('tiny'), sparsity: 0.5 })
    track.value = 'mobile' // the same tick
    await nextTick()
    expect(triesOf('tiny')).toHaveLength(1)
    expect(triesOf('mobile')).toBeNull()
    expect(game.attempts.value).toEqual([])
  })
  it('switching tracks stores nothing, and each track keeps its own tries', async () => {
    const track = ref<TrackId>('tiny')
    const game = useAttempts(track)
    track.value = 'mobile'
    await nextTick()
    expect(sessionStorage.length).toBe(0)
    game.record({ ...baselineRecipe('mobile'), sparsity: 0.6 })
    track.value = 'tiny'
    await nextTick()
    expect(game.attempts.value).toEqual([])
    track.value = 'mobile'
    await nextTick()
    expect(game.attempts.value).toHaveLength(1)
  })
})

describe('a browser without the storage area', () => {
  it('keeps the value in this page, not in the other area', async () => {
    vi.spyOn(globalThis, 'sessionStorage', 'get').mockImplementation(() => { throw new DOMException('blocked', 'SecurityError') })
    const secret = useStoredString('silicon-contract:test-secret')
    secret.value = 'only-this-page'
    await nextTick()
    expect(secret.value).toBe('only-this-page')
    expect(localStorage.length).toBe(0)
  })
  it('gives one page memory per area to plain reads and writes, so what one caller wrote another reads', () => {
    vi.spyOn(globalThis, 'sessionStorage', 'get').mockImplementation(() => { throw new DOMException('blocked', 'SecurityError') })
    storageArea('session').setItem('silicon-contract:test-room', '482913')
    expect(storageArea('session').getItem('silicon-contract:test-room')).toBe('482913')
    expect(storageArea('local').getItem('silicon-contract:test-room')).toBeNull()
    expect(localStorage.length).toBe(0)
  })
})

describe('plain reads and writes (storageArea)', () => {
  it("reach the browser's own area when it has one", () => {
    storageArea('local').setItem('silicon-contract:test-key', 'v')
    expect(localStorage.getItem('silicon-contract:test-key')).toBe('v')
    expect(sessionStorage.length).toBe(0)
  })
  it("the slide-error layout's resume mark is stored in the same tick: the reload that follows at once finds it", () => {
    markResumeAfterOutage()
    expect(sessionStorage.getItem('silicon-contract:resume-after-outage')).toBe('1')
  })
})
