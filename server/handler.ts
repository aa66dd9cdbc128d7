// The class-session HTTP API under /api/session/ (contract: ARCHITECTURE §4). A plain Node request handler
// that also works as connect middleware (the Slidev dev server mounts it through setup/vite-plugins.ts).
// Every bad request gets a 4xx JSON { error } and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { aggregate, rated } from './aggregate.ts'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { presentedSecret, secretMatches } from './auth.ts'
import { answerError, checkPollDefs, type PollDefs } from './polls.ts'
import { AnswerBody, ContractBody, ControlBody, GameBody, ResultsQuery, zodMessage } from './schema.ts'
import { SseHub } from './sse.ts'
import { addressOf, DEFAULT_LIMITS, Identities, PerMinute, type Limits } from './identity.ts'
import { CommitQueue } from './commitQueue.ts'
import type { RoomStore, SessionStore } from './store.ts'
import { HttpError } from './httpError.ts'
import { CONTRACTS_POLL, normalizeRoomCode, spacedRoomCode, type Snapshot, type Submitted } from './api.ts'
import { ContractStore } from './contractStore.ts'
import { checkContract, checkGame, closedMessage, contractsView } from './contracts.ts'

export const API_PREFIX = '/api/session/'
export const BODY_LIMIT = 4096
export const LIVE_PROBE = '/session-live.json'
export const GUESS_LIMIT = 20
export const GUESS_WINDOW_MS = 60_000
/** addresses whose wrong secrets are counted at once (memory stays bounded whatever a flood of addresses does) */
const GUESS_ADDRESSES = 10_000
/** open event streams per process, all rooms together */
export const MAX_STREAMS = 5000

export interface SessionOptions {
  store: SessionStore
  secret: string
  polls: PollDefs
  /** coalescing delay of count pushes over SSE, ms */
  throttleMs?: number
  /** per-address limits on new identities and open event streams */
  limits?: Partial<Limits>
  /** OPERATOR_TOKEN: whoever presents it may create, list and close rooms (`/api/session/rooms`); unset: no one may */
  operatorToken?: string
}

export type SessionHandler = ((req: IncomingMessage, res: ServerResponse, next?: () => void) => void) & {
  close(): void
  /** the code of the room served on the paths without a code (`npm run class`'s room) */
  defaultRoom: string
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
  res.end(text)
}

/** Reads a JSON body of at most BODY_LIMIT bytes. */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? ''
    if (!/^application\/json\b/i.test(type)) return reject(new HttpError(415, 'Content-Type must be application/json'))
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT)
      return reject(new HttpError(413, `body larger than ${BODY_LIMIT} bytes`))
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > BODY_LIMIT) {
        req.removeAllListeners('data')
        req.resume()
        reject(new HttpError(413, `body larger than ${BODY_LIMIT} bytes`))
      } else chunks.push(c)
    })
    req.on('error', reject)
    req.on('end', () => {
      if (size > BODY_LIMIT) return
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        reject(new HttpError(400, 'body is not valid JSON'))
      }
    })
  })
}

/** Paths of one room: `/api/session/rooms/<code>/<endpoint>`; `/api/session/<endpoint>` is the service's default room. */
export const ROOMS_PREFIX = `${API_PREFIX}rooms/`
const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
/** What a room created with `secret` stores: its SHA-256, never the secret (issue 20). */
export const roomSecretHash = sha256hex

/** One room as this process serves it: its store (every query scoped to the code), its event streams and its commits. */
interface Room {
  code: string
  /** the default room: its secret is the service's (CLASS_SECRET), its identities those of the paths without a code */
  isDefault: boolean
  store: RoomStore
  contracts: ContractStore
  hub: SseHub
  commits: CommitQueue
  snapshot(): Promise<Snapshot>
  /** the offered secret is this room's */
  secretOk(offered: string | undefined): boolean
  /** SHA-256 (hex) of the room's secret: what its presenter pass is signed over */
  secretDigest: string
}

