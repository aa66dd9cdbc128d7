// Mounts an instrument on a track with the shared recipe reset to that track's baseline, on a clean page.
import { mount } from '@vue/test-utils'
import type { Component } from 'vue'
import { useDeckState } from '../../composables/deckState'
import type { TrackId } from '../../engine'

export function mountOnTrack(component: Component, track: TrackId) {
  const deck = useDeckState()
  deck.setTrack(track)
  deck.reset()
  return mount(component, { attachTo: document.body })
}

/** Between tests: no leftover DOM, no per-viewer state (tries, reference recipes) from the previous test. */
export function clearPage(): void {
  document.body.innerHTML = ''
  sessionStorage.clear()
}
