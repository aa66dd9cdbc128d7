// Students' decks follow the presenter through the class-session service (a built deck cannot use Slidev's
// own presenter sync across devices). The tab holding the presenter secret publishes its slide and clicks;
// every other live tab goes there, unless its student browsed away ("Follow the presenter" brings it back).
// A presenter tab that opens (or reopens after a crash) first joins the class where it is, then publishes; a move
// made while the service was down is published again when the event stream reconnects. The presenter's tabs take
// turns: the one that published last leads; another is told so and may take over (one click), never silently.
import { computed, effectScope, ref, watch, type ComputedRef } from 'vue'
import type { Router } from 'vue-router'
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

const following = ref(true)
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

const RESUME_KEY = 'silicon-contract:resume-after-outage'
/** The slide-error layout marks the reload it makes when the server is back: this tab resumes where it was. Written
 *  synchronously (not through useStorage, whose write waits for the next tick): the reload follows at once. */
export function markResumeAfterOutage(): void {
  try { sessionStorage.setItem(RESUME_KEY, '1') } catch { /* no storage: the tab joins the class as a new one */ }
}
function takeResumeMark(): boolean {
  try {
    const marked = sessionStorage.getItem(RESUME_KEY) === '1'
    sessionStorage.removeItem(RESUME_KEY)
    return marked
  } catch { return false }
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
      let programmatic = false
      let timer: ReturnType<typeof setTimeout> | undefined
      goToPresenter = async () => {
        const p = target.value
        if (!p || p.seq === 0) return
        if (p.slide === nav.currentSlideNo.value && p.clicks === nav.clicks.value) return
        programmatic = true
        try { await nav.go(p.slide, p.clicks) } finally { setTimeout(() => (programmatic = false), 150) }
      }
      // a presenter tab joins the class's slide before it publishes anything (reopening /presenter/1 after a crash
      // must not send the room back to slide 1) — unless the slide-error layout reloaded it after an outage: then its
      // URL is where the presenter moved meanwhile, and that is what the class must get
      const joined = ref(false)
      const resumed = takeResumeMark()
      watch([() => session.isPresenter.value, live, target], async ([isPresenter, isLive, p]) => {
        if (!isPresenter || !isLive || joined.value || !p) return
        if (p.seq > 0 && !resumed && (p.slide !== nav.currentSlideNo.value || p.clicks !== nav.clicks.value)) {
          programmatic = true
          try { await nav.go(p.slide, p.clicks) } finally { setTimeout(() => (programmatic = false), 150) }
        }
        joined.value = true
      }, { immediate: true })
      const publish = (no: number, clicks: number) => {
        clearTimeout(timer)
        timer = setTimeout(() => session.goto(no, clicks, me).catch(() => {}), 80)
      }
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
        if (student.value && following.value && !programmatic && p && p.seq > 0 && no !== p.slide) following.value = false
      })
    })
  }

  return {
    target,
    showButton: computed(() => student.value && !following.value && (target.value?.seq ?? 0) > 0),
    otherLeads,
    /** this presenter tab leads from now on (it publishes where it is) */
    takeOver: () => takeOver(),
    follow(): Promise<void> {
      following.value = true
      return goToPresenter()
    },
  }
}