export async function createSessionHandler(opts: SessionOptions): Promise<SessionHandler> {
  const { store, secret, polls } = opts
  if (!secret) throw new Error('a presenter secret is required')
  checkPollDefs(polls)
  const limits = { ...DEFAULT_LIMITS, ...opts.limits }
  const identities = new Identities(await store.identityKey())
  const newIdentities = new PerMinute(limits.identitiesPerMinute)
  const defaultRoom = await store.defaultRoom()

  const rooms = new Map<string, Room>()
  const openRoom = (code: string, secretHash: string | null): Room => {
    const have = rooms.get(code)
    if (have) return have
    const rs = store.room(code)
    const contracts = new ContractStore(rs)
    const snapshot = async (): Promise<Snapshot> => {
      // the contracts' phase and version are those of the poll CONTRACTS_POLL: one read with the polls
      const [states, presenter, n] = await Promise.all([rs.states([...Object.keys(polls), CONTRACTS_POLL]), rs.presenter(), contracts.counts()])
      const c = states.pop()!
      return {
        room: code,
        polls: Object.fromEntries(states.map(({ poll, round, phase, count, version }) => [poll, { round, phase, count, version }])),
        presenter,
        // issue 13: the class's contracts and game results, counts only (the recipes are behind the reveal)
        contracts: { phase: c.phase, count: n.contracts, games: n.games, version: c.version },
      }
    }
    const isDefault = code === defaultRoom.code
    const room: Room = {
      code, isDefault, store: rs, contracts, snapshot,
      hub: new SseHub(snapshot, opts.throttleMs ?? 200, 15000, MAX_STREAMS, limits.streamsPerAddress),
      commits: new CommitQueue(rs),
      secretOk: (offered) => isDefault
        ? secretMatches(secret, offered)
        : offered !== undefined && secretHash !== null && timingSafeEqual(Buffer.from(sha256hex(offered), 'hex'), Buffer.from(secretHash, 'hex')),
      secretDigest: isDefault ? sha256hex(secret) : secretHash ?? '',
    }
    rooms.set(code, room)
    return room
  }
  const home = openRoom(defaultRoom.code, null)
  const streams = () => [...rooms.values()].reduce((n, r) => n + r.hub.size, 0)

  /** The room a request is for: the default room without a code, else the room of a well-formed, existing, open code. */
  const roomOf = async (url: URL): Promise<{ room: Room; path: string }> => {
    if (!url.pathname.startsWith(ROOMS_PREFIX)) return { room: home, path: url.pathname.slice(API_PREFIX.length) }
    const rest = url.pathname.slice(ROOMS_PREFIX.length)
    const slash = rest.indexOf('/')
    const typed = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash))
    const code = normalizeRoomCode(typed)
    if (code === null) throw new HttpError(400, `"${typed.slice(0, 20)}" is not a room code: a room code is six digits, e.g. 482 913`)
    const info = await store.findRoom(code)
    if (!info) throw new HttpError(404, `no room with code ${spacedRoomCode(code)}: check the code with your presenter`)
    if (info.closedAt !== null) throw new HttpError(410, `room ${spacedRoomCode(code)} is closed`)
    return { room: openRoom(code, info.secretHash), path: slash < 0 ? '' : rest.slice(slash + 1) }
  }

  const pollDef = (poll: string) => {
    const def = Object.hasOwn(polls, poll) ? polls[poll] : undefined
    if (!def) throw new HttpError(404, `unknown poll "${poll}"`)
    return def
  }
  const parse = <T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: any } }, x: unknown): T => {
    const r = schema.safeParse(x)
    if (!r.success) throw new HttpError(400, zodMessage(r.error))
    return r.data
  }

  // guessing the secret: after GUESS_LIMIT wrong secrets from one address in GUESS_WINDOW_MS, every secret from that
  // address gets a 429, right or wrong, so a guesser learns nothing from the answer. A whole hall shares the presenter's
  // address (one NAT), so the presenter's tabs are exempt: `auth` gives a tab that presents the right secret an HttpOnly
  // pass (signed under the service's durable key), and a request carrying it is never throttled (issue 19: a student
  // could lock the presenter out). Sign in before the lecture; a tab that first types the secret during a flood waits.
  const guesses = new Map<string, { n: number; until: number }>()
  const checkGuessing = (req: IncomingMessage, room: Room, wrong = false) => {
    const offered = presentedSecret(req)
    if (offered === undefined || (!wrong && identities.hasPresenterPass(req, room.code, room.secretDigest))) return
    const ip = req.socket.remoteAddress ?? '?'
    const now = Date.now()
    const g = guesses.get(ip)
    if (g && g.until < now) guesses.delete(ip)
    const cur = guesses.get(ip)
    if (cur && cur.n >= GUESS_LIMIT) throw new HttpError(429, 'too many wrong secrets from this address; wait a minute')
    if (!wrong && room.secretOk(offered)) return
    if (guesses.size >= GUESS_ADDRESSES) {
      // bounded memory: drop the expired, and never reset the live counts (a flood of addresses must not wipe them)
      for (const [k, v] of guesses) if (v.until < now) guesses.delete(k)
      if (guesses.size >= GUESS_ADDRESSES) throw new HttpError(429, 'too many wrong secrets; wait a minute')
    }
    guesses.set(ip, { n: (cur?.n ?? 0) + 1, until: cur?.until ?? now + GUESS_WINDOW_MS })
  }

  // the operator's routes (issue 20 item 2): create a room (its secret is in this answer only, the store keeps its
  // SHA-256), list the rooms (codes and dates, never a secret's hash), close one (kept for export; its paths answer 410)
  const operatorToken = opts.operatorToken || undefined
  if (operatorToken !== undefined && operatorToken.length < 24) throw new Error('OPERATOR_TOKEN must be at least 24 characters long')
  async function operator(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const rest = url.pathname.slice(ROOMS_PREFIX.length - 1) // '' | '/' | '/<code>'
    const listing = rest === '' || rest === '/'
    if (!(listing || (req.method === 'DELETE' && /^\/[^/]+\/?$/.test(rest)))) return false
    if (operatorToken === undefined) throw new HttpError(404, 'rooms are managed with an operator token, and this service has none (set OPERATOR_TOKEN)')
    const offered = presentedSecret(req)
    if (!secretMatches(operatorToken, offered)) {
      checkGuessing(req, home, true)
      throw new HttpError(401, 'operator token missing or wrong')
    }
    if (listing && req.method === 'GET') {
      const list = (await store.listRooms()).map(({ code, createdAt, closedAt }) => ({ code, createdAt, closedAt, default: code === defaultRoom.code }))
      send(res, 200, { rooms: list })
      return true
    }
    if (listing && req.method === 'POST') {
      const secret = randomBytes(18).toString('base64url')
      const room = await store.createRoom(sha256hex(secret))
      send(res, 201, { code: room.code, secret, createdAt: room.createdAt })
      return true
    }
    if (listing) throw new HttpError(405, `${req.method} not allowed on ${url.pathname}`)
    const code = normalizeRoomCode(decodeURIComponent(rest.replace(/^\/|\/$/g, '')))
    if (code === null) throw new HttpError(400, 'a room code is six digits, e.g. 482 913')
    if (code === defaultRoom.code) throw new HttpError(400, 'the default room cannot be closed: it is the room of the paths without a code')
    if (!(await store.closeRoom(code))) throw new HttpError(404, `no room with code ${spacedRoomCode(code)}`)
    const r = rooms.get(code)
    if (r) { rooms.delete(code); r.hub.close() } // its open streams end; the decks are told 410 when they reconnect
    send(res, 200, { ok: true, code, closed: true })
    return true
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (`${url.pathname}/`.startsWith(ROOMS_PREFIX) && await operator(req, res, url)) return
    const { room, path } = await roomOf(url)
    checkGuessing(req, room)
    const { store, contracts, hub, commits, snapshot } = room
    const method = req.method ?? 'GET'
    const expect = (m: string) => { if (method !== m) throw new HttpError(405, `${method} not allowed on ${url.pathname}`) }
    const isPresenter = (r: IncomingMessage) => room.secretOk(presentedSecret(r))
    const requirePresenter = (r: IncomingMessage) => {
      if (!isPresenter(r)) throw new HttpError(401, 'presenter secret missing or wrong')
    }
    // identities are per room: a cookie signed for one room is no identity in another
    const scope = room.isDefault ? null : room.code
    const voterOf = (r: IncomingMessage) => identities.voterOf(r, scope)

    switch (path) {
      case 'identity': {
        // a browser asks once (and again if its cookie is lost): the service issues an identity it cannot forge
        expect('GET')
        if (voterOf(req)) return send(res, 200, { ok: true, issued: false })
        if (!newIdentities.take(addressOf(req))) throw new HttpError(429, 'too many new identities from this address; wait a minute')
        identities.setCookie(res, identities.issue(scope).cookie, scope)
        return send(res, 200, { ok: true, issued: true })
      }
      case 'state': {
        expect('GET')
        const voter = voterOf(req)
        const body: Snapshot = await snapshot()
        if (voter !== null) {
          body.mine = Object.fromEntries(await Promise.all(Object.entries(body.polls).map(async ([p, s]) => [p, await store.mine(p, s.round, voter)])))
          const m = await contracts.mine(voter)
          body.myContract = m.contract
          body.myGame = m.game
        }
        return send(res, 200, body)
      }
      case 'events': {
        expect('GET')
        if (streams() >= MAX_STREAMS) throw new HttpError(503, 'too many open event streams; reload in a minute')
        const added = hub.add(res, addressOf(req))
        if (added === 'address') throw new HttpError(429, 'too many open event streams from this address; close a tab or wait a minute')
        if (added === 'full') throw new HttpError(503, 'too many open event streams; reload in a minute')
        return
      }
      case 'auth':
        expect('GET')
        requirePresenter(req)
        identities.setPresenterCookie(res, room.code, room.secretDigest, scope) // the pass that keeps this tab clear of the throttle on secrets
        return send(res, 200, { presenter: true })
      case 'answer': {
        expect('POST')
        const voter = voterOf(req)
        if (!voter) throw new HttpError(401, 'no valid identity: reload the page to get one')
        const body = await readJson(req)
        const t0 = performance.now()
        const b = parse(AnswerBody, body)
        const def = pollDef(b.poll)
        const bad = answerError(def, b.value)
        if (bad) throw new HttpError(400, bad)
        const pending = commits.add({ poll: b.poll, voter, value: b.value, round: b.round, confidence: b.confidence, track: b.track })
        const parseMs = performance.now() - t0
        const { outcome: out, count, commitShareMs } = await pending
        if ('stale' in out) throw new HttpError(409, `round ${b.round} is over; the poll is in round ${out.stale}`)
        if ('closed' in out) throw new HttpError(409, `${def.title} is ${out.closed}: answers are closed`)
        const t1 = performance.now()
        const round = out.round
        hub.pushSoon()
        const reply = { ok: true, poll: b.poll, round, value: b.value, count }
        // the service's own time for this answer (W3C Server Timing), so a benchmark can tell it from its client's
        const replyMs = performance.now() - t1
        res.setHeader('Server-Timing', `parse;dur=${parseMs.toFixed(3)}, commit;dur=${commitShareMs.toFixed(3)}, reply;dur=${replyMs.toFixed(3)}, total;dur=${(parseMs + commitShareMs + replyMs).toFixed(3)}`)
        return send(res, 200, reply)
      }
      case 'contract':
      case 'game': {
        // one contract and one game result per identity, a resubmission replaces; only while the contracts are open
        expect('POST')
        const voter = voterOf(req)
        if (!voter) throw new HttpError(401, 'no valid identity: reload the page to get one')
        const json = await readJson(req)
        const out = path === 'contract'
          ? await contracts.submitContract(voter, checkContract(parse(ContractBody, json)))
          : await contracts.submitGame(voter, checkGame(parse(GameBody, json)))
        if ('closed' in out) throw new HttpError(409, closedMessage(out.closed))
        hub.pushSoon()
        const [counts, mine] = await Promise.all([contracts.counts(), contracts.mine(voter)])
        const submitted: Submitted = { ok: true, replaced: out.replaced, ...counts, mine }
        return send(res, 200, submitted)
      }
      case 'contracts': {
        // the presenter sees them live; students only after the reveal (like a poll's results)
        expect('GET')
        if (!isPresenter(req) && await contracts.phase() !== 'revealed') throw new HttpError(403, "the class's contracts are hidden until the presenter reveals them")
        return send(res, 200, await contractsView(contracts))
      }
      case 'control': {
        expect('POST')
        requirePresenter(req)
        const b = parse(ControlBody, await readJson(req))
        if (b.action !== 'goto' && b.poll === CONTRACTS_POLL) {
          if (b.action === 'reset' || b.action === 'newRound') throw new HttpError(400, "the class's contracts cannot be reset: close (lock) or reopen them")
          await contracts.setPhase(b.action === 'open' ? 'open' : b.action === 'lock' ? 'locked' : 'revealed')
          hub.push()
          const [phase, counts] = await Promise.all([contracts.phase(), contracts.counts()])
          return send(res, 200, { ok: true, state: { poll: CONTRACTS_POLL, phase, ...counts } })
        }
        if (b.action === 'goto') {
          const presenter = await store.setPresenter(b.slide, b.clicks, b.tab ?? null)
          hub.push()
          return send(res, 200, { ok: true, presenter })
        }
        pollDef(b.poll)
        if (b.action === 'reset') await store.reset(b.poll)
        else if (b.action === 'newRound') await store.newRound(b.poll)
        else await store.setPhase(b.poll, b.action === 'open' ? 'open' : b.action === 'lock' ? 'locked' : 'revealed')
        hub.push()
        return send(res, 200, { ok: true, state: await store.state(b.poll) })
      }
      case 'results':
      case 'export': {
        expect('GET')
        const presenter = isPresenter(req)
        if (path === 'export' && !presenter) throw new HttpError(401, 'presenter secret missing or wrong')
        const q = parse(ResultsQuery, Object.fromEntries(url.searchParams))
        const def = pollDef(q.poll)
        const round = q.round ?? (await store.current(q.poll)).round
        const phase = await store.roundPhase(q.poll, round)
        if (phase === null) throw new HttpError(404, `poll "${q.poll}" has no round ${round}`)
        if (path === 'results') {
          if (phase !== 'revealed' && !presenter) throw new HttpError(403, 'results are hidden until the presenter reveals them')
          const rows = await store.rows(q.poll, round)
          return send(res, 200, { ...aggregate(def, round, rows.map((r) => r.value)), rated: rated(rows), phase })
        }
        const rows = await store.rows(q.poll, round)
        if (q.format === 'csv') {
          const csv = ['poll,round,voter,value,updated_at', ...rows.map((r) =>
            `${r.poll},${r.round},${r.voter},${r.value},${new Date(r.updatedAt).toISOString()}`)].join('\n') + '\n'
          res.setHeader('Content-Disposition', `attachment; filename="${q.poll}-round${round}.csv"`)
          return send(res, 200, csv, 'text/csv; charset=utf-8')
        }
        return send(res, 200, { poll: q.poll, round, phase, definition: def, answers: rows, distribution: aggregate(def, round, rows.map((r) => r.value)) })
      }
      default:
        throw new HttpError(404, `no such endpoint ${url.pathname}`)
    }
  }

  const handler = ((req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    // the static build ships session-live.json = {live:false}; where the service runs, it answers instead
    if (url.pathname === LIVE_PROBE && (req.method === 'GET' || req.method === 'HEAD')) return send(res, 200, { live: true })
    if (!url.pathname.startsWith(API_PREFIX)) {
      if (next) return next()
      return send(res, 404, { error: 'not found' })
    }
    route(req, res, url).catch((err: unknown) => {
      if (res.headersSent) return res.end()
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('Connection', 'close')
        return send(res, err.status, { error: err.message })
      }
      console.error('[session] internal error', err)
      send(res, 500, { error: 'internal error' })
    })
  }) as SessionHandler
  handler.close = () => { for (const r of rooms.values()) r.hub.close() }
  handler.defaultRoom = defaultRoom.code
  return handler
}
