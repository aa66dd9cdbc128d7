// The class session's durable store (issue 20 item 3): one interface, two implementations under the same tests.
// - SQLite (server/sqliteStore.ts), the embedded default: one file in the data folder, WAL with synchronous=FULL.
// - PostgreSQL (server/pgStore.ts), the hosted store: DATABASE_URL=postgres://…, every write committed with
//   synchronous_commit=on.
// On both, a method that writes resolves only after its transaction committed durably: the service acknowledges
// an answer, a contract or a phase only after that ("acknowledged = durable", ARCHITECTURE §4).
import { randomInt } from 'node:crypto'
import type { ContractRow, GameRow, Phase, PresenterPos } from './api.ts'
export { normalizeRoomCode, ROOM_CODE } from './api.ts'

/** One voter's own answer as the service gives it back to them. */
export interface MyAnswer { value: number; confidence: number | null }

/** `version`: bumped in the transaction of every change a view shows (an answer, a resubmission, a phase, a reset,
 *  a new round), so a view refetches on a change of version, not of count (issue 19). */
export interface RoundState { poll: string; round: number; phase: Phase; count: number; version: number }
/** `confidence` and `track` (issue 22): optional; stored as null when not given. */
export interface AnswerInput { poll: string; voter: string; value: number; round?: number; confidence?: number | null; track?: string | null }
export type AnswerOutcome = { round: number } | { closed: Phase; round: number } | { stale: number }
export interface AnswerRow { poll: string; round: number; voter: string; value: number; updatedAt: number; confidence: number | null; track: string | null }
/** What storing a contract or a game result did (the handler turns it into api.Submitted, or a 409 when closed). */
export type StoreOutcome = { ok: true; replaced: boolean } | { closed: Phase }

/** A room (issue 20 item 1): one class on a service that holds many. `code` is what students type (six digits, easy
 *  to read aloud); `secretHash` is the SHA-256 (hex) of the room's presenter secret, or null for the service's default
 *  room, whose secret comes from the service's environment (CLASS_SECRET) and is never stored. */
export interface RoomInfo { code: string; secretHash: string | null; createdAt: number; closedAt: number | null }

/** Everything of one room's class: its polls and rounds, answers, presenter position, contracts and game results.
 *  Every query of an implementation carries the room's code, so nothing of one room is read or written from another. */
export interface RoomStore {
  readonly code: string

  /** The poll's current round; round 1, open, is created on first use. */
  current(poll: string): Promise<{ round: number; phase: Phase }>
  state(poll: string): Promise<RoundState>
  /** `state` of several polls at once (one query on PostgreSQL), in the order asked. */
  states(polls: string[]): Promise<RoundState[]>
  /** The version of one part of the room's state (a poll's name, or `contracts`); 0 before its first change. */
  version(part: string): Promise<number>
  /** Phase of a given round, or null if that round never existed. */
  roundPhase(poll: string, round: number): Promise<Phase | null>
  count(poll: string, round: number): Promise<number>

  /** Upsert of the voter's answer in the current round, only while open. Returns the round, or null when not open. */
  answer(poll: string, voter: string, value: number, now?: number): Promise<number | null>
  /** Group commit: many answers in one transaction, so one durable commit acknowledges them all. Each answer is
   *  checked against the poll's phase (and the round the client saw, if given) at commit time. */
  answerBatch(items: AnswerInput[], now?: number): Promise<AnswerOutcome[]>
  setPhase(poll: string, phase: Phase): Promise<void>
  /** Deletes the current round's answers and opens it again. */
  reset(poll: string): Promise<void>
  /** Starts round n+1, open; earlier rounds are kept for export. Returns n+1. */
  newRound(poll: string): Promise<number>

  values(poll: string, round: number): Promise<number[]>
  /** The voter's answer in that round, with how sure they said they were (null when not said). */
  mine(poll: string, round: number, voter: string): Promise<MyAnswer | null>
  /** Oldest first (then by voter, bytewise on both stores). */
  rows(poll: string, round: number): Promise<AnswerRow[]>
  /** Every round of a poll with its phase and number of answers, oldest first. */
  rounds(poll: string): Promise<{ round: number; phase: Phase; count: number }[]>

  presenter(): Promise<PresenterPos>
  /** Moves the presenter; `seq` is incremented in the same statement, so the newest move has the highest seq. */
  setPresenter(slide: number, clicks: number, leader?: string | null): Promise<PresenterPos>

  // The class's contracts and game results (issue 13): one row per identity in each (a resubmission replaces), their
  // phase the current round of the poll CONTRACTS_POLL; each write checks that phase in its own transaction.
  submitContract(voter: string, c: ContractRow, now?: number): Promise<StoreOutcome>
  submitGame(voter: string, g: GameRow, now?: number): Promise<StoreOutcome>
  contractCounts(): Promise<{ contracts: number; games: number }>
  /** Every contract, oldest first, recipes only (no identities). */
  contractList(): Promise<ContractRow[]>
  /** Every game result, no identities. */
  gameResults(): Promise<GameRow[]>
  myContract(voter: string): Promise<{ contract: ContractRow | null; game: GameRow | null }>
}

