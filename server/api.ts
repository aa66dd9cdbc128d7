// The class-session API's contract (ARCHITECTURE §4), in one module both sides import: the paths, the request and
// reply schemas (zod) with their types inferred from them, and the error codes. The service validates every request
// with these schemas and types its replies by them; the deck (composables/sessionApi.ts) builds its requests typed by
// them and parses the replies with them. No Node, no SQLite, so the browser build can import it (ESLint lets client
// code import this module and nothing else under server/).
import { z } from 'zod'
import { GAME_MAX_TRIES, isTrackId } from '../engine/index.ts'
import type { LockDefinition, Recipe, TrackId } from '../engine/index.ts'

// ---- paths ----------------------------------------------------------------------------------------------------------

export const API_PREFIX = '/api/session/'
/** Paths of one room: `/api/session/rooms/<code>/<endpoint>`; `/api/session/<endpoint>` is the service's default room. */
export const ROOMS_PREFIX = `${API_PREFIX}rooms/`
/** The static build ships this file as `{live:false}`; where the service runs, it answers `{live:true}`. */
export const LIVE_PROBE = '/session-live.json'
/** The last live class, baked into the build for a recorded lecture (schema: Baked). */
export const BAKED_RESULTS = '/baked-results.json'

/** Where a room's endpoints live (null: the default room), e.g. `/api/session/rooms/482913/`. */
export const roomPrefix = (room: string | null) => (room === null ? API_PREFIX : `${ROOMS_PREFIX}${room}/`)
/** The path of one endpoint of a room (null: the default room). */
export const endpointPath = (endpoint: Endpoint, room: string | null) => `${roomPrefix(room)}${endpoint}`

/** Which room (its code as typed: the service judges it) and which endpoint a path under API_PREFIX names. */
/** A path segment as typed; a malformed escape (`%E0`) stays as it came, to be refused as no room code (400), not a 500. */
export function decodePathSegment(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

export function parseEndpointPath(pathname: string): { room: string | null; endpoint: string } {
  if (!pathname.startsWith(ROOMS_PREFIX)) return { room: null, endpoint: pathname.slice(API_PREFIX.length) }
  const rest = pathname.slice(ROOMS_PREFIX.length)
  const slash = rest.indexOf('/')
  return { room: decodePathSegment(slash < 0 ? rest : rest.slice(0, slash)), endpoint: slash < 0 ? '' : rest.slice(slash + 1) }
}

// ---- vocabulary -----------------------------------------------------------------------------------------------------

export const Phase = z.enum(['open', 'locked', 'revealed'])
export type Phase = z.infer<typeof Phase>

/** How sure a student was of a prediction (issue 22), optional and locked with the answer: stored as its index. */
export const CONFIDENCE_LEVELS = ['guess', 'fairly sure', 'sure'] as const

/** What the presenter may do to a poll. */
export const CONTROL_ACTIONS = ['open', 'lock', 'reveal', 'reset', 'newRound'] as const
export type ControlAction = typeof CONTROL_ACTIONS[number]
/** The actions that set a phase, and the phase each sets (reset and newRound start a round over instead). */
export const ACTION_PHASE = { open: 'open', lock: 'locked', reveal: 'revealed' } as const satisfies Partial<Record<ControlAction, Phase>>
export type PhaseAction = keyof typeof ACTION_PHASE
export const setsPhase = (action: ControlAction): action is PhaseAction => Object.hasOwn(ACTION_PHASE, action)

/** The poll name under which the presenter opens, closes and reveals the class's contracts (issue 13). */
export const CONTRACTS_POLL = 'contracts'

/** A room's code (issue 20): six digits, read aloud and typed on a phone's number pad without ambiguity. */
export const ROOM_CODE = /^[0-9]{6}$/
/** What a person typed or a link carried (`482 913`, `482-913`) as a code, or null when it cannot be one. */
export function normalizeRoomCode(typed: string): string | null {
  const c = typed.replace(/[\s-]/g, '')
  return ROOM_CODE.test(c) ? c : null
}
/** A code as shown in large type and read aloud: `482 913`. */
export const spacedRoomCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`

// ---- links into a room: what the printed URLs, the QR code, /join and /operator hand out ---------------------------

/** The query key of a link that puts the deck in a room, `/?room=482913` (the deck keeps the room for the tab). */
export const ROOM_QUERY = 'room'
/** The page where a code is typed (public/join.html), and the query key of a link that fills it in: `/join?code=482913`. */
export const JOIN_PAGE = 'join'
export const JOIN_QUERY = 'code'
/** Slidev's presenter view, from the first slide: where a room's presenter drives the class. */
export const PRESENTER_PAGE = 'presenter/1'
// The links from the deck's root (its origin and base, ending in '/', e.g. `http://10.0.0.2:3030/`); `code` is a room's
// code as normalizeRoomCode gives it (six digits: nothing to escape).
/** Where a room's students go (the QR code's link). */
export const studentLink = (root: string, code: string) => `${root}?${ROOM_QUERY}=${code}`
/** Where a room's presenter drives the class from. */
export const presenterLink = (root: string, code: string) => `${root}${PRESENTER_PAGE}?${ROOM_QUERY}=${code}`
/** Where a code is typed by hand. */
export const joinLink = (root: string) => `${root}${JOIN_PAGE}`

const Track = z.custom<TrackId>(isTrackId, 'unknown track')
/** A recipe as the service stores it: the engine's clean copy (the engine judged it on the way in). */
/** A recipe's shape only: what its values may be is the engine's to judge (validateRecipe), wherever it is read. */
export const StoredRecipe = z.custom<Recipe>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'recipe must be an object')

