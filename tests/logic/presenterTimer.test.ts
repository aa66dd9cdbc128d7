// The presenter's timer survives a reload and a second tab: which stored timer a starting tab takes over.
import { describe, expect, it } from 'vitest'
import { parseStoredTimer, timerToRestore, TIMER_MAX_AGE_MS, type TimerState } from '../../logic/presenterTimer'

const now = 1_800_000_000_000
const stopped: TimerState = { status: 'stopped', slides: {}, startedAt: 0, pausedAt: 0 }
const running: TimerState = { status: 'running', slides: { 3: { start: now - 60_000 } }, startedAt: now - 600_000, pausedAt: 0 }
const paused: TimerState = { ...running, status: 'paused', pausedAt: now - 30_000 }

describe('the presenter timer kept across tabs and reloads', () => {
  it('a fresh (stopped) tab takes over a running or paused timer of this lecture', () => {
    expect(timerToRestore(stopped, running, now)).toEqual(running)
    expect(timerToRestore(stopped, paused, now)).toEqual(paused)
  })
  it('keeps its own timer once started, and ignores a stopped, missing or another day\'s timer', () => {
    expect(timerToRestore(running, paused, now)).toBeNull()
    expect(timerToRestore(stopped, stopped, now)).toBeNull()
    expect(timerToRestore(stopped, null, now)).toBeNull()
    expect(timerToRestore(stopped, { ...running, startedAt: now - TIMER_MAX_AGE_MS - 1 }, now)).toBeNull()
  })
  it('reads only a well-formed stored timer', () => {
    expect(parseStoredTimer(JSON.stringify(running))).toEqual(running)
    for (const bad of [null, '', '{', 'null', '{"status":"running"}', JSON.stringify({ ...running, status: 'flying' })]) expect(parseStoredTimer(bad)).toBeNull()
    expect(parseStoredTimer('{"status":"running","slides":{},"startedAt":1e999,"pausedAt":0}')).toBeNull() // JSON's 1e999 is ∞
    expect(parseStoredTimer(JSON.stringify({ ...running, slides: 'lost', extra: 1 }))).toEqual({ ...running, slides: {} })
  })
})
