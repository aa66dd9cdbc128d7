// Students' decks follow the presenter through the class-session service (a built deck cannot use Slidev's
// own presenter sync across devices). The tab holding the presenter secret publishes its slide and clicks;
// every other live tab goes there, unless its student browsed away ("Follow the presenter" brings it back).
// A presenter tab that opens (or reopens after a crash) first joins the class where it is, then publishes; a move
// made while the service was down is published again when the event stream reconnects. The presenter's tabs take
// turns: the one that published last leads; another is told so and may take over (one click), never silently.
// The last move always wins (issue 19): one move is on the wire at a time, the newest position waits for it (the ones
// in between are skipped, never sent out of order), and a refused or lost move is said in the presenter's bar and sent
// again with a bounded backoff until it lands.
import { computed, effectScope, readonly, ref, watch, type ComputedRef, type Ref } from 'vue'
import type { Router } from 'vue-router'
import { useDebounceFn } from '@vueuse/core'
import { isRetriable } from './sessionApi'
import { useStoredString } from './storage'
import { useClassSession } from './useClassSession'

export interface NavLike {
  currentSlideNo: ComputedRef<number>
  clicks: ComputedRef<number>
  isPrintMode: ComputedRef<boolean>
  /** the presenter view never follows (it is where the class is driven from) */
  isPresenter: ComputedRef<boolean>
  go: (no: number, clicks?: number) => Promise<void>
}

export interface Position { slide: number; clicks: number }
/** A move that has not landed: where the presenter is, and why the service did not take it. */
export interface FailingMove extends Position { error: string }

/** Debounce of a burst of presses, ms: a fast click-through sends where it ends up. */
export const MOVE_DEBOUNCE_MS = 80
/** Retry delays of a failed move: doubling from the first, never longer than the last. */
export const MOVE_RETRY_MS = { first: 500, max: 4000 }

/**
 * Sends the presenter's position, the last one always winning: at most one request in flight; a position set while one
 * is in flight is sent when it returns (only the newest: the ones in between are skipped); a failure is kept in
 * `failing` and the newest position is sent again after a backoff (doubling, capped) until it lands. A refusal that a
 * retry cannot change (a code outside RETRIABLE_CODES, e.g. a secret the service no longer takes) stops the retries but
 * stays shown; the next move tries again.
 */
export function movePublisher(send: (p: Position) => Promise<unknown>, opts = { debounceMs: MOVE_DEBOUNCE_MS, ...MOVE_RETRY_MS }) {
  const failing: Ref<FailingMove | null> = ref(null)
  let wanted: Position | null = null
  let inFlight = false
  let retry: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  // a fast click-through sends only where it ends up; a cancelled position is simply no longer wanted when it fires
  const flushSoon = useDebounceFn(() => flush(), opts.debounceMs)
  async function flush(): Promise<void> {
    if (inFlight || !wanted) return
    const p = wanted
    inFlight = true
    let retryIn: number | null = null
    try {
      await send(p)
      if (wanted === p) wanted = null
      failing.value = null
      attempt = 0
    } catch (e) {
      failing.value = { ...(wanted ?? p), error: (e as Error).message || 'the class server did not take the move' }
      if (isRetriable(e)) retryIn = Math.min(opts.max, opts.first * 2 ** attempt++)
      else if (wanted === p) wanted = null
    } finally { inFlight = false }
    // a newer position came while this one was on the wire: it goes now (or after the backoff, if this one failed)
    if (retryIn !== null) retry = setTimeout(flush, retryIn)
    else if (wanted) flush()
  }
  return {
    failing: readonly(failing),
    /** Drops the pending position and any retry: another tab took the lead, or this one is no longer the presenter's.
     *  (A tab that lost the network must not land a stale slide on the class when it reconnects.) */
    cancel(): void {
      clearTimeout(retry)
      wanted = null
      attempt = 0
      failing.value = null
    },
    publish(p: Position): void {
      wanted = p
      attempt = 0
      if (failing.value) failing.value = { ...p, error: failing.value.error }
      clearTimeout(retry) // the newest position goes after the debounce, not after the last failure's backoff
      void flushSoon()
    },
  }
}

const following = ref(true)
const failingMove = ref<FailingMove | null>(null)
let started = false
let goToPresenter: () => Promise<void> = async () => {}
let takeOver: () => void = () => {}

/** This tab's id among the presenter's tabs (sessionStorage is per tab and survives a reload of the same tab). */
function tabId(): string {
  const random = () => Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join('')
  const id = useStoredString('silicon-contract:presenter-tab')
  id.value ??= random()
  return id.value
}

/** The mark the slide-error layout leaves on the reload it makes when the server is back: this tab resumes where it
 *  was. Stored at once (storage.ts writes synchronously), so it is there before the reload; no storage, no mark: the
 *  tab then joins the class as a new one. */
