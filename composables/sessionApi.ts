// Browser client of the class-session service (/api/session/, or /api/session/rooms/CODE/ in a room; same origin). No Vue here: plain fetch,
// so tests can stub it. Every call returns parsed JSON or throws SessionError with the server's message.
import type { Recipe, TrackId } from '../engine'
import { normalizeRoomCode, type ContractsView, type Distribution, type Phase, type ControlAction, type Snapshot, type Submitted } from '../server/api'

export class SessionError extends Error {
  constructor(readonly status: number, message: string) { super(message) }
}

const base = () => `${import.meta.env?.BASE_URL ?? '/'}`.replace(/\/?$/, '/')
const ROOM_KEY = 'silicon-contract:room'

/** The class's room (issue 20): from the link (`?room=482913`, what /join and the printed URLs carry), kept in this tab's
 *  sessionStorage so a reload or a link without it stays in the room; null = the service's default room. */
export function roomCode(): string | null {
  const typed = new URLSearchParams(globalThis.location?.search ?? '').get('room')
  const code = typed === null ? null : normalizeRoomCode(typed)
  try {
    if (code) globalThis.sessionStorage?.setItem(ROOM_KEY, code)
    return code ?? globalThis.sessionStorage?.getItem(ROOM_KEY) ?? null
  } catch {
    return code // storage blocked: the link's room, for this page
  }
}
export const apiUrl = (path: string) => {
  const room = roomCode()
  return `${base()}api/session/${room ? `rooms/${room}/` : ''}${path}`
}

async function request<T>(path: string, init: RequestInit = {}, secret?: string | null): Promise<T> {
  const headers: Record<string, string> = {}
  if (init.body) headers['Content-Type'] = 'application/json'
  if (secret) headers.Authorization = `Bearer ${secret}`
  let res: Response
  try {
    res = await fetch(apiUrl(path), { ...init, headers, cache: 'no-store' })
  } catch {
    throw new SessionError(0, 'the class server cannot be reached; your answer is kept here, try again')
  }
  const body = await res.json().catch(() => null)
  if (!res.ok) throw new SessionError(res.status, body?.error ?? `the class server answered ${res.status}`)
  return body as T
}

/** Is the service there? The static build ships `session-live.json` = {live:false}; the service answers {live:true}. */
export async function probeLive(): Promise<boolean> {
  try {
    const res = await fetch(`${base()}session-live.json`, { cache: 'no-store' })
    return res.ok && (await res.json())?.live === true
  } catch {
    return false
  }
}

/** Asks the service for this browser's identity (an HttpOnly cookie it signs; the deck never sees or chooses it). */
export const getIdentity = () => request<{ ok: true; issued: boolean }>('identity')
export const getState = () => request<Snapshot>('state')
/** `rating` (issue 22, optional): how sure (an index into CONFIDENCE_LEVELS, or null) and the viewer's track. */
export const postAnswer = (poll: string, value: number, round?: number, rating?: { confidence: number | null; track: TrackId }) =>
  request<{ ok: true; round: number; count: number; value: number }>('answer', { method: 'POST', body: JSON.stringify({ poll, value, round, ...rating }) })
export const getResults = (poll: string, round: number, secret?: string | null) =>
  request<Distribution & { phase: Phase }>(`results?poll=${encodeURIComponent(poll)}&round=${round}`, {}, secret)
export const postControl = (secret: string, action: ControlAction, poll: string) =>
  request<{ ok: true }>('control', { method: 'POST', body: JSON.stringify({ action, poll }) }, secret)
export const postGoto = (secret: string, slide: number, clicks: number, tab?: string) =>
  request<{ ok: true }>('control', { method: 'POST', body: JSON.stringify({ action: 'goto', slide, clicks, tab }) }, secret)
export const postContract = (track: TrackId, recipe: Recipe) =>
  request<Submitted>('contract', { method: 'POST', body: JSON.stringify({ track, recipe }) })
export const postGame = (track: TrackId, triesUsed: number, found: boolean) =>
  request<Submitted>('game', { method: 'POST', body: JSON.stringify({ track, triesUsed, found }) })
/** The presenter any time (with the secret), everybody after the reveal (403 before). */
export const getContracts = (secret?: string | null) => request<ContractsView>('contracts', {}, secret)
export const checkSecret = (secret: string) => request<{ presenter: true }>('auth', {}, secret)
export const eventsUrl = () => apiUrl('events')
/** A round's answers as CSV, the current round unless `round` is given (presenter only; voter ids are the random
 *  identities the service issued). */
export async function exportCsv(secret: string, poll: string, round?: number): Promise<Blob> {
  const res = await fetch(apiUrl(`export?poll=${encodeURIComponent(poll)}&format=csv${round === undefined ? '' : `&round=${round}`}`), { headers: { Authorization: `Bearer ${secret}` }, cache: 'no-store' })
  if (!res.ok) throw new SessionError(res.status, (await res.json().catch(() => null))?.error ?? `export failed (${res.status})`)
  return res.blob()
}
