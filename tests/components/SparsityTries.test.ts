// The game's window sentence is searched only when it shows (after the game, or on "Show window"): the search judges
// every ratio of every pattern, and a click that changes the precision does not wait for it.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SparsityTries from '../../components/SparsityTries.vue'
import { clearPage } from './mountOnTrack'

vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)

beforeEach(clearPage)

describe('SparsityTries', () => {
  it('reads the window only once it shows', async () => {
    const windowText = vi.fn(() => 'the window')
    const w = mount(SparsityTries, { props: { attempts: [], windowText, noTarget: false }, attachTo: document.body })
    expect(windowText).not.toHaveBeenCalled()
    expect(w.find('[data-testid="tries-window"]').exists()).toBe(false)
    await w.get('[data-testid="window-button"]').trigger('click')
    expect(w.get('[data-testid="tries-window"]').text()).toBe('the window')
    expect(windowText).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('shows it from the start where the track has nothing to hit', () => {
    const w = mount(SparsityTries, { props: { attempts: [], windowText: 'no target here', noTarget: true }, attachTo: document.body })
    expect(w.get('[data-testid="tries-window"]').text()).toBe('no target here')
    w.unmount()
  })
})
