// The slide-error layout (layouts/error.vue) of a built deck: it probes the server with a growing wait (1 s, then 1.6
// times longer, at most 10 s) and, once anything answers, marks the tab to resume where it was and reloads it.
import { mount } from '@vue/test-utils'
import { afterEach, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

it('probes with a growing wait until the server answers, then reloads the page', async () => {
  vi.stubGlobal('__SLIDEV_HAS_SERVER__', false)
  vi.useFakeTimers()
  const probes: number[] = []
  let up = false
  vi.stubGlobal('fetch', async (url: string) => {
    probes.push(Date.now())
    if (!up) throw new TypeError('Failed to fetch')
    expect(url).toBe('/session-live.json')
    return new Response('{"live":false}', { status: 200 })
  })
  const reload = vi.fn()
  vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload } as Location)
  const { default: ErrorLayout } = await import('../../layouts/error.vue')
  const w = mount(ErrorLayout)
  const t0 = Date.now()
  await vi.advanceTimersByTimeAsync(999)
  expect(probes).toEqual([])
  await vi.advanceTimersByTimeAsync(1 + 1600)
  expect(probes.map((t) => t - t0)).toEqual([1000, 2600])
  expect(w.text()).toContain('Retrying by itself')
  up = true
  await vi.advanceTimersByTimeAsync(2560)
  expect(probes.map((t) => t - t0)).toEqual([1000, 2600, 5160])
  expect(reload).toHaveBeenCalledTimes(1)
  expect(w.text()).toContain('Back: reloading')
  expect(sessionStorage.getItem('silicon-contract:resume-after-outage')).toBe('1') // this tab resumes where it was
  await vi.advanceTimersByTimeAsync(60_000)
  expect(probes).toHaveLength(3)
  w.unmount()
})