// ---- requests (every body a strict object: unknown fields are refused, not ignored) ---------------------------------

export const pollId = z.string().min(1).max(64).regex(/^[a-z0-9_-]+$/i, 'poll must be a short identifier')
// The voter is not in a body: it is the identity the service issued (server/identity.ts), read from its cookie.
export const AnswerBody = z.strictObject({
  poll: pollId,
  value: z.number(),
  /** optional: the round the client saw; a stale round is refused so an old tab cannot vote into a new round */
  round: z.int().min(1).optional(),
  /** optional (issue 22): how sure, an index into CONFIDENCE_LEVELS, and the viewer's track, which the room's
   *  calibration reads each answer against (each track has its own key) */
  confidence: z.int().min(0).max(CONFIDENCE_LEVELS.length - 1).nullable().optional(),
  track: Track.nullable().optional(),
})
export type AnswerBody = z.infer<typeof AnswerBody>

// Issue 13. The recipe's fields are the engine's to judge (validateRecipe, whose message the student sees): the schema
// only bounds the shape. A game result is bounded by the engine's ten tries (GAME_MAX_TRIES).
export const ContractBody = z.strictObject({
  track: z.unknown(),
  recipe: z.unknown(),
})
export type ContractBody = z.infer<typeof ContractBody>
export const GameBody = z.strictObject({
  track: z.string().max(32),
  triesUsed: z.int().min(1).max(GAME_MAX_TRIES),
  found: z.boolean(),
})
export type GameBody = z.infer<typeof GameBody>

export const ControlBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(CONTROL_ACTIONS), poll: pollId }),
  z.strictObject({
    action: z.literal('goto'), slide: z.int().min(1).max(10000), clicks: z.int().min(0).max(1000),
    /** the presenter tab that leads (its own random id); the presenter's tabs take turns, the service only records it */
    tab: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'tab must be 4-64 characters of A-Z a-z 0-9 _ -').optional(),
  }),
])
export type ControlBody = z.infer<typeof ControlBody>

/** `results` and `export` take their parameters in the query string (all text, hence the coercion). */
export const ResultsQuery = z.strictObject({
  poll: pollId,
  round: z.coerce.number().int().min(1).optional(),
  format: z.enum(['json', 'csv']).optional(),
})
export type ResultsQuery = z.infer<typeof ResultsQuery>

// ---- replies (plain objects: a reply may gain a field without breaking an older deck) ----------------------------

/** One poll's current round as everyone may see it: its number, its phase and how many answered (never who).
 *  `version` changes with every change of the poll (an answer, a resubmission, a phase, a reset, a new round): views
 *  refetch on a change of version, never of count, which a resubmission leaves as it was (issue 19). */
export const PollState = z.object({ round: z.int(), phase: Phase, count: z.int(), version: z.number() })
export type PollState = z.infer<typeof PollState>

/** Where the presenter is. `leader`: the presenter tab that published last (an opaque id the presenter's own tabs
 *  choose), or null. */
export const PresenterPos = z.object({ slide: z.int(), clicks: z.int(), seq: z.number(), leader: z.string().nullable() })
export type PresenterPos = z.infer<typeof PresenterPos>

/** An answer as the room's calibration reads it: its value, how sure, on which track (null when not said); no voter. */
export const RatedAnswer = z.object({ value: z.number(), confidence: z.int().nullable(), track: Track.nullable() })
export type RatedAnswer = z.infer<typeof RatedAnswer>

