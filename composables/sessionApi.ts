// Browser client of the class-session service (/api/session/, or /api/session/rooms/CODE/ in a room; same origin). No
// Vue here: plain fetch, so tests can stub it. The paths, the request bodies and the replies are the contract's
// (server/api.ts): every request is typed by the service's own schema and every reply parsed with it. Every call returns
// the parsed reply or throws a SessionError carrying the service's code (switch on it) and its sentence (show it).
import type { z } from 'zod'
import type { Recipe, TrackId } from '../engine'
import {
  ENDPOINTS, endpointPath, ErrorReply, LIVE_PROBE, normalizeRoomCode, ROOM_QUERY,
  type AnswerBody, type ContractBody, type ControlAction, type ControlBody, type Endpoint, type ErrorCode, type GameBody,
} from '../server/api'
import { storageArea } from './storage'

/** The service's codes, and the deck's own two: `unreachable` (no reply at all) and `unreadable` (a reply that is not
 *  the contract's, e.g. a proxy's error page, or a deck older than its service: a reload fixes that). */
export type SessionErrorCode = ErrorCode | 'unreachable' | 'unreadable'
export class SessionError extends Error {
  constructor(readonly status: number, message: string, readonly code: SessionErrorCode) { super(message) }
}

/** The refusals a later try of the same request may not get (server/api.ts's ERROR_STATUS says what each means): no
 *  reply, or a gateway's page while the service restarts (`unreachable`); the per-address limits, which lift within a
 *  minute (`throttled`); the open streams full (`busy`); a failure of the service (`internal`). Every other code is about
 *  the request itself or the room's state (a bad body, a wrong secret, a closed poll, a reply this deck cannot read):
 *  sent again, it is refused again. */
export const RETRIABLE_CODES: readonly SessionErrorCode[] = ['unreachable', 'throttled', 'busy', 'internal']
/** Is `e` a refusal that a retry may cure? (Anything that is not a SessionError is a fault of the deck: no.) */
export const isRetriable = (e: unknown): boolean => e instanceof SessionError && RETRIABLE_CODES.includes(e.code)

/** The deck's own base path, ending in '/' (Vite's BASE_URL): every URL of the deck's files and its service starts here. */
export const deckBase = () => `${import.meta.env?.BASE_URL ?? '/'}`.replace(/\/?$/, '/')
const ROOM_KEY = 'silicon-contract:room'

/** The class's room (issue 20): from the link (`?room=482913`, what /join and the printed URLs carry), kept in this tab's
 *  sessionStorage so a reload or a link without it stays in the room; null = the service's default room. */
export function roomCode(): string | null {
  const typed = new URLSearchParams(globalThis.location?.search ?? '').get(ROOM_QUERY)
  const code = typed === null ? null : normalizeRoomCode(typed)
  try {
    if (code) storageArea('session').setItem(ROOM_KEY, code)
    return code ?? storageArea('session').getItem(ROOM_KEY) ?? null
  } catch {
    return code // storage blocked: the link's room, for this page
  }
}

type Route<E extends Endpoint> = (typeof ENDPOINTS)[E]
/** What an endpoint takes in its body: what its schema accepts (z.input), so a body the service refuses fails vue-tsc. */
export type BodyOf<E extends Endpoint> = Route<E> extends { body: infer S extends z.ZodType } ? z.input<S> : never
/** What an endpoint takes in its query string, before it becomes text (the schema coerces it back). */
export type QueryOf<E extends Endpoint> = Route<E> extends { query: infer S extends z.ZodType } ? z.infer<S> : never
export type ReplyOf<E extends Endpoint> = Route<E> extends { reply: infer S extends z.ZodType } ? z.infer<S> : never

/** The URL of an endpoint in this tab's room, with its query. */
export function apiUrl<E extends Endpoint>(endpoint: E, query?: QueryOf<E>): string {
  const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])
  return `${deckBase()}${endpointPath(endpoint, roomCode()).slice(1)}${q.length ? `?${new URLSearchParams(q)}` : ''}`
}

interface Ask<E extends Endpoint> { body?: BodyOf<E>; query?: QueryOf<E>; secret?: string | null }

/** A refusal without the service's {error, code} and a status a proxy gives while the service behind it is away (its own
 *  502/503/504 page while the processes restart, a 500 or 520–524 page of a CDN, a 408 timeout): the service is not
 *  there, as with no reply at all (the hosted rehearsal of issue 20), and a retry may find it. */
const notTheService = (status: number): boolean => status === 408 || status >= 500

