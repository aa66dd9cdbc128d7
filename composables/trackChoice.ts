// The viewer's chosen track (issue 19 #3): remembered per viewer (localStorage, so a new tab or a late rejoin is not
// asked again), the arrival rule of logic/trackChoice.ts applied once per page, and the prompt's open state, shared by
// the prompt (TrackPrompt, a deck-wide layer) and the badge that reopens it on any slide.
import { effectScope, ref } from 'vue'
import { z } from 'zod'
import type { TrackId } from '../engine'
import { isTrackId } from '../engine'
import { arrive } from '../logic/trackChoice'
import { useDeckState } from './deckState'
import { useCheckedStorage } from './storage'

const CHOSEN_KEY = 'silicon-contract:track'
const PENDING_KEY = 'silicon-contract:track-pending'
const Chosen = z.custom<TrackId>(isTrackId).nullable()

// made in a detached scope: the first component to ask must not take the storage watchers with it when it unmounts
const stored = effectScope(true).run(() => ({
  chosen: useCheckedStorage<TrackId | null>(CHOSEN_KEY, null, Chosen, 'local'),
  pending: useCheckedStorage<boolean>(PENDING_KEY, false, z.boolean(), 'session'),
}))!
const open = ref(false)
let arrived = false

export function useTrackChoice() {
  const deck = useDeckState()
  return {
    open,
    chosen: stored.chosen,
    /** Once per page: settles the track from the link, the remembered choice, or opens the prompt. */
    arrive(linked: string | null | undefined): void {
      if (arrived) return
      arrived = true
      const r = arrive({ linked, remembered: stored.chosen.value, pending: stored.pending.value })
      if (r.track) deck.setTrack(r.track)
      if (r.remember) stored.chosen.value = r.track
      if (r.ask) {
        stored.pending.value = true
        open.value = true
      }
    },
    /** The viewer's choice (the prompt, the badge, the track-picker slide): applied, remembered, the prompt closed. */
    choose(track: TrackId): void {
      deck.setTrack(track)
      stored.chosen.value = track
      stored.pending.value = false
      open.value = false
    },
    ask(): void { open.value = true },
  }
}

/** For tests: forget that this page has arrived. */
export function resetArrival(): void {
  arrived = false
  open.value = false
}
