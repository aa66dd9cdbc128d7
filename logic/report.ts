// The instructor's report of one room (issue 22 #4): per lock every track's key (the engine's) and the class's
// distribution; per track the part-2 game results and the contracts, each recomputed by the engine and marked when it is
// on the track's Pareto frontier (no frontier recipe dominates it). Built from what the service's presenter endpoints
// give (results, contracts): counts and recipes, never identities. Pure (tested); exported as JSON and one HTML page.
import { dominates, GAME_MAX_TRIES, LOCKS, lockAnswer, paretoFrontier, TRACK_IDS, TRACKS, shareText } from '../engine'
import type { LockId, TrackId } from '../engine'
import type { ContractsView, Distribution, Phase } from '../server/api'
import { classFrontier, gameCaption, gameRooms, KIND_LABEL } from './classFrontier'
import { label } from './lockGap'
import { binsAround } from './lockBins'

import { formatJoules } from './format'
import { esc, htmlPage } from './printPage'
import { calibration, confidentWrongText, isRight, levelsText } from './calibration'

export interface ReportLockInput { id: LockId; round: number; phase: Phase; dist: Distribution | null }
export interface ReportInput { room: string; locks: ReportLockInput[]; contracts: ContractsView | null; generatedAt: string }

export interface ReportRow { label: string; n: number; share: string }
export interface ReportLock {
  id: LockId
  question: string
  round: number
  phase: Phase
  count: number
  /** every track's key: the room is on mixed tracks */
  keys: { track: TrackId; name: string; key: string }[]
  /** options with their counts (choice), or the answers binned around the keys (number) */
  rows: ReportRow[]
  median: string | null
  /** per track answered (from the answers that said their track, issue 22), then the whole room: how many answered, how
   *  many were right for their own track, by confidence, and confident-and-wrong */
  calibration: { track: TrackId | null; name: string; answers: number; right: string; levels: string | null; confidentWrong: string | null }[]
}
export interface ReportTrack {
  track: TrackId
  name: string
  game: string
  contracts: { recipe: string; kind: string; inSpec: boolean; onFrontier: boolean; energy: string; students: number }[]
}
export interface Report { room: string; generatedAt: string; locks: ReportLock[]; tracks: ReportTrack[]; refused: number }

function lockRows(id: LockId, dist: Distribution | null): ReportRow[] {
  if (!dist || dist.count === 0) return []
  const share = (n: number) => shareText(n / dist.count)
  if (dist.kind === 'choice') return (LOCKS[id].options ?? []).map((o, i) => ({ label: o, n: dist.counts?.[i] ?? 0, share: share(dist.counts?.[i] ?? 0) }))
  // binsAround's grid over the answers and every track's key (the room is on mixed tracks), counting the answers only
  const keys = TRACK_IDS.map((t) => lockAnswer(t, id).value)
  const lo = Math.min(...keys), hi = Math.max(...keys)
  const values = dist.values ?? []
  const grid = binsAround([...values, lo, hi], lo, null, LOCKS[id].range?.step ?? 0)
  return grid.map((b, i) => {
    const last = i === grid.length - 1
    const n = values.filter((v) => v >= b.from && (v < b.to || (last && v <= b.to))).length
    return { label: `${b.label} ${LOCKS[id].range?.unit ?? ''}`.trim(), n, share: share(n) }
  })
}

function calibrationRows(id: LockId, dist: Distribution | null): ReportLock['calibration'] {
  const rated = (dist?.rated ?? []).filter((a) => a.track !== null)
  if (rated.length === 0) return []
  const row = (track: TrackId | null) => {
    const mine = rated.filter((a) => track === null || a.track === track)
    const right = mine.filter((a) => isRight(id, a.track!, a.value)).length
    const c = calibration(id, mine)
    return {
      track, name: track ? TRACKS[track].name : 'Whole room (each against its track)', answers: mine.length,
      right: `${right} (${shareText(right / mine.length)})`, levels: levelsText(c), confidentWrong: confidentWrongText(c),
    }
  }
  return [...TRACK_IDS.filter((t) => rated.some((a) => a.track === t)).map(row), row(null)]
}

