// The class-session HTTP API under /api/session/ (contract: ARCHITECTURE §4). A plain Node request handler
// that also works as connect middleware (the Slidev dev server mounts it through setup/vite-plugins.ts).
// Every bad request gets a 4xx JSON { error, code } (codes and paths: server/api.ts) and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { aggregate, rated } from './aggregate.ts'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { presentedSecret, secretMatches } from './auth.ts'
import { answerError, checkPollDefs, type PollDefs } from './polls.ts'
import { SseHub } from './sse.ts'
import { DEFAULT_LIMITS, Identities, PerMinute, type Limits } from './identity.ts'
import { clientOf, type TrustProxy } from './proxy.ts'
import { DEFAULT_EXPIRY, describeExpiry, expireRooms, type ExpiryRule } from './expiry.ts'
import { roomExport } from './roomExport.ts'
import { CommitQueue } from './commitQueue.ts'
import type { RoomStore, SessionStore } from './store.ts'
import { HttpError, parseOrRefuse } from './httpError.ts'
import {
  ACTION_PHASE, AnswerBody, CONFIDENCE_LEVELS, API_PREFIX, ContractBody, CONTRACTS_POLL, ControlBody, ENDPOINTS, GameBody, isEndpoint, LIVE_PROBE,
  normalizeRoomCode, parseEndpointPath, parseOperatorPath, ResultsQuery, setsPhase, spacedRoomCode,
  type AnswerReply, type ControlReply, type ErrorReply, type ResultsReply, type RoomClosed, type RoomCreated, type RoomList,
  type Snapshot, type Submitted,
} from './api.ts'
import { ContractStore } from './contractStore.ts'
import { checkContract, checkGame, closedMessage, contractsView } from './contracts.ts'

export const BODY_LIMIT = 4096
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
  /** OPERATOR_TOKEN: whoever presents it may create, list, close and export rooms (`/api/session/rooms`); unset: no one may */
  operatorToken?: string
  /** TRUST_PROXY (server/proxy.ts): which peers' X-Forwarded-For / -Proto are believed; default none */
  trustProxy?: TrustProxy
  /** when old rooms are closed and deleted (server/expiry.ts); default DEFAULT_EXPIRY */
  expiry?: ExpiryRule
  /** the clock of the expiry rule (tests inject one) */
  now?: () => number
}

