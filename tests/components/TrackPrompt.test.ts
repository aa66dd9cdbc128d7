// Issue 19 #3: a late joiner lands on the presenter's slide with no track chosen; the deck asks for one there (or takes
// the link's), remembers it per viewer, and the badge changes it on any slide. Never in the presenter view or print.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TRACKS } from '../../engine'

const nav = { isPresenter: ref(false), isPrintMode: ref(false) }
vi.mock('../../composables/slidev', () => ({ useNav: () => nav, useSlideContext: () => ({}) }))
vi.setConfig({ testTimeout: 30_000 })

async function arrive(url: string) {
  window.history.replaceState({}, '', url)
  vi.resetModules()
  const { default: TrackPrompt } = await import('../../components/TrackPrompt.vue')
  const { default: TrackBadge } = await import('../../components/TrackBadge.vue')
  const { useDeckState } = await import('../../composables/deckState')
  const prompt = mount(TrackPrompt, { attachTo: document.body })
  await flushPromises()
  return { prompt, deck: useDeckState(), TrackBadge }
}
const remembered = () => JSON.parse(localStorage.getItem('silicon-contract:track') ?? 'null')

enableAutoUnmount(afterEach)
beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  document.body.innerHTML = ''
  nav.isPresenter.value = false
  nav.isPrintMode.value = false
})

describe('a viewer arriving without a track', () => {
  it('is asked on whatever slide they land, with the four tracks; choosing applies, remembers and closes', async () => {
    const { prompt, deck } = await arrive('/14')
    const dialog = prompt.get('[role="dialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    const buttons = prompt.findAll('button[data-track]')
    expect(buttons.map((b) => b.attributes('data-track'))).toEqual(['cloud', 'edge', 'mobile', 'tiny'])
    expect(document.activeElement).toBe(buttons[0].element) // keyboard: focus is in the prompt
    await buttons[1].trigger('click')
    expect(deck.track.value).toBe('edge')
    expect(remembered()).toBe('edge')
    expect(prompt.find('[data-testid="track-prompt"]').exists()).toBe(false)
  })

  it('is keyboard operable: arrows move between tracks, and no key reaches the slide shortcuts behind it', async () => {
    const { prompt, deck } = await arrive('/3')
    const seen: string[] = []
    const onWindow = (e: KeyboardEvent) => seen.push(e.key)
    window.addEventListener('keydown', onWindow)
    const buttons = prompt.findAll('button[data-track]')
    await buttons[0].trigger('keydown', { key: 'ArrowRight' })
    await buttons[1].trigger('keydown', { key: 'ArrowRight' })
    expect(document.activeElement).toBe(buttons[2].element)
    await buttons[2].trigger('keydown', { key: 'Escape' }) // nothing chosen before: Escape does not dismiss
    expect(prompt.find('[data-testid="track-prompt"]').exists()).toBe(true)
    window.removeEventListener('keydown', onWindow)
    expect(seen).toEqual([])
    ;(document.activeElement as HTMLButtonElement).click()
    await flushPromises()
    expect(deck.track.value).toBe('mobile')
  })

  it('a prompt left unanswered is asked again on reload, though the deck wrote its default track into the URL', async () => {
    await arrive('/14')
    const again = await arrive('/14?track=cloud')
    expect(again.prompt.find('[data-testid="track-prompt"]').exists()).toBe(true)
  })
})

describe('a viewer with a track', () => {
  it('is not asked again (a new tab, a late rejoin): the remembered track is applied', async () => {
    localStorage.setItem('silicon-contract:track', '"tiny"')
    const { prompt, deck } = await arrive('/20')
    expect(prompt.find('[data-testid="track-prompt"]').exists()).toBe(false)
    expect(deck.track.value).toBe('tiny')
  })

  it('a link with ?track= is the choice: not asked, applied and remembered', async () => {
    const { prompt, deck } = await arrive('/20?track=mobile')
    expect(prompt.find('[data-testid="track-prompt"]').exists()).toBe(false)
    expect(deck.track.value).toBe('mobile')
    expect(remembered()).toBe('mobile')
  })

  it('the badge changes it on any slide: it opens the prompt, the held track marked in words', async () => {
    localStorage.setItem('silicon-contract:track', '"edge"')
    const { prompt, deck, TrackBadge } = await arrive('/9')
    const badge = mount(TrackBadge, { props: { changeable: true }, attachTo: document.body })
    await badge.get('button[data-testid="track-badge"]').trigger('click')
    await flushPromises()
    expect(prompt.get('button.current').text()).toContain(`${TRACKS.edge.name} ✓ yours`)
    await prompt.get('button[data-track="tiny"]').trigger('click')
    expect(deck.track.value).toBe('tiny')
    expect(badge.text()).toContain(TRACKS.tiny.name)
    expect(remembered()).toBe('tiny')
  })

  it('a badge that is not changeable (presenter view, print) is no button', async () => {
    const { TrackBadge } = await arrive('/9?track=edge')
    const badge = mount(TrackBadge, { props: { changeable: false } })
    expect(badge.find('button').exists()).toBe(false)
  })
})

describe('never asked', () => {
  it('in the presenter view or in print/export', async () => {
    nav.isPresenter.value = true
    expect((await arrive('/presenter/5')).prompt.find('[data-testid="track-prompt"]').exists()).toBe(false)
    nav.isPresenter.value = false
    nav.isPrintMode.value = true
    expect((await arrive('/print')).prompt.find('[data-testid="track-prompt"]').exists()).toBe(false)
  })
})
