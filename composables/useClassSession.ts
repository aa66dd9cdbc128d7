// The deck's side of the class session, one per browser tab: mode detection (live service or offline),
// the live snapshot pushed over SSE, this viewer's answers, and the presenter's secret (sessionStorage of the
// presenter's tab only; it is never in a served file). The viewer's identity is the service's (an HttpOnly cookie).
import { computed, effectScope, reactive, ref, watch } from 'vue'
import { useEventSource } from '@vueuse/core'
import * as api from './sessionApi'
import { downloadBlob } from './download'
import { exportName, mergeRoundCsvs, roundsUpTo } from '../logic/csvRounds'
import { useStoredString } from './storage'
import { Snapshot, type ContractRow, type ControlAction, type GameRow, type Submitted } from '../server/api'
import type { Recipe, TrackId } from '../engine'

export type Mode = 'unknown' | 'live' | 'offline'
const SECRET_KEY = 'silicon-contract:presenter-secret'

const mode = ref<Mode>('unknown')
const snapshot = ref<Snapshot | null>(null)
const connected = ref(false)
/** This viewer's answers in live mode, per poll: the value the server acknowledged for `round`, and how sure they said
 *  they were (null: not said), as the service keeps them: another device of theirs shows both. */
const mine = reactive<Record<string, { round: number; value: number; confidence: number | null } | undefined>>({})
/** The presenter's secret, this tab's only: read when the deck loads (a test sets it before importing this module). */
const secret = useStoredString(SECRET_KEY, 'session')
/** This viewer's contract and game result as the service holds them (issue 13), restored from the snapshot on load. */
const myContract = ref<ContractRow | null>(null)
const myGame = ref<GameRow | null>(null)
let started: Promise<Mode> | null = null

function applySnapshot(s: Snapshot): void {
  const before = snapshot.value?.polls ?? {}
  // a reset empties a round without changing its number: refresh this viewer's own answers then
  const emptied = Object.entries(s.polls).some(([p, st]) => before[p] && before[p].round === st.round && st.count < before[p].count)
  snapshot.value = { room: s.room, polls: s.polls, presenter: s.presenter, contracts: s.contracts }
  if (s.myContract !== undefined) myContract.value = s.myContract
  if (s.myGame !== undefined) myGame.value = s.myGame
  if (emptied && !s.mine) api.getState().then(applySnapshot).catch(() => {})
  for (const [poll, value] of Object.entries(s.mine ?? {})) {
    const round = s.polls[poll]?.round
    if (round !== undefined) mine[poll] = value === null ? undefined : { round, value, confidence: s.myConfidence?.[poll] ?? null }
  }
}

/** A pushed snapshot is held to the contract as every fetched reply is (sessionApi): one that is not (a proxy's page in
 *  the stream, a service of another version) is said in the console and changes nothing; the next push or refetch heals. */
function applyPushed(text: string): void {
  let parsed: ReturnType<typeof Snapshot.safeParse>
  try {
    parsed = Snapshot.safeParse(JSON.parse(text))
  } catch {
    return console.warn('[class] an event that is not JSON was ignored')
  }
  if (parsed.success) applySnapshot(parsed.data)
  else console.warn(`[class] a snapshot that is not the contract's was ignored: ${parsed.error.issues[0]?.message ?? ''}`)
}

/** Slidev's print/export view (`/print`, `/export`, `?print`): a PDF must not hold a live connection open. */
function isPrintView(): boolean {
  return /\/(print|export)\/?$/.test(location.pathname) || new URLSearchParams(location.search).has('print')
}

/** The deck starts on its own (offline) unless the service answers; when nothing answered at all (a service restarting,
 *  a Wi-Fi that was not up yet), or the service refused in a way a retry may cure, it keeps asking, 1 s then 1.6× longer
 *  each time up to 10 s, and joins the class as soon as it can. Before, a deck opened in that instant stayed on its own
 *  until reloaded (issue 20's rehearsal). */
async function start(): Promise<Mode> {
  if (isPrintView()) return (mode.value = 'offline')
  const live = await api.probeLive()
  if (live && await connect(START_RETRY_MS)) return mode.value
  mode.value = 'offline'
  if (live === null) askAgain(START_RETRY_MS)
  return mode.value
}
const START_RETRY_MS = 1000
const START_RETRY_MAX_MS = 10_000
const later = (delay: number) => Math.min(START_RETRY_MAX_MS, delay * 1.6)

function askAgain(delay: number): void {
  setTimeout(async () => {
    const live = await api.probeLive()
    if (live === null) return askAgain(later(delay))
    if (live) await connect(later(delay))
  }, delay)
}

/** Joins the live class: this browser's identity, the room's state, then the pushed snapshots. False when the service
 *  refused; a refusal a retry may cure (a database down, a throttle) asks again after `retryIn` ms, which keeps growing. */