/** One request as the contract has it (its method from the table); a refusal is thrown with its code. */
async function fetchEndpoint<E extends Endpoint>(endpoint: E, ask: Ask<E>): Promise<Response> {
  const headers: Record<string, string> = {}
  if (ask.body !== undefined) headers['Content-Type'] = 'application/json'
  if (ask.secret) headers.Authorization = `Bearer ${ask.secret}`
  let res: Response
  try {
    res = await fetch(apiUrl(endpoint, ask.query), {
      method: ENDPOINTS[endpoint].method, headers, cache: 'no-store',
      body: ask.body === undefined ? undefined : JSON.stringify(ask.body),
    })
  } catch {
    throw new SessionError(0, 'the class server cannot be reached; your answer is kept here, try again', 'unreachable')
  }
  if (res.ok) return res
  const refusal = ErrorReply.safeParse(await res.json().catch(() => null))
  if (refusal.success) throw new SessionError(res.status, refusal.data.error, refusal.data.code)
  if (notTheService(res.status))
    throw new SessionError(res.status, `the class server cannot be reached (its proxy answered ${res.status}); your answer is kept here, try again`, 'unreachable')
  throw new SessionError(res.status, `the class server answered ${res.status}`, 'unreadable')
}

/** A request whose reply is JSON, parsed with the endpoint's reply schema. */
export async function send<E extends Endpoint>(endpoint: E, ask: Ask<E> = {}): Promise<ReplyOf<E>> {
  const res = await fetchEndpoint(endpoint, ask)
  const schema = (ENDPOINTS[endpoint] as { reply?: z.ZodType }).reply
  const reply = schema?.safeParse(await res.json().catch(() => undefined))
  if (!reply?.success) throw new SessionError(res.status, `the class server's reply to ${endpoint} is not one this deck reads: reload the page`, 'unreadable')
  return reply.data as ReplyOf<E>
}

/** The live probe's answer (null: no answer at all). The static build ships `session-live.json` = {live:false}; the
 *  service answers {live:true}. */
async function fetchProbe(): Promise<Response | null> {
  try {
    return await fetch(`${deckBase()}${LIVE_PROBE.slice(1)}`, { cache: 'no-store' })
  } catch {
    return null
  }
}
/** Is the service there? true: it answered; false: something else answered (a static build's file saying live:false,
 *  or no such file): this deck runs on its own; null: nothing answered yet (no reply, or a proxy's page while the
 *  service is away: notTheService), so it may still come. */
export async function probeLive(): Promise<boolean | null> {
  const res = await fetchProbe()
  if (!res || notTheService(res.status)) return null
  return res.ok && (await res.json().catch(() => null))?.live === true
}
/** Does the server that serves the deck answer at all (the service, or a static build's file saying live:false)? */
export async function probeReachable(): Promise<boolean> {
  return !!(await fetchProbe())?.ok
}

/** Asks the service for this browser's identity (an HttpOnly cookie it signs; the deck never sees or chooses it). */
export const getIdentity = () => send('identity')
export const getState = () => send('state')
/** `rating` (issue 22, optional): how sure (an index into CONFIDENCE_LEVELS, or null) and the viewer's track. */
export const postAnswer = (poll: string, value: number, round?: number, rating?: Pick<AnswerBody, 'confidence' | 'track'>) =>
  send('answer', { body: { poll, value, round, ...rating } satisfies AnswerBody })
export const getResults = (poll: string, round: number, secret?: string | null) => send('results', { query: { poll, round }, secret })
export const postControl = (secret: string, action: ControlAction, poll: string) =>
  send('control', { body: { action, poll } satisfies ControlBody, secret })
export const postGoto = (secret: string, slide: number, clicks: number, tab?: string) =>
  send('control', { body: { action: 'goto', slide, clicks, tab } satisfies ControlBody, secret })
export const postContract = (track: TrackId, recipe: Recipe) => send('contract', { body: { track, recipe } satisfies ContractBody })
export const postGame = (track: TrackId, triesUsed: number, found: boolean) =>
  send('game', { body: { track, triesUsed, found } satisfies GameBody })
/** The presenter any time (with the secret), everybody after the reveal (403 before). */
export const getContracts = (secret?: string | null) => send('contracts', { secret })
export const checkSecret = (secret: string) => send('auth', { secret })
export const eventsUrl = () => apiUrl('events')
/** A round's answers as CSV, the current round unless `round` is given (presenter only; voter ids are the random
 *  identities the service issued). */
export async function exportCsv(secret: string, poll: string, round?: number): Promise<Blob> {
  return (await fetchEndpoint('export', { query: { poll, format: 'csv', round }, secret })).blob()
}
