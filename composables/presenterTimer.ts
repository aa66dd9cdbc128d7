// Keeps Slidev's presenter timer across a reload and a second presenter tab (issue 19, #5): every change of the shared
// timer is written to localStorage, and a tab restores it before Slidev starts syncing (so its first message to the
// other tabs carries the running timer, not a stopped one). Rules in logic/presenterTimer.ts.
import { watch } from 'vue'
import { parseStoredTimer, TIMER_KEY, timerToRestore, type TimerState } from '../logic/presenterTimer'
import { sharedState } from './slidev'
import { storageArea } from './storage'

let installed = false

export function installPresenterTimer(): void {
  if (installed || typeof window === 'undefined') return
  installed = true
  const read = () => {
    try {
      return parseStoredTimer(storageArea('local').getItem(TIMER_KEY))
    } catch {
      return null // storage blocked: the timer starts as Slidev's own
    }
  }
  const restore = (stored: TimerState | null) => {
    const t = timerToRestore(sharedState.timer, stored)
    if (t) sharedState.timer = { ...t, slides: { ...t.slides } }
  }
  restore(read())
  watch(() => sharedState.timer, (t) => {
    try { storageArea('local').setItem(TIMER_KEY, JSON.stringify(t)) } catch { /* storage full or blocked: the timer still runs */ }
  }, { deep: true })
  // a tab that opened before the timer was started elsewhere picks it up too
  window.addEventListener('storage', (e) => { if (e.key === TIMER_KEY) restore(parseStoredTimer(e.newValue)) })
}