/** What a class may see of one round after the reveal: counts only, no voter ids. */
export const Distribution = z.object({
  poll: z.string(),
  round: z.int(),
  kind: z.enum(['choice', 'number']),
  count: z.int(),
  /** choice: answers per option index */
  counts: z.array(z.int()).optional(),
  /** number: histogram over the poll's range (edges has bins + 1 entries) and the median */
  histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.int()) }).optional(),
  /** number: every answer, sorted (no voter ids), so each viewer can bin them around the answers and their own key */
  values: z.array(z.number()).optional(),
  median: z.number().nullable().optional(),
  unit: z.string().optional(),
  /** every answer with its confidence and track (issue 22), ordered by value, then confidence, then track (never by
   *  time or voter), so the room's calibration can be read against each track's key */
  rated: z.array(RatedAnswer).optional(),
})
export type Distribution = z.infer<typeof Distribution>

export const ContractRow = z.object({ track: Track, recipe: StoredRecipe })
export type ContractRow = z.infer<typeof ContractRow>
export const GameRow = z.object({ track: Track, triesUsed: z.int(), found: z.boolean() })
export type GameRow = z.infer<typeof GameRow>
/** Per track: how many sent a result; `found[n-1]` = found the window on try n; `notFound` = ran out of tries. */
export const GameCounts = z.object({ count: z.int(), found: z.array(z.int()), notFound: z.int() })
export type GameCounts = z.infer<typeof GameCounts>

/** The class's contracts and game results, counted (the recipes themselves are behind the reveal). `version` changes
 *  with every contract, game result (resubmissions included) and phase change: the views refetch on it (issue 19). */
export const ContractsState = z.object({ phase: Phase, count: z.int(), games: z.int(), version: z.number() })
export type ContractsState = z.infer<typeof ContractsState>

/** What a class may see of the contracts: recipes and counts, never identities. */
export const ContractsView = z.object({
  phase: Phase,
  contracts: z.array(ContractRow),
  games: z.partialRecord(Track, GameCounts),
  maxTries: z.int(),
})
export type ContractsView = z.infer<typeof ContractsView>

/** `public/baked-results.json` (BAKED_RESULTS): the last live class as `npm run bake-results` writes it (server/bake.ts)
 *  and a build without the service shows it, counts and recipes only; `bakedAt` is null in a build never baked. */
export const Baked = z.object({
  bakedAt: z.string().nullable(),
  polls: z.record(z.string(), Distribution),
  contracts: ContractsView.omit({ phase: true }).optional(),
})
export type Baked = z.infer<typeof Baked>

/** GET state and every event on the stream; `mine`, `myContract` and `myGame` only for a browser with an identity. */
export const Snapshot = z.object({
  /** the room's code (issue 20): the presenter view shows it with its QR code */
  room: z.string(),
  polls: z.record(z.string(), PollState),
  presenter: PresenterPos,
  contracts: ContractsState,
  mine: z.record(z.string(), z.number().nullable()).optional(),
  /** how sure this browser said it was of its answer, per poll (issue 22): another device of the same viewer shows it */
  myConfidence: z.record(z.string(), z.int().nullable()).optional(),
  myContract: ContractRow.nullable().optional(),
  myGame: GameRow.nullable().optional(),
})
export type Snapshot = z.infer<typeof Snapshot>

/** What the service answers to a stored contract or game result. */
export const Submitted = z.object({
  ok: z.literal(true),
  replaced: z.boolean(),
  contracts: z.int(),
  games: z.int(),
  mine: z.object({ contract: ContractRow.nullable(), game: GameRow.nullable() }),
})
export type Submitted = z.infer<typeof Submitted>

export const IdentityReply = z.object({ ok: z.literal(true), issued: z.boolean() })
export const AuthReply = z.object({ presenter: z.literal(true) })
export const AnswerReply = z.object({ ok: z.literal(true), poll: z.string(), round: z.int(), value: z.number(), count: z.int() })
export type AnswerReply = z.infer<typeof AnswerReply>
/** A poll's control answers its new state (the contracts': their phase and counts), a `goto` the presenter's position. */
export const ControlReply = z.object({
  ok: z.literal(true),
  state: z.union([
    PollState.extend({ poll: z.string() }),
    z.object({ poll: z.literal(CONTRACTS_POLL), phase: Phase, contracts: z.int(), games: z.int() }),
  ]).optional(),
  presenter: PresenterPos.optional(),
})
export type ControlReply = z.infer<typeof ControlReply>
export const ResultsReply = Distribution.extend({ phase: Phase })
export type ResultsReply = z.infer<typeof ResultsReply>

