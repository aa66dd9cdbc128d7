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