const resumeMark = () => useStoredString('silicon-contract:resume-after-outage')
export function markResumeAfterOutage(): void {
  resumeMark().value = '1'
}
function takeResumeMark(): boolean {
  const mark = resumeMark()
  const marked = mark.value === '1'
  mark.value = null
  return marked
}

/** Called by setup/main.ts: starts the mode probe early so the first slide already knows whether it is live. */
export function installFollowPresenter(_router: Router): void {
  if (typeof window !== 'undefined') useClassSession()
}

/** Starts following once per tab (idempotent); returns what the "Follow the presenter" button needs. */
export function useFollowPresenter(nav: NavLike) {
  const session = useClassSession()
  const target = computed(() => session.snapshot.value?.presenter)
  const live = computed(() => session.mode.value === 'live' && !nav.isPrintMode.value)
  const student = computed(() => live.value && !session.isPresenter.value && !nav.isPresenter.value)
  const me = typeof window === 'undefined' ? '' : tabId()
  /** another of the presenter's tabs leads the class */
  const otherLeads = computed(() => live.value && session.isPresenter.value && !!target.value?.leader && target.value.leader !== me)

  if (!started) {
    started = true
    effectScope(true).run(() => {
      // > 0 while this tab moves itself (and 150 ms after), so the move is not taken for a student browsing away
      let programmatic = 0
      const goItself = async (slide: number, clicks: number) => {
        programmatic++
        try { await nav.go(slide, clicks) } finally { setTimeout(() => programmatic--, 150) }
      }
      // one navigation at a time, always towards the newest target: a slide that is slow to draw must not land after
      // (and undo) a newer one the presenter moved to meanwhile
      let going = false
      goToPresenter = async () => {
        if (going) return
        going = true
        try {
          for (let p = target.value; p && p.seq > 0 && (p.slide !== nav.currentSlideNo.value || p.clicks !== nav.clicks.value);) {
            const seq = p.seq
            await goItself(p.slide, p.clicks)
            if (target.value?.seq === seq) break // reached (or the deck cannot go there): no newer move to chase
            p = target.value
            if (!student.value || !following.value) break
          }
        } finally { going = false }
      }
      // a presenter tab joins the class's slide before it publishes anything (reopening /presenter/1 after a crash
      // must not send the room back to slide 1) — unless the slide-error layout reloaded it after an outage: then its
      // URL is where the presenter moved meanwhile, and that is what the class must get
      const joined = ref(false)
      const resumed = takeResumeMark()
      watch([() => session.isPresenter.value, live, target], async ([isPresenter, isLive, p]) => {
        if (!isPresenter || !isLive || joined.value || !p) return
        if (p.seq > 0 && !resumed && (p.slide !== nav.currentSlideNo.value || p.clicks !== nav.clicks.value)) await goItself(p.slide, p.clicks)
        joined.value = true
      }, { immediate: true })
      const mover = movePublisher((p) => session.goto(p.slide, p.clicks, me))
      watch(mover.failing, (f) => { failingMove.value = f })
      // another tab leads, or the secret is gone: this tab's pending move and its retries are stale
      watch([otherLeads, () => session.isPresenter.value], ([others, isPresenter]) => { if (others || !isPresenter) mover.cancel() })
      const publish = (no: number, clicks: number) => mover.publish({ slide: no, clicks })
      // the leading presenter tab publishes (debounced: a fast click-through sends only where it ends up)
      watch([nav.currentSlideNo, nav.clicks, () => session.isPresenter.value, live, joined], ([no, clicks, isPresenter, isLive, hasJoined]) => {
        if (isLive && isPresenter && hasJoined && !otherLeads.value) publish(no, clicks)
      })
      takeOver = () => publish(nav.currentSlideNo.value, nav.clicks.value)
      // a move made during an outage reaches the class when the stream is back
      watch(() => session.connected.value, (up, wasUp) => {
        if (up && !wasUp && live.value && session.isPresenter.value && joined.value && !otherLeads.value) publish(nav.currentSlideNo.value, nav.clicks.value)
      })
      // students follow, late joiners land on the current slide
      watch(() => [target.value?.seq, student.value], () => { if (student.value && following.value) goToPresenter() }, { immediate: true })
      // a student who moves to another slide stops following until they ask again
      watch(nav.currentSlideNo, (no) => {
        const p = target.value
        if (student.value && following.value && programmatic === 0 && p && p.seq > 0 && no !== p.slide) following.value = false
      })
    })
  }

  return {
    target,
    showButton: computed(() => student.value && !following.value && (target.value?.seq ?? 0) > 0),
    otherLeads,
    /** the presenter's move the service has not taken yet (it is being retried), or null when the class follows */
    failingMove: readonly(failingMove),
    /** this presenter tab leads from now on (it publishes where it is) */
    takeOver: () => takeOver(),
    follow(): Promise<void> {
      following.value = true
      return goToPresenter()
    },
  }
}
