// The handout: a PDF of the deck printed for one track with each prediction lock's key and explanation after its question
// (`npm run export:handout -- --track edge`). Slidev's exporter opens `/print?print=true` and takes no query of ours, so
// the script names the track in the Vite environment (VITE_HANDOUT_TRACK) of the export's own dev server. No Slidev
// import here: the deck state reads it too, and tests load that without Slidev.
import { TRACK_IDS, type TrackId } from '../engine'

/** The track a handout is printed for, or null (an ordinary deck, or an unknown id: the plain PDF rather than a wrong key). */
export function handoutTrack(env: Record<string, unknown> = import.meta.env ?? {}): TrackId | null {
  const t = env.VITE_HANDOUT_TRACK
  return (TRACK_IDS as readonly unknown[]).includes(t) ? (t as TrackId) : null
}