export function buildReport(input: ReportInput): Report {
  const locks = input.locks.map(({ id, round, phase, dist }): ReportLock => ({
    id, question: LOCKS[id].question, round, phase, count: dist?.count ?? 0,
    keys: TRACK_IDS.map((t) => ({ track: t, name: TRACKS[t].name, key: label(LOCKS[id], lockAnswer(t, id).value) })),
    rows: lockRows(id, dist),
    median: dist?.median == null ? null : label(LOCKS[id], dist.median),
    calibration: calibrationRows(id, dist),
  }))
  const seen = input.contracts
  const frontier = classFrontier(seen?.contracts ?? [])
  const games = gameRooms(seen?.games ?? {}, seen?.maxTries ?? GAME_MAX_TRIES, frontier.rooms.map((r) => r.track))
  const tracks = TRACK_IDS.filter((t) => games.some((g) => g.track === t)).map((track): ReportTrack => {
    const room = frontier.rooms.find((r) => r.track === track)
    const best = paretoFrontier(track)
    return {
      track, name: TRACKS[track].name,
      game: gameCaption(games.find((g) => g.track === track)!, TRACKS[track].name),
      contracts: (room?.points ?? [])
        .map((p) => ({
          recipe: p.label, kind: KIND_LABEL[p.kind], inSpec: p.inSpec, students: p.students,
          onFrontier: !best.some((f) => dominates(f.evaluation, p.evaluation)),
          energy: formatJoules(p.evaluation.energyPerInferenceJ), joules: p.evaluation.energyPerInferenceJ,
        }))
        .sort((a, b) => a.joules - b.joules)
        .map(({ joules: _, ...c }) => c),
    }
  })
  return { room: input.room, generatedAt: input.generatedAt, locks, tracks, refused: frontier.refused }
}

export const reportToJson = (r: Report): string => JSON.stringify(r, null, 2) + '\n'

export function reportToHtml(r: Report): string {
  const lock = (l: ReportLock) => [
    `<h3>${esc(l.question)}</h3>`,
    `<p class="muted">Round ${l.round} · ${esc(l.phase)} · ${l.count} ${l.count === 1 ? 'answer' : 'answers'}${l.median ? ` · median ${esc(l.median)}` : ''}</p>`,
    `<p>Keys: ${l.keys.map((k) => `${esc(k.name)} <span class="key">${esc(k.key)}</span>`).join(' · ')}</p>`,
    l.rows.length
      ? `<table><thead><tr><th scope="col">Answer</th><th scope="col">Students</th><th scope="col">Share</th></tr></thead><tbody>${
        l.rows.map((x) => `<tr><td>${esc(x.label)}</td><td>${x.n}</td><td>${esc(x.share)}</td></tr>`).join('')}</tbody></table>`
      : '<p>No answers in this round.</p>',
    ...(l.calibration.length
      ? [`<table><thead><tr><th scope="col">Track</th><th scope="col">Answers</th><th scope="col">Right for the track</th><th scope="col">By confidence</th><th scope="col">Confident and wrong</th></tr></thead><tbody>${
          l.calibration.map((c) => `<tr><td>${esc(c.name)}</td><td>${c.answers}</td><td>${esc(c.right)}</td><td>${esc(c.levels ?? '—')}</td><td>${esc(c.confidentWrong ?? '—')}</td></tr>`).join('')}</tbody></table>`]
      : []),
  ].join('\n')
  const track = (t: ReportTrack) => [
    `<h3>${esc(t.name)}</h3>`,
    `<p>Part 2: ${esc(t.game)}.</p>`,
    t.contracts.length
      ? `<table><thead><tr><th scope="col">Contract</th><th scope="col">Kind</th><th scope="col">In spec</th><th scope="col">On the frontier</th><th scope="col">Energy / inference</th><th scope="col">Students</th></tr></thead><tbody>${
        t.contracts.map((c) => `<tr><td>${esc(c.recipe)}</td><td>${esc(c.kind)}</td><td>${c.inSpec ? 'yes' : 'no'}</td><td>${c.onFrontier ? 'yes' : 'no'}</td><td>${esc(c.energy)}</td><td>${c.students}</td></tr>`).join('')}</tbody></table>`
      : '<p>No contracts on this track.</p>',
  ].join('\n')
  const body = [
    `<h1>The Silicon Contract — instructor's report, room ${esc(r.room)}</h1>`,
    `<p class="muted">Generated ${esc(r.generatedAt)}. Counts and recipes only: no student identities. Keys and figures are the deck engine's model.</p>`,
    '<h2>Prediction locks</h2>', ...r.locks.map(lock),
    '<h2>Part 2 and the contracts, per track</h2>', ...(r.tracks.length ? r.tracks.map(track) : ['<p>No contracts or game results in.</p>']),
    ...(r.refused ? [`<p class="muted">${r.refused} stored contract(s) the engine refuses were left out.</p>`] : []),
  ]
  return htmlPage(`Instructor's report — room ${r.room}`, body.join('\n'))
}
