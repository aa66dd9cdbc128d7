// The presenter's timer (Slidev's stopwatch, which every note's [mm:ss] cue counts on) kept across a reload of the
// presenter view and shared with a second presenter tab: a built deck syncs Slidev's state between tabs only on a
// change, and a fresh tab starts stopped ("-:--"). Pure rules here; composables/presenterTimer.ts is the glue.
import { z } from 'zod'

/** Slidev's shared timer state (SharedState['timer'] in @slidev/client). */
export interface TimerState {
  status: 'stopped' | 'running' | 'paused'
  slides: Record<number, { start?: number; end?: number }>
  startedAt: number
  pausedAt: number
}

export const TIMER_KEY = 'silicon-contract:presenter-timer'
/** A timer started longer ago than this is another day's lecture, not this one's. */
export const TIMER_MAX_AGE_MS = 6 * 3600_000

/** A stored timer's shape (zod's z.number() refuses NaN and ±∞); per-slide times that are not read as none. */
const StoredTimer = z.object({
  status: z.enum(['stopped', 'running', 'paused']),
  slides: z.record(z.string(), z.object({ start: z.number().optional(), end: z.number().optional() })).catch({}),
  startedAt: z.number(),
  pausedAt: z.number(),
}) satisfies z.ZodType<TimerState>

/** The stored timer, or null if there is none or it is not one. */
export function parseStoredTimer(raw: string | null): TimerState | null {
  if (!raw) return null
  try {
    return StoredTimer.safeParse(JSON.parse(raw)).data ?? null
  } catch {
    return null // not JSON
  }
}

/** The timer a tab that starts (or hears of another tab's timer) should show: the stored one when this tab's timer was
 *  never started and the stored one was, this lecture; otherwise null (keep this tab's own). */
export function timerToRestore(current: TimerState, stored: TimerState | null, now = Date.now()): TimerState | null {
  if (current.status !== 'stopped' || !stored || stored.status === 'stopped' || stored.startedAt <= 0) return null
  if (now - stored.startedAt > TIMER_MAX_AGE_MS || stored.startedAt > now + 60_000) return null
  return stored
}