// ---- the endpoints: one table for the service's router and the deck's client ----------------------------------------

/** Each endpoint of a room: its method, what it takes (a JSON body or a query) and what it answers. `events` is a
 *  server-sent event stream whose `state` events carry a Snapshot; `export` answers CSV or JSON rows with voter ids. */
export const ENDPOINTS = {
  identity: { method: 'GET', reply: IdentityReply },
  state: { method: 'GET', reply: Snapshot },
  events: { method: 'GET' },
  auth: { method: 'GET', reply: AuthReply },
  answer: { method: 'POST', body: AnswerBody, reply: AnswerReply },
  contract: { method: 'POST', body: ContractBody, reply: Submitted },
  game: { method: 'POST', body: GameBody, reply: Submitted },
  contracts: { method: 'GET', reply: ContractsView },
  control: { method: 'POST', body: ControlBody, reply: ControlReply },
  results: { method: 'GET', query: ResultsQuery, reply: ResultsReply },
  export: { method: 'GET', query: ResultsQuery },
} as const satisfies Record<string, { method: 'GET' | 'POST'; body?: z.ZodType; query?: z.ZodType; reply?: z.ZodType }>
export type Endpoint = keyof typeof ENDPOINTS
export const isEndpoint = (name: string): name is Endpoint => Object.hasOwn(ENDPOINTS, name)

// ---- the operator's endpoints (issue 20 item 2): rooms on a service started with OPERATOR_TOKEN ----------------------

/** A room as the operator's list shows it: its code and dates (ms since the epoch), never its secret or its hash. */
export const RoomListing = z.object({ code: z.string().regex(ROOM_CODE), createdAt: z.number(), closedAt: z.number().nullable(), default: z.boolean() })
export type RoomListing = z.infer<typeof RoomListing>
export const RoomList = z.object({
  rooms: z.array(RoomListing),
  /** the expiry rule in force (server/expiry.ts): its days (null: never) and the rule in words */
  expiry: z.object({ idleDays: z.number().nullable(), deleteDays: z.number().nullable(), rule: z.string() }),
})
export type RoomList = z.infer<typeof RoomList>
/** A new room. Its presenter secret is in this reply and nowhere else (the service stores its SHA-256 only). */
export const RoomCreated = z.object({ code: z.string().regex(ROOM_CODE), secret: z.string().min(1), createdAt: z.number() })
export type RoomCreated = z.infer<typeof RoomCreated>
export const RoomClosed = z.object({ ok: z.literal(true), code: z.string().regex(ROOM_CODE), closed: z.literal(true) })
export type RoomClosed = z.infer<typeof RoomClosed>

export const ROOM_EXPORT_FORMAT = 'silicon-contract/room-export/1'
/** Rows as a room's export has them: the voter replaced by a pseudonym of this export (`s1`, `s2`, …), with its time. */
const Pseudonymous = { student: z.string(), updatedAt: z.number() }
/** One room's whole class (server/roomExport.ts writes it): every poll's rounds with their phases and answers, the
 *  contracts and game results; no voter id and no secret. */
export const RoomExport = z.object({
  format: z.literal(ROOM_EXPORT_FORMAT),
  exportedAt: z.string(),
  room: RoomListing,
  /** how many pseudonyms the export uses (students who answered, sent a contract or a game result) */
  students: z.int(),
  /** per poll (the polls the room ever opened): its definition when the service knows it, and every round */
  polls: z.record(z.string(), z.object({
    definition: z.custom<LockDefinition>((v) => typeof v === 'object' && v !== null, 'a poll definition is an object').nullable(),
    rounds: z.array(z.object({ round: z.int(), phase: Phase, answers: z.array(z.object({ value: z.number(), ...Pseudonymous })) })),
  })),
  contracts: z.object({
    phase: Phase.nullable(),
    contracts: z.array(ContractRow.extend(Pseudonymous)),
    games: z.array(GameRow.extend(Pseudonymous)),
  }),
})
export type RoomExport = z.infer<typeof RoomExport>

/** Where an operator endpoint lives: the rooms (`/api/session/rooms`), one room (`…/rooms/<code>`), or one room's whole
 *  export (`…/rooms/<code>/export`). */
export type OperatorPlace = 'rooms' | 'room' | 'room export'
/** The operator's endpoints, each with its method, its place and its reply (none takes a body or a query). Every one
 *  needs the service's OPERATOR_TOKEN as the bearer. A whole room's export takes no query: `…/rooms/<code>/export?poll=…`
 *  is the presenter's one-poll export (ENDPOINTS.export), and a place's other methods are the room's own paths. */
