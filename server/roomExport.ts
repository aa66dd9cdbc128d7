// The operator's export of one room (issue 20 item 2): every poll's rounds with their phases and answer values, the
// class's contracts and game results, as one JSON document. No voter identity leaves the service: each voter becomes
// `s1`, `s2`, … numbered in the order they first appear in this export, so one student's rows can be grouped (their
// prediction beside their contract) but nothing links a pseudonym to a cookie, or to the same student in another room.
import { CONTRACTS_POLL, ROOM_EXPORT_FORMAT, type RoomExport } from './api.ts'
import type { PollDefs } from './polls.ts'
import type { RoomDump } from './store.ts'

export function roomExport(dump: RoomDump, polls: PollDefs, isDefault: boolean, now: number): RoomExport {
  const names = new Map<string, string>()
  const student = (voter: string) => {
    let s = names.get(voter)
    if (s === undefined) names.set(voter, s = `s${names.size + 1}`)
    return s
  }
  const out: RoomExport = {
    format: ROOM_EXPORT_FORMAT,
    exportedAt: new Date(now).toISOString(),
    room: { code: dump.room.code, createdAt: dump.room.createdAt, closedAt: dump.room.closedAt, default: isDefault },
    students: 0,
    polls: {},
    contracts: { phase: null, contracts: [], games: [] },
  }
  for (const { poll, round, phase } of dump.rounds) {
    if (poll === CONTRACTS_POLL) { out.contracts.phase = phase; continue } // the contracts' current round is the last
    const p = (out.polls[poll] ??= { definition: Object.hasOwn(polls, poll) ? polls[poll] : null, rounds: [] })
    p.rounds.push({ round, phase, answers: [] })
  }
  for (const a of dump.answers) {
    const r = out.polls[a.poll]?.rounds.find((x) => x.round === a.round)
    r?.answers.push({ student: student(a.voter), value: a.value, updatedAt: a.updatedAt })
  }
  out.contracts.contracts = dump.contracts.map(({ voter, track, recipe, updatedAt }) => ({ student: student(voter), track, recipe, updatedAt }))
  out.contracts.games = dump.games.map(({ voter, track, triesUsed, found, updatedAt }) => ({ student: student(voter), track, triesUsed, found, updatedAt }))
  out.students = names.size
  return out
}