type RoomMethod = Exclude<keyof RoomStore, 'code'>
/** A RoomStore's methods with the room's code first: what each implementation provides. */
export type RoomScoped = { [K in RoomMethod]: (room: string, ...a: Parameters<RoomStore[K]>) => ReturnType<RoomStore[K]> }

const ROOM_METHODS: RoomMethod[] = ['current', 'state', 'states', 'version', 'roundPhase', 'count', 'answer', 'answerBatch',
  'setPhase', 'reset', 'newRound', 'values', 'mine', 'rows', 'rounds', 'presenter', 'setPresenter', 'submitContract',
  'submitGame', 'contractCounts', 'contractList', 'gameResults', 'myContract']

/** One room of a store: its methods with the code bound (the code is checked by the caller, see `SessionStore.findRoom`). */
export function bindRoom(impl: RoomScoped, code: string): RoomStore {
  const r: Record<string, unknown> = { code }
  for (const m of ROOM_METHODS) r[m] = (...a: unknown[]) => (impl[m] as (room: string, ...a: unknown[]) => unknown)(code, ...a)
  return r as unknown as RoomStore
}

export function newRoomCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/** A committed change to a room that its views show, as announced to every process sharing the store (issue 20 item 4).
 *  `kind`: `count` (answers, contracts or game results came in: pushed coalesced), `phase` (a phase, reset or new round
 *  of the poll or contracts `part`: pushed at once), `presenter` (a move: pushed at once), `closed` (the room was closed). */
export interface RoomChange { room: string; kind: 'count' | 'phase' | 'presenter' | 'closed'; part: string }
export interface ChangeListener {
  change(c: RoomChange): void
  /** the store may have missed changes (its notification connection dropped and is back): re-read every room */
  resync(): void
}

export interface SessionStore extends RoomScoped {
  readonly kind: 'sqlite' | 'postgres'
  /** Where the data is, for the operator's terminal: a folder, or a PostgreSQL host and database (never a password). */
  readonly where: string

  /** The key that signs voter identities: made once, kept in the store, so identities survive restarts. */
  identityKey(): Promise<Buffer>

  /** The room of `npm run class` (its secret from the environment): made on first use with a new code, and the room
   *  that a data folder from before rooms became (its code is kept, so links and printed codes stay valid). */
  defaultRoom(): Promise<RoomInfo>
  /** A new room with a fresh code (retried until unused). */
  createRoom(secretHash: string | null, now?: number): Promise<RoomInfo>
  findRoom(code: string): Promise<RoomInfo | null>
  /** Oldest first. */
  listRooms(): Promise<RoomInfo[]>
  /** Marks the room closed (kept for export); false when there is no such room. */
  closeRoom(code: string, now?: number): Promise<boolean>
  /** One room's class, every query scoped to its code. */
  room(code: string): RoomStore

  /** Changes committed by *other* processes over the same store, so this process can push them to its own event
   *  streams (this process's own writes are pushed by its handler at once). Resolves once listening; the result stops
   *  the calls. Only where several processes share the store (PostgreSQL: LISTEN/NOTIFY); SQLite's store belongs to one
   *  process, so it has none. */
  subscribe?(listener: ChangeListener): Promise<() => void>

  close(): Promise<void>

  // issue 20 item 2 (rest): the operator's export of a room and the expiry of old rooms
  /** Everything of one room, voter ids included (the caller replaces them before anything leaves the service), or null
   *  when there is no such room. Rounds by poll and round; answers by poll, round, time, voter; the rest by time, voter. */
  dumpRoom(code: string): Promise<RoomDump | null>
  /** Closes every open room but `keep` whose last activity (its creation, or its latest answer, contract or game result)
   *  is before `before`, with `closedAt = now`; the codes it closed. */
  closeIdleRooms(before: number, keep: string, now?: number): Promise<string[]>
  /** Deletes every row of every room but `keep` closed before `before`, the room's own row too (its code may be
   *  used again); the codes it deleted. */
  deleteClosedRooms(before: number, keep: string): Promise<string[]>
}

/** One room as stored, for the operator's export (server/roomExport.ts turns the voter ids into pseudonyms). */
export interface RoomDump {
  room: RoomInfo
  rounds: { poll: string; round: number; phase: Phase }[]
  answers: AnswerRow[]
  contracts: (ContractRow & { voter: string; updatedAt: number })[]
  games: (GameRow & { voter: string; updatedAt: number })[]
}

export interface StoreConfig {
  /** SQLite's folder (created if missing); ':memory:' only in tests that do not need durability */
  dataDir: string
  /** postgres://… or postgresql://…: the PostgreSQL store instead of SQLite */
  databaseUrl?: string
}

/** PostgreSQL when a database URL is given, else SQLite in `dataDir`. Each driver is loaded only when used. */
export async function openStore(c: StoreConfig): Promise<SessionStore> {
  if (c.databaseUrl) {
    const { PgSessionStore } = await import('./pgStore.ts')
    return PgSessionStore.open(c.databaseUrl)
  }
  const { SqliteSessionStore } = await import('./sqliteStore.ts')
  return new SqliteSessionStore(c.dataDir)
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url)
