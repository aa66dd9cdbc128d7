// A viewer's track on arrival (issue 19 #3): a late joiner lands on whatever slide the presenter shows, so the track is
// settled there and then, never silently left at the deck's default. The link's ?track= wins (a shared link, a reload);
// else the track this viewer chose before; else the viewer is asked. A prompt left unanswered is asked again on reload,
// even though the deck has by then written its default track into the URL.
import { isTrackId } from '../engine'
import type { TrackId } from '../engine'

export interface Arrival {
  /** the track in the link, if any and valid */
  linked: string | null | undefined
  /** the track this viewer chose before (per-viewer storage), if any */
  remembered: TrackId | null
  /** the prompt was shown in this tab and not answered (then the link's track is the deck's own default, not a choice) */
  pending: boolean
}

/** `track`: the track to apply (null: keep the deck's); `ask`: show the prompt; `remember`: store `track` as chosen. */
export function arrive(a: Arrival): { track: TrackId | null; ask: boolean; remember: boolean } {
  if (a.pending) return { track: a.remembered, ask: true, remember: false }
  if (isTrackId(a.linked)) return { track: a.linked, ask: false, remember: a.linked !== a.remembered }
  if (a.remembered) return { track: a.remembered, ask: false, remember: false }
  return { track: null, ask: true, remember: false }
}