async function connect(retryIn: number): Promise<boolean> {
  try {
    await api.getIdentity()
    applySnapshot(await api.getState())
  } catch (e) {
    if (api.isRetriable(e)) askAgain(retryIn)
    return false
  }
  mode.value = 'live'
  connected.value = true
  listen()
  return true
}

/** The snapshot pushed on every change (and in full on every connect, so a reconnected deck catches up). The browser
 *  reconnects a dropped stream by itself (the service asks for `retry: 2000`); a stream the browser gave up on (a
 *  refusal, e.g. a proxy's 502 while the service restarts) is reopened by vueuse every 2 s. The stream lives as long
 *  as the tab, in a scope of its own: not the first component's that asked for the session. */
function listen(): void {
  effectScope(true).run(() => {
    const { data, status } = useEventSource(api.eventsUrl(), ['state'] as const, { autoReconnect: { delay: 2000 } })
    watch(data, (d) => {
      connected.value = true
      if (d) applyPushed(d)
    }, { flush: 'sync' })
    watch(status, (st) => { if (st !== 'CONNECTING') connected.value = st === 'OPEN' }, { flush: 'sync' })
  })
}

/** A refusal a retry may cure (RETRIABLE_CODES: no reply, e.g. the service restarting, or a throttle) is retried for
 *  ~18 s in all: a hosted service restarting behind its proxy answers 502 until a process is back (the rehearsal of
 *  issue 20: ~9 s was too short once nginx had marked every process down), and an answer is an upsert, so a late retry
 *  is harmless; a lost identity cookie (cleared storage, a new service data folder) is replaced once. Other refusals are
 *  thrown: they changed nothing and would not change on a retry. */
async function retrying<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send()
    } catch (e) {
      if (e instanceof api.SessionError && e.code === 'no_identity' && attempt === 0) { await api.getIdentity(); continue }
      if (!api.isRetriable(e) || attempt >= 8) throw e // waits 0.4 + 0.8 + 1.6 + 5 × 3 s
      await new Promise((ok) => setTimeout(ok, Math.min(3000, 400 * 2 ** attempt)))
    }
  }
}

export function useClassSession() {
  if (!started && typeof window !== 'undefined') started = start()
  return {
    mode,
    connected,
    snapshot,
    mine,
    ready: () => started ?? Promise.resolve(mode.value),
    isPresenter: computed(() => !!secret.value),
    pollState: (poll: string) => computed(() => snapshot.value?.polls[poll]),
    /** Sends an answer; a refusal a retry may cure (e.g. the service restarting) is retried for a while. */
    async answer(poll: string, value: number, rating?: { confidence: number | null; track: TrackId }): Promise<void> {
      const round = snapshot.value?.polls[poll]?.round
      const r = await retrying(() => api.postAnswer(poll, value, round, rating))
      mine[poll] = { round: r.round, value, confidence: rating?.confidence ?? null }
    },
    results: (poll: string, round: number) => api.getResults(poll, round, secret.value),
    myContract,
    myGame,
    /** Issue 13: sends this viewer's final contract (the engine judges it on the service; a resubmission replaces). */
    async submitContract(track: TrackId, recipe: Recipe): Promise<Submitted> {
      const r = await retrying(() => api.postContract(track, recipe))
      myContract.value = r.mine.contract
      return r
    },
    async submitGame(track: TrackId, triesUsed: number, found: boolean): Promise<Submitted> {
      const r = await retrying(() => api.postGame(track, triesUsed, found))
      myGame.value = r.mine.game
      return r
    },
    /** The class's contracts: the presenter live, everybody after the reveal. */
    contracts: () => api.getContracts(secret.value),
    async control(action: ControlAction, poll: string): Promise<void> {
      if (!secret.value) throw new api.SessionError(401, 'enter the presenter secret first', 'bad_secret')
      await api.postControl(secret.value, action, poll)
    },
    /** Downloads rounds 1 … the current one of a poll as one CSV (presenter only): "Start over…" promises the earlier
     *  rounds stay exportable (issue 19). */
    async download(poll: string): Promise<void> {
      if (!secret.value) throw new api.SessionError(401, 'enter the presenter secret first', 'bad_secret')
      const rounds = roundsUpTo(snapshot.value?.polls[poll]?.round ?? 1)
      const csvs = await Promise.all(rounds.map(async (r) => (await api.exportCsv(secret.value!, poll, r)).text()))
      downloadBlob(exportName(poll, rounds), new Blob([mergeRoundCsvs(csvs)], { type: 'text/csv;charset=utf-8' }))
    },
    async goto(slide: number, clicks: number, tab?: string): Promise<void> {
      if (secret.value) await api.postGoto(secret.value, slide, clicks, tab)
    },
    /** Checks the secret with the server, then keeps it in this tab only. */
    async login(candidate: string): Promise<void> {
      await api.checkSecret(candidate)
      secret.value = candidate
    },
    logout(): void {
      secret.value = null
    },
  }
}
