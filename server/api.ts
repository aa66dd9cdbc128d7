// The class-session API's shared vocabulary: what the service sends and the deck reads (ARCHITECTURE §4), in one
// module both sides import. Types, constants and the room code's two pure helpers only: no Node, no SQLite, so the browser build can import it
// (ESLint lets client code import this module and nothing else under server/).
import type { Recipe, TrackId } from '../engine/index.ts'

export type Phase = 'open' | 'locked' | 'revealed'

/** One poll's current round as everyone may see it: its number, its phase and how many answered (never who).
 *  `version` changes with every change of the poll (an answer, a resubmission, a phase, a reset, a new round): views
 *  refetch on a change of version, never of count, which a resubmission leaves as it was (issue 19). */
export interface PollState { round: number; phase: Phase; count: number; version: number }

/** Where the presenter is. `leader`: the presenter tab that published last (an opaque id the presenter's own tabs
 *  choose), or null. */
export interface PresenterPos { slide: number; clicks: number; seq: number; leader: string | null }

/** How sure a student was of a prediction (issue 22), optional and locked with the answer: stored as its index. */
export const CONFIDENCE_LEVELS = ['guess', 'fairly sure', 'sure'] as const
/** An answer as the room's calibration reads it: its value, how sure, on which track (null when not said); no voter. */
export interface RatedAnswer { value: number; confidence: number | null; track: TrackId | null }

/** What a class may see of one round after the reveal: counts only, no voter ids. */
export interface Distribution {
  poll: string
  round: number
  kind: 'choice' | 'number'
  count: number
  /** choice: answers per option index */
  counts?: number[]
  /** number: histogram over the poll's range (edges has bins + 1 entries) and the median */
  histogram?: { edges: number[]; counts: number[] }
  /** number: every answer, sorted (no voter ids), so each viewer can bin them around the answers and their own key */
  values?: number[]
  median?: number | null
  unit?: string
  /** every answer with its confidence and track (issue 22), ordered by value, then confidence, then track (never by
   *  time or voter), so the room's calibration can be read against each track's key */
  rated?: RatedAnswer[]
}

/** The poll name under which the presenter opens, closes and reveals the class's contracts (issue 13). */
export const CONTRACTS_POLL = 'contracts'

export interface ContractRow { track: TrackId; recipe: Recipe }
export interface GameRow { track: TrackId; triesUsed: number; found: boolean }
/** Per track: how many sent a result; `found[n-1]` = found the window on try n; `notFound` = ran out of tries. */
export interface GameCounts { count: number; found: number[]; notFound: number }

/** The class's contracts and game results, counted (the recipes themselves are behind the reveal). `version` changes
 *  with every contract, game result (resubmissions included) and phase change: the views refetch on it (issue 19). */
export interface ContractsState { phase: Phase; count: number; games: number; version: number }

/** What a class may see of the contracts: recipes and counts, never identities. */
export interface ContractsView {
  phase: Phase
  contracts: ContractRow[]
  games: Partial<Record<TrackId, GameCounts>>
  maxTries: number
}

/** GET state and every event on the stream; `mine`, `myContract` and `myGame` only for a browser with an identity. */
export interface Snapshot {
  /** the room's code (issue 20): the presenter view shows it with its QR code */
  room: string
  polls: Record<string, PollState>
  presenter: PresenterPos
  contracts: ContractsState
  mine?: Record<string, number | null>
  myContract?: ContractRow | null
  myGame?: GameRow | null
}

/** What the service answers to a stored contract or game result. */
export interface Submitted {
  ok: true
  replaced: boolean
  contracts: number
  games: number
  mine: { contract: ContractRow | null; game: GameRow | null }
}

/** What the presenter may do to a poll (the service's schema is built from this list). */
export const CONTROL_ACTIONS = ['open', 'lock', 'reveal', 'reset', 'newRound'] as const
export type ControlAction = typeof CONTROL_ACTIONS[number]

/** A room's code (issue 20): six digits, read aloud and typed on a phone's number pad without ambiguity. */
export const ROOM_CODE = /^[0-9]{6}$/
/** What a person typed or a link carried (`482 913`, `482-913`) as a code, or null when it cannot be one. */
export function normalizeRoomCode(typed: string): string | null {
  const c = typed.replace(/[\s-]/g, '')
  return ROOM_CODE.test(c) ? c : null
}
/** A code as shown in large type and read aloud: `482 913`. */
export const spacedRoomCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`
