// The room's calibration at a reveal (issue 22 #2): the answers split by how sure their students were, and the share of
// confident answers (fairly sure or sure) that were wrong — the misconception that matters. Each answer is judged
// against the key of its own track (the room is on mixed tracks); an answer whose track was not sent is not judged.
// Pure (tested).
import { LOCKS, lockAnswer, shareText } from '../engine'
import type { LockId, TrackId } from '../engine'
import { CONFIDENCE_LEVELS, type RatedAnswer } from '../server/api'

import { SPOT_ON } from './lockGap'

/** "fairly sure" and "sure": every level above a guess */
export const CONFIDENT_FROM = 1

/** Right: the option of the track's key, or a number within lockGap's "spot on" band of it. */
export function isRight(id: LockId, track: TrackId, value: number): boolean {
  const key = lockAnswer(track, id).value
  if (LOCKS[id].kind === 'choice') return value === key
  return key === 0 ? value === 0 : Math.abs(value - key) / Math.abs(key) < SPOT_ON
}

export interface CalibrationLevel { level: number; words: string; n: number; wrong: number }
export interface Calibration {
  /** per confidence level, guess first; only answers whose track was said */
  levels: CalibrationLevel[]
  /** answers with no confidence said (judged, but in no level) */
  unrated: number
  /** confident answers, and how many of them were wrong */
  confident: number
  confidentWrong: number
}

export function calibration(id: LockId, rated: readonly RatedAnswer[], track?: TrackId): Calibration {
  const judged = rated.filter((a) => a.track !== null && (track === undefined || a.track === track))
  const levels = CONFIDENCE_LEVELS.map((words, level) => {
    const at = judged.filter((a) => a.confidence === level)
    return { level, words, n: at.length, wrong: at.filter((a) => !isRight(id, a.track!, a.value)).length }
  })
  const sure = levels.filter((l) => l.level >= CONFIDENT_FROM)
  return {
    levels, unrated: judged.filter((a) => a.confidence === null).length,
    confident: sure.reduce((n, l) => n + l.n, 0), confidentWrong: sure.reduce((n, l) => n + l.wrong, 0),
  }
}

/** "confident and wrong: 3 of 8 (38%)", or null when nobody said they were sure. */
export function confidentWrongText(c: Calibration): string | null {
  return c.confident === 0 ? null : `confident and wrong: ${c.confidentWrong} of ${c.confident} (${shareText(c.confidentWrong / c.confident)})`
}

/** "sure 5 (2 wrong) · fairly sure 3 (1 wrong) · guess 4 (3 wrong)", most sure first; null when no level has answers. */
export function levelsText(c: Calibration): string | null {
  const rows = [...c.levels].reverse().filter((l) => l.n > 0).map((l) => `${l.words} ${l.n} (${l.wrong} wrong)`)
  return rows.length ? rows.join(' · ') : null
}
