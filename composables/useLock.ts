// One prediction lock as the deck sees it: the definition and answer key from the engine (for the
// viewer's track), the phase (from the service in a live class, from this browser offline), the viewer's
// own answer and, after the reveal, the class distribution (live, or baked from the last class offline).
import { computed, effectScope, ref, watch } from 'vue'
import type { RemovableRef } from '@vueuse/core'
import { z } from 'zod'
import { LOCKS, lockAnswer } from '../engine'
import type { LockId } from '../engine'
import { useDeckState } from './deckState'
import { describeGap } from '../logic/lockGap'
import type { Distribution, Phase } from '../server/api'
import { useClassSession } from './useClassSession'
import { useCheckedStorage } from './storage'
import { useAction } from './useAction'
import { SessionError } from './sessionApi'
import { bakedFile } from './baked'

/** One stored value per lock, shared by every view of it (the lock slide and the instruments that wait on it), read
 *  back only in `schema`'s shape (null: none). Made in a detached scope: the first view to ask must not take the ref's
 *  storage watchers with it when it unmounts. */
function perLock<T>(prefix: string, schema: z.ZodType<T>, area: 'local' | 'session') {
  const refs = new Map<string, RemovableRef<T | null>>()
  return (lock: string): RemovableRef<T | null> => {
    let r = refs.get(lock)
    if (!r) {
      r = effectScope(true).run(() => useCheckedStorage(`silicon-contract:${prefix}:${lock}`, null, schema.nullable(), area))!
      refs.set(lock, r)
    }
    return r
  }
}

/** This browser's offline answers (localStorage, JSON; none ⇒ no key). */
const localAnswer = perLock('lock', z.object({ value: z.number(), revealed: z.boolean() }), 'local')

/** What this viewer typed into a lock and has not committed (issue 19 #8): kept per lock and per viewer (this tab's
 *  sessionStorage) so a slide change (the presenter's, followed) unmounting the form does not throw it away. Null once
 *  committed: the saved answer shows then. */
export const lockDraft = perLock('lock-draft', z.number(), 'session')

/** How sure this viewer said they were of their answer to a lock (issue 22), kept in this browser in both modes (the
 *  takeaway reads it), with the answer it went with: it counts only while that is still their answer. */
const lockSureness = perLock('confidence', z.object({ value: z.number(), confidence: z.int() }), 'local')

/** A lock's phase: the service's in a live class, this browser's offline. */
export function useLockPhase(lock: LockId) {
  const session = useClassSession()
  const local = localAnswer(lock)
  const poll = session.pollState(lock)
  return computed<Phase>(() => {
    if (session.mode.value === 'live') return poll.value?.phase ?? 'open'
    if (!local.value) return 'open'
    return local.value.revealed ? 'revealed' : 'locked'
  })
}

/** Results of the last live class, baked into the build (none when it was never baked). */
export const bakedResults = async (): Promise<Record<string, Distribution>> => (await bakedFile()).polls

export function useLock(lock: LockId) {
  const session = useClassSession()
  const { track } = useDeckState()
  const def = LOCKS[lock]
  const key = computed(() => lockAnswer(track.value, lock))
  const local = localAnswer(lock)
  const live = computed(() => session.mode.value === 'live')
  const poll = session.pollState(lock)
  const phase = useLockPhase(lock)
  const mine = computed<number | null>(() => {
    if (!live.value) return local.value?.value ?? null
    const m = session.mine[lock]
    return m && m.round === poll.value?.round ? m.value : null
  })
  const sure = lockSureness(lock)
  /** how sure they were of the answer that counts (null: not said, or said of another answer): in a live class as the
   *  service keeps it (their last answer, from whichever of their devices), offline as this browser kept it */
  const confidence = computed<number | null>(() => {
    if (live.value) return mine.value !== null ? session.mine[lock]?.confidence ?? null : null
    return sure.value && mine.value !== null && sure.value.value === mine.value ? sure.value.confidence : null
  })
  const count = computed(() => poll.value?.count ?? 0)
  const distribution = ref<Distribution | null>(null)
  const loadError = ref<string | null>(null)

  async function loadDistribution(): Promise<void> {
    loadError.value = null
    try {
      if (live.value && poll.value) distribution.value = await session.results(lock, poll.value.round)
      else if (!live.value) distribution.value = (await bakedResults())[lock] ?? null
    } catch (e) { loadError.value = (e as Error).message }
  }
  watch([phase, () => poll.value?.round, () => session.isPresenter.value], ([p]) => {
    distribution.value = null
    if (p === 'revealed') loadDistribution()
  }, { immediate: true })

  const { busy, error: actionError, run } = useAction(async (f: () => Promise<void> | void) => { await f() })
  const error = computed(() => actionError.value ?? loadError.value)

  return {
    def, key, phase, mine, confidence, count, distribution, error, busy, live,
    gap: computed(() => describeGap(def, mine.value, key.value.value)),
    /** Live: send (a resubmission replaces). Offline: commit locally; the viewer then reveals. `confidence` (optional)
     *  is locked with the answer: an index into CONFIDENCE_LEVELS, sent with the viewer's track. */
    commit: (value: number, confidence: number | null = null) => run(async () => {
      const keep = () => { sure.value = confidence === null ? null : { value, confidence } }
      if (!live.value) {
        local.value = { value, revealed: false }
        keep()
        return
      }
      try {
        await session.answer(lock, value, { confidence, track: track.value })
        keep()
      } catch (e) {
        // locked or revealed (closed), or a new round began (stale) while the answer travelled: say it in the lecture's words
        if (e instanceof SessionError && (e.code === 'closed' || e.code === 'stale')) throw new Error(`Too late: ${def.title} closed before your answer arrived.`)
        throw e
      }
    }),
    revealOffline: () => run(() => { if (local.value) local.value = { ...local.value, revealed: true } }),
    clearOffline: () => run(() => { local.value = null }),
    refresh: loadDistribution,
  }
}
