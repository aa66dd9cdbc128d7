// The stakeholder's accuracy floor and the one rule every budget is judged by: evaluate()'s checks, the workbenches'
// veto and the lessons all call withinLimit, so "meets the floor" can never mean two things.
import type { Budget, TrackId } from './types'
import { SPECS } from './tracks'
import { validateTrack } from './validate'
import { FLOOR_BUDGET } from './words'

/** A value within a budget's limit: at most a 'max' limit, at least a 'min' one (the accuracy floor is a 'min'). */
export function withinLimit(sense: Budget['sense'], value: number, limit: number): boolean {
  return sense === 'max' ? value <= limit : value >= limit
}

const floorBudget = (track: TrackId): Budget | undefined => SPECS[validateTrack(track)].budgets.find((x) => x.name === FLOOR_BUDGET)

/** The stakeholder's accuracy floor (the track's 'accuracy' budget); −∞ on a track without one. */
export function accuracyFloor(track: TrackId): number {
  return floorBudget(track)?.limit.value ?? -Infinity
}

/** The stakeholder's veto, the only name for it: false when the accuracy falls below the floor (the 'accuracy' budget's
 *  own test, withinLimit, as in evaluate()'s checks). */
export function meetsFloor(track: TrackId, accuracy: number): boolean {
  const b = floorBudget(track)
  return b ? withinLimit(b.sense, accuracy, b.limit.value) : true
}