export type SessionHandler = ((req: IncomingMessage, res: ServerResponse, next?: () => void) => void) & {
  close(): void
  /** the code of the room served on the paths without a code (`npm run class`'s room) */
  defaultRoom: string
  /** enforces the expiry rule now (the service also does on start and every `expiry.everyMs`) */
  expire(): Promise<{ closed: string[]; deleted: string[] }>
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
    if (!/^application\/json\b/i.test(type)) return reject(new HttpError('bad_content_type', 'Content-Type must be application/json'))
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT)
      return reject(new HttpError('too_large', `body larger than ${BODY_LIMIT} bytes`))
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > BODY_LIMIT) {
        req.removeAllListeners('data')
        req.resume()
        reject(new HttpError('too_large', `body larger than ${BODY_LIMIT} bytes`))
      } else chunks.push(c)
    })
    req.on('error', reject)
    req.on('end', () => {
      if (size > BODY_LIMIT) return
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        reject(new HttpError('invalid', 'body is not valid JSON'))
      }
    })
  })
}

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
  const trust = opts.trustProxy ?? null
  /** the client's address for the per-address limits (behind a trusted proxy, from X-Forwarded-For) */
  const addressOf = (req: IncomingMessage) => clientOf(req, trust).address
  const overHttps = (req: IncomingMessage) => clientOf(req, trust).https
  const expiry = opts.expiry ?? DEFAULT_EXPIRY
  const now = opts.now ?? Date.now

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
  // changes committed by other processes over the same store (PostgreSQL NOTIFY, issue 20 item 4): pushed to this
  // process's streams of the room as its own changes are (counts coalesced); this process's own were pushed already
  const unsubscribe = await store.subscribe?.({
    change: ({ room: code, kind }) => {
      const r = rooms.get(code)
      if (kind === 'closed') {
        rooms.delete(code)
        r?.hub.close()
      } else if (kind === 'count') r?.hub.pushSoon()
      else r?.hub.push()
    },
    resync: () => { for (const r of rooms.values()) r.hub.push() },
  })
  const streams = () => [...rooms.values()].reduce((n, r) => n + r.hub.size, 0)

  /** The room a request is for: the default room without a code, else the room of a well-formed, existing, open code. */
  const roomOf = async (url: URL): Promise<{ room: Room; path: string }> => {
    const { room: typed, endpoint: path } = parseEndpointPath(url.pathname)
    if (typed === null) return { room: home, path }
    const code = normalizeRoomCode(typed)
    if (code === null) throw new HttpError('bad_room_code', `"${typed.slice(0, 20)}" is not a room code: a room code is six digits, e.g. 482 913`)
    const info = await store.findRoom(code)
    if (!info) throw new HttpError('no_room', `no room with code ${spacedRoomCode(code)}: check the code with your presenter`)
    if (info.closedAt !== null) throw new HttpError('room_closed', `room ${spacedRoomCode(code)} is closed`)
    return { room: openRoom(code, info.secretHash), path }
  }

  const pollDef = (poll: string) => {
    const def = Object.hasOwn(polls, poll) ? polls[poll] : undefined
    if (!def) throw new HttpError('not_found', `unknown poll "${poll}"`)
    return def
  }

  // guessing the secret: after GUESS_LIMIT wrong secrets from one address in GUESS_WINDOW_MS, every secret from that
  // address gets a 429, right or wrong, so a guesser learns nothing from the answer. A whole hall shares the presenter's
  // address (one NAT), so the presenter's tabs are exempt: `auth` gives a tab that presents the right secret an HttpOnly
  // pass (signed under the service's durable key), and a request carrying it is never throttled (issue 19: a student
  // could lock the presenter out). Sign in before the lecture; a tab that first types the secret during a flood waits.
  const guesses = new Map<string, { n: number; until: number }>()
  // Counted per room and address (issue 20: a campus behind one NAT holds many rooms, and one room's guesser must not
  // hold up another room's presenter), the operator token's guesses apart (bucket 'operator').
  const checkGuessing = (req: IncomingMessage, bucket: string, right: (offered: string) => boolean, room?: Room) => {
    const offered = presentedSecret(req)
    if (offered === undefined || (room && identities.hasPresenterPass(req, room.code, room.secretDigest))) return
    const ip = `${bucket} ${addressOf(req)}`
    const now = Date.now()
    const g = guesses.get(ip)
    if (g && g.until < now) guesses.delete(ip)
    const cur = guesses.get(ip)
    if (cur && cur.n >= GUESS_LIMIT) throw new HttpError('throttled', 'too many wrong secrets from this address; wait a minute')
    if (right(offered)) return
    if (guesses.size >= GUESS_ADDRESSES) {
      // bounded memory: drop the expired, and never reset the live counts (a flood of addresses must not wipe them)
      for (const [k, v] of guesses) if (v.until < now) guesses.delete(k)
      if (guesses.size >= GUESS_ADDRESSES) throw new HttpError('throttled', 'too many wrong secrets; wait a minute')
    }
    guesses.set(ip, { n: (cur?.n ?? 0) + 1, until: cur?.until ?? now + GUESS_WINDOW_MS })
  }

  // the operator's routes (issue 20 item 2): create a room (its secret is in this answer only, the store keeps its
  // SHA-256), list the rooms (codes and dates, never a secret's hash), close one (kept for export; its paths answer 410)
  const operatorToken = opts.operatorToken || undefined
  if (operatorToken !== undefined && operatorToken.length < 24) throw new Error('OPERATOR_TOKEN must be at least 24 characters long')
  async function operator(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    // the endpoint, by the path's place and the method (OPERATOR_ENDPOINTS); a room's place with a method no operator
    // endpoint has there is the room's own path (route() answers it), the rooms' place answers 405 after the token
    const at = parseOperatorPath(req.method ?? 'GET', url.pathname, url.searchParams)
    if (!at || (at.endpoint === null && at.place !== 'rooms')) return false
    if (operatorToken === undefined) throw new HttpError('not_found', 'rooms are managed with an operator token, and this service has none (set OPERATOR_TOKEN)')
    // throttled before it is compared, so past the limit the right token gets the same 429 and a guesser learns nothing
    checkGuessing(req, 'operator', (offered) => secretMatches(operatorToken, offered))
    if (!secretMatches(operatorToken, presentedSecret(req))) throw new HttpError('bad_secret', 'operator token missing or wrong')
    const roomCode = () => {
      const code = normalizeRoomCode(at.code ?? '')
      if (code === null) throw new HttpError('bad_room_code', 'a room code is six digits, e.g. 482 913')
      return code
    }
    switch (at.endpoint) {
      case null:
        throw new HttpError('method_not_allowed', `${req.method} not allowed on ${url.pathname}`)
      case 'listRooms': {
        const rooms = (await store.listRooms()).map(({ code, createdAt, closedAt }) => ({ code, createdAt, closedAt, default: code === defaultRoom.code }))
        send(res, 200, { rooms, expiry: { idleDays: expiry.idleDays, deleteDays: expiry.deleteDays, rule: describeExpiry(expiry) } } satisfies RoomList)
        return true
      }
      case 'createRoom': {
        const secret = randomBytes(18).toString('base64url')
        const room = await store.createRoom(sha256hex(secret))
        send(res, 201, { code: room.code, secret, createdAt: room.createdAt } satisfies RoomCreated)
        return true
      }
      case 'exportRoom': {
        // open or closed rooms alike; voters become per-export pseudonyms (server/roomExport.ts), no secret is in it
        const code = roomCode()
        const dump = await store.dumpRoom(code)
        if (!dump) throw new HttpError('no_room', `no room with code ${spacedRoomCode(code)}`)
        res.setHeader('Content-Disposition', `attachment; filename="room-${code}.json"`)
        send(res, 200, roomExport(dump, polls, code === defaultRoom.code, now()))
        return true
      }
      case 'closeRoom': {
        const code = roomCode()
        if (code === defaultRoom.code) throw new HttpError('not_allowed', 'the default room cannot be closed: it is the room of the paths without a code')
        if (!(await store.closeRoom(code))) throw new HttpError('no_room', `no room with code ${spacedRoomCode(code)}`)
        const r = rooms.get(code)
        if (r) { rooms.delete(code); r.hub.close() } // its open streams end; the decks are told 410 when they reconnect
        send(res, 200, { ok: true, code, closed: true } satisfies RoomClosed)
        return true
      }
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (await operator(req, res, url)) return
    const { room, path } = await roomOf(url)
    checkGuessing(req, room.code, room.secretOk, room)
    const { store, contracts, hub, commits, snapshot } = room
    if (!isEndpoint(path)) throw new HttpError('not_found', `no such endpoint ${url.pathname}`)
    const method = req.method ?? 'GET'
    if (method !== ENDPOINTS[path].method) throw new HttpError('method_not_allowed', `${method} not allowed on ${url.pathname}`)
    const isPresenter = (r: IncomingMessage) => room.secretOk(presentedSecret(r))
    const requirePresenter = (r: IncomingMessage) => {
      if (!isPresenter(r)) throw new HttpError('bad_secret', 'presenter secret missing or wrong')
    }
    // identities are per room: a cookie signed for one room is no identity in another
    const scope = room.isDefault ? null : room.code
    const voterOf = (r: IncomingMessage) => identities.voterOf(r, scope)

    switch (path) {
      case 'identity': {
        // a browser asks once (and again if its cookie is lost): the service issues an identity it cannot forge
        if (voterOf(req)) return send(res, 200, { ok: true, issued: false })
        // per room and address: a campus behind one NAT may fill several rooms at once
        if (!newIdentities.take(`${room.code} ${addressOf(req)}`)) throw new HttpError('throttled', 'too many new identities from this address; wait a minute')
        identities.setCookie(res, identities.issue(scope).cookie, scope, overHttps(req))
        return send(res, 200, { ok: true, issued: true })
      }
      case 'state': {
        const voter = voterOf(req)
        const body: Snapshot = await snapshot()
        if (voter !== null) {
          const answers = await Promise.all(Object.entries(body.polls).map(async ([p, s]) => [p, await store.mine(p, s.round, voter)] as const))
          body.mine = Object.fromEntries(answers.map(([p, a]) => [p, a?.value ?? null]))
          body.myConfidence = Object.fromEntries(answers.map(([p, a]) => [p, a?.confidence ?? null]))
          const m = await contracts.mine(voter)
          body.myContract = m.contract
          body.myGame = m.game
        }
        return send(res, 200, body)
      }
      case 'events': {
        if (streams() >= MAX_STREAMS) throw new HttpError('busy', 'too many open event streams; reload in a minute')
        const added = hub.add(res, addressOf(req))
        if (added === 'address') throw new HttpError('throttled', 'too many open event streams from this address; close a tab or wait a minute')
        if (added === 'full') throw new HttpError('busy', 'too many open event streams; reload in a minute')
        return
      }
      case 'auth':
        requirePresenter(req)
        identities.setPresenterCookie(res, room.code, room.secretDigest, scope, overHttps(req)) // the pass that keeps this tab clear of the throttle on secrets
        return send(res, 200, { presenter: true })
      case 'answer': {
        const voter = voterOf(req)
        if (!voter) throw new HttpError('no_identity', 'no valid identity: reload the page to get one')
        const body = await readJson(req)
        const t0 = performance.now()
        const b = parseOrRefuse(AnswerBody, body)
        const def = pollDef(b.poll)
        const bad = answerError(def, b.value)
        if (bad) throw new HttpError('invalid', bad)
        const pending = commits.add({ poll: b.poll, voter, value: b.value, round: b.round, confidence: b.confidence, track: b.track })
        const parseMs = performance.now() - t0
        const { outcome: out, count, commitShareMs } = await pending
        if ('stale' in out) throw new HttpError('stale', `round ${b.round} is over; the poll is in round ${out.stale}`)
        if ('closed' in out) throw new HttpError('closed', `${def.title} is ${out.closed}: answers are closed`)
        const t1 = performance.now()
        const round = out.round
        hub.pushSoon()
        const reply: AnswerReply = { ok: true, poll: b.poll, round, value: b.value, count: count! } // an accepted answer's batch read its count
        // the service's own time for this answer (W3C Server Timing), so a benchmark can tell it from its client's
        const replyMs = performance.now() - t1
        res.setHeader('Server-Timing', `parse;dur=${parseMs.toFixed(3)}, commit;dur=${commitShareMs.toFixed(3)}, reply;dur=${replyMs.toFixed(3)}, total;dur=${(parseMs + commitShareMs + replyMs).toFixed(3)}`)
        return send(res, 200, reply)
      }
      case 'contract':
      case 'game': {
        // one contract and one game result per identity, a resubmission replaces; only while the contracts are open
        const voter = voterOf(req)
        if (!voter) throw new HttpError('no_identity', 'no valid identity: reload the page to get one')
        const json = await readJson(req)
        const out = path === 'contract'
          ? await contracts.submitContract(voter, checkContract(parseOrRefuse(ContractBody, json)))
          : await contracts.submitGame(voter, checkGame(parseOrRefuse(GameBody, json)))
        if ('closed' in out) throw new HttpError('closed', closedMessage(out.closed))
        hub.pushSoon()
        const [counts, mine] = await Promise.all([contracts.counts(), contracts.mine(voter)])
        const submitted: Submitted = { ok: true, replaced: out.replaced, ...counts, mine }
        return send(res, 200, submitted)
      }
      case 'contracts': {
        // the presenter sees them live; students only after the reveal (like a poll's results)
        if (!isPresenter(req) && await contracts.phase() !== 'revealed') throw new HttpError('hidden', "the class's contracts are hidden until the presenter reveals them")
        return send(res, 200, await contractsView(contracts))
      }
      case 'control': {
        requirePresenter(req)
        const b = parseOrRefuse(ControlBody, await readJson(req))
        if (b.action !== 'goto' && b.poll === CONTRACTS_POLL) {
          if (!setsPhase(b.action)) throw new HttpError('not_allowed', "the class's contracts cannot be reset: close (lock) or reopen them")
          await contracts.setPhase(ACTION_PHASE[b.action])
          hub.push()
          const [phase, counts] = await Promise.all([contracts.phase(), contracts.counts()])
          return send(res, 200, { ok: true, state: { poll: CONTRACTS_POLL, phase, ...counts } } satisfies ControlReply)
        }
        if (b.action === 'goto') {
          const presenter = await store.setPresenter(b.slide, b.clicks, b.tab ?? null)
          hub.push()
          return send(res, 200, { ok: true, presenter } satisfies ControlReply)
        }
        pollDef(b.poll)
        if (setsPhase(b.action)) await store.setPhase(b.poll, ACTION_PHASE[b.action])
        else if (b.action === 'reset') await store.reset(b.poll)
        else await store.newRound(b.poll)
        hub.push()
        return send(res, 200, { ok: true, state: await store.state(b.poll) } satisfies ControlReply)
      }
      case 'results':
      case 'export': {
        const presenter = isPresenter(req)
        if (path === 'export' && !presenter) throw new HttpError('bad_secret', 'presenter secret missing or wrong')
        const q = parseOrRefuse(ResultsQuery, Object.fromEntries(url.searchParams))
        const def = pollDef(q.poll)
        const round = q.round ?? (await store.current(q.poll)).round
        const phase = await store.roundPhase(q.poll, round)
        if (phase === null) throw new HttpError('not_found', `poll "${q.poll}" has no round ${round}`)
        if (path === 'results') {
          if (phase !== 'revealed' && !presenter) throw new HttpError('hidden', 'results are hidden until the presenter reveals them')
          const rows = await store.rows(q.poll, round)
          return send(res, 200, { ...aggregate(def, round, rows.map((r) => r.value)), rated: rated(rows), phase } satisfies ResultsReply)
        }
        const rows = await store.rows(q.poll, round)
        if (q.format === 'csv') {
          // confidence (in words) and track last, empty when not said (issue 22), so older readers of the first five keep working
          const csv = ['poll,round,voter,value,updated_at,confidence,track', ...rows.map((r) =>
            `${r.poll},${r.round},${r.voter},${r.value},${new Date(r.updatedAt).toISOString()},${r.confidence == null ? '' : CONFIDENCE_LEVELS[r.confidence]},${r.track ?? ''}`)].join('\n') + '\n'
          res.setHeader('Content-Disposition', `attachment; filename="${q.poll}-round${round}.csv"`)
          return send(res, 200, csv, 'text/csv; charset=utf-8')
        }
        return send(res, 200, { poll: q.poll, round, phase, definition: def, answers: rows, distribution: aggregate(def, round, rows.map((r) => r.value)) })
      }
    }
  }

  const handler = ((req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    // the static build ships session-live.json = {live:false}; where the service runs, it answers instead
    if (url.pathname === LIVE_PROBE && (req.method === 'GET' || req.method === 'HEAD')) return send(res, 200, { live: true })
    if (!url.pathname.startsWith(API_PREFIX)) {
      if (next) return next()
      return send(res, 404, { error: 'not found', code: 'not_found' } satisfies ErrorReply)
    }
    route(req, res, url).catch((err: unknown) => {
      if (res.headersSent) return res.end()
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('Connection', 'close')
        return send(res, err.status, err.body)
      }
      console.error('[session] internal error', err)
      send(res, 500, { error: 'internal error', code: 'internal' } satisfies ErrorReply)
    })
  }) as SessionHandler
  handler.close = () => {
    unsubscribe?.()
    for (const r of rooms.values()) r.hub.close()
  }
  handler.defaultRoom = defaultRoom.code

  // old rooms expire by the stated rule (server/expiry.ts): once before the first request, then every everyMs; a room
  // closed or deleted here ends its open streams in this process, as the operator's close does
  handler.expire = async () => {
    const done = await expireRooms(store, expiry, defaultRoom.code, now())
    for (const code of [...done.closed, ...done.deleted]) {
      const r = rooms.get(code)
      if (r) { rooms.delete(code); r.hub.close() }
    }
    if (done.closed.length || done.deleted.length)
      console.log(`[session] expiry: ${done.closed.length} idle room(s) closed${done.closed.map((c) => ` ${c}`).join('')}; ${done.deleted.length} closed room(s) deleted${done.deleted.map((c) => ` ${c}`).join('')}`)
    return done
  }
  await handler.expire()
  const expiring = setInterval(() => handler.expire().catch((e: unknown) => console.error('[session] expiry failed; retried at the next interval', e)), expiry.everyMs)
  expiring.unref()
  const closeStreams = handler.close
  handler.close = () => {
    clearInterval(expiring)
    closeStreams()
  }
  return handler
}