export const OPERATOR_ENDPOINTS = {
  listRooms: { method: 'GET', place: 'rooms', reply: RoomList },
  createRoom: { method: 'POST', place: 'rooms', reply: RoomCreated },
  closeRoom: { method: 'DELETE', place: 'room', reply: RoomClosed },
  exportRoom: { method: 'GET', place: 'room export', reply: RoomExport },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'DELETE'; place: OperatorPlace; reply: z.ZodType }>
export type OperatorEndpoint = keyof typeof OPERATOR_ENDPOINTS
export type OperatorReply<E extends OperatorEndpoint> = z.infer<(typeof OPERATOR_ENDPOINTS)[E]['reply']>
/** What an operator endpoint's path takes: the room's code, for those that act on one room. */
export type OperatorPathArgs<E extends OperatorEndpoint> = (typeof OPERATOR_ENDPOINTS)[E]['place'] extends 'rooms' ? [] : [code: string]

/** The path of an operator endpoint, e.g. `/api/session/rooms/482913/export` (the code as typed, escaped). */
export function operatorPath<E extends OperatorEndpoint>(endpoint: E, ...[code]: OperatorPathArgs<E>): string {
  const place: OperatorPlace = OPERATOR_ENDPOINTS[endpoint].place
  if (place === 'rooms') return ROOMS_PREFIX.slice(0, -1)
  const room = `${ROOMS_PREFIX}${encodeURIComponent(code ?? '')}`
  return place === 'room' ? room : `${room}/export`
}

/** Which operator endpoint a request names, by its path's place and its method (null: none of that place has the
 *  method), with the code as typed (the service judges it); null when the path is no operator place. A whole room's
 *  export takes no query: with `poll` in the query it is the presenter's one-poll export, a room's own endpoint. */
export function parseOperatorPath(method: string, pathname: string, query: URLSearchParams):
  { place: OperatorPlace; endpoint: OperatorEndpoint | null; code: string | null } | null {
  if (!`${pathname}/`.startsWith(ROOMS_PREFIX)) return null
  const rest = pathname.slice(ROOMS_PREFIX.length - 1) // '' | '/' | '/<code>' | '/<code>/export', each with or without a final '/'
  const room = /^\/([^/]+)(\/export)?\/?$/.exec(rest)
  const place: OperatorPlace | null = rest === '' || rest === '/' ? 'rooms' : room ? (room[2] ? 'room export' : 'room') : null
  if (place === null || (place === 'room export' && query.has('poll'))) return null
  const endpoint = (Object.keys(OPERATOR_ENDPOINTS) as OperatorEndpoint[])
    .find((e) => OPERATOR_ENDPOINTS[e].place === place && OPERATOR_ENDPOINTS[e].method === method) ?? null
  return { place, endpoint, code: room ? decodePathSegment(room[1]) : null }
}

// ---- errors ---------------------------------------------------------------------------------------------------------

/** Every refusal the service gives, by code, with its HTTP status: a client switches on the code (never on the text,
 *  which is for people and may be reworded). */
export const ERROR_STATUS = {
  /** a body or query the schemas or the engine refuse (bad JSON, an unknown field, an answer out of range, a bad recipe) */
  invalid: 400,
  /** a room's code that is not six digits */
  bad_room_code: 400,
  /** what nothing may do: reset the class's contracts, close the default room */
  not_allowed: 400,
  /** an answer, contract or game result without a valid identity cookie */
  no_identity: 401,
  /** the presenter secret (or the operator token) missing or wrong */
  bad_secret: 401,
  /** results or contracts before the reveal */
  hidden: 403,
  /** no such endpoint, poll or round, or no operator token configured */
  not_found: 404,
  /** no room with that code */
  no_room: 404,
  method_not_allowed: 405,
  /** answers or contracts after the poll was locked or revealed */
  closed: 409,
  /** an answer for a round that is over */
  stale: 409,
  /** a room that was closed */
  room_closed: 410,
  too_large: 413,
  bad_content_type: 415,
  /** too many wrong secrets, new identities or open streams from one address */
  throttled: 429,
  internal: 500,
  /** too many open event streams in all */
  busy: 503,
} as const
export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]])
export type ErrorCode = z.infer<typeof ErrorCode>
/** Every 4xx and 5xx reply's body: the code to switch on and a sentence for people. */
export const ErrorReply = z.object({ error: z.string(), code: ErrorCode })
export type ErrorReply = z.infer<typeof ErrorReply>
