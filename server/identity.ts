// Voter identities the service issues (ARCHITECTURE §4: "issued by the service and cannot be chosen or forged by a
// client"): a random id signed with HMAC-SHA256 under a key kept in the data folder, carried in an HttpOnly,
// SameSite=Strict cookie. Reloads and restarts keep it (the key is durable); a made-up or altered cookie is refused.
// Per-address limits on new identities and on open event streams keep one laptop from stuffing or locking out the room.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { roomPrefix } from './api.ts'

export const IDENTITY_COOKIE = 'sc_voter'
/** set by `auth` for a tab that presented the right secret: the throttle on secrets never applies to it */
export const PRESENTER_COOKIE = 'sc_presenter'
const ONE_DAY_S = 24 * 3600
const ID_BYTES = 16
const ONE_YEAR_S = 365 * 24 * 3600

/** Per-address limits; the defaults let a hall of 1,000 students behind one NAT through (two tabs each, all joining in a minute). */
export interface Limits {
  /** new identities one address may obtain per minute */
  identitiesPerMinute: number
  /** event streams one address may hold open */
  streamsPerAddress: number
}
export const DEFAULT_LIMITS: Limits = { identitiesPerMinute: 2000, streamsPerAddress: 2000 }

export class Identities {
  constructor(private key: Buffer) {}

  /** `room`: the room's code, signed with the id, so an identity of one room is none in another (issue 20); null for
   *  the service's default room, whose identities are signed as before rooms (so they survive the migration). */
  private sign(id: string, room: string | null): string {
    return createHmac('sha256', this.key).update(room === null ? id : `${room}.${id}`).digest('base64url')
  }

  /** A new identity as a cookie value `id.signature`. */
  issue(room: string | null = null): { id: string; cookie: string } {
    const id = randomBytes(ID_BYTES).toString('base64url')
    return { id, cookie: `${id}.${this.sign(id, room)}` }
  }

  /** The voter id of a request in `room`, or null when it carries no valid identity of that room. A browser in two rooms
   *  may send two cookies of the name (one per path): the one signed for this room counts. */
  voterOf(req: IncomingMessage, room: string | null = null): string | null {
    for (const raw of cookieValues(req.headers.cookie, IDENTITY_COOKIE)) {
      const dot = raw.indexOf('.')
      if (dot <= 0) continue
      const id = raw.slice(0, dot)
      const given = Buffer.from(raw.slice(dot + 1))
      const want = Buffer.from(this.sign(id, room))
      if (given.length === want.length && timingSafeEqual(given, want)) return id
    }
    return null
  }

  /** The presenter's pass for a room: a signature over the room's code and its secret's SHA-256 under the same durable
   *  key, so it is valid while that secret is, on every restart, and cannot be made without the key. */
  presenterPass(room: string, secretDigest: string): string {
    return this.sign(`presenter:${room}:${secretDigest}`, null)
  }

  /** True when the request carries the room's presenter pass (a tab that signed in with the room's secret). */
  hasPresenterPass(req: IncomingMessage, room: string, secretDigest: string): boolean {
    const want = Buffer.from(this.presenterPass(room, secretDigest))
    return cookieValues(req.headers.cookie, PRESENTER_COOKIE).some((raw) => {
      const given = Buffer.from(raw)
      return given.length === want.length && timingSafeEqual(given, want)
    })
  }

  /** The pass goes only to its room's paths (the default room's: every path under /api/session/). `secure`: the
   *  request came over HTTPS (server/proxy.ts), so the browser must never send the pass over plain HTTP. */
  setPresenterCookie(res: ServerResponse, room: string, secretDigest: string, scope: string | null = null, secure = false): void {
    res.setHeader('Set-Cookie', cookieLine(PRESENTER_COOKIE, this.presenterPass(room, secretDigest), scope, ONE_DAY_S, secure))
  }

  /** The cookie is sent only to its room's paths (the default room's: every path under /api/session/). */
  setCookie(res: ServerResponse, cookie: string, room: string | null = null, secure = false): void {
    res.setHeader('Set-Cookie', cookieLine(IDENTITY_COOKIE, cookie, room, ONE_YEAR_S, secure))
  }
}

/** `Secure` only over HTTPS: a class on a laptop is served over plain HTTP, where a Secure cookie would never be sent back. */
function cookieLine(name: string, value: string, room: string | null, maxAge: number, secure: boolean): string {
  // a room's cookies go only to that room's paths, so a cookie of room A is never sent to (nor answers in) room B
  return `${name}=${value}; Path=${roomPrefix(room)}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`
}

/** Every value of the cookie `name` (a browser sends one per matching path, the most specific first). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return []
  const out: string[] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim())
  }
  return out.slice(0, 8) // bounded work whatever the header
}

/** Counts per key (an address, or a room and an address) in a sliding one-minute window (bounded memory whatever the number of addresses). */
export class PerMinute {
  private hits = new Map<string, { n: number; until: number }>()
  constructor(private limit: number) {}
  /** true when `addr` may take one more */
  take(addr: string, now = Date.now()): boolean {
    const h = this.hits.get(addr)
    if (!h || h.until < now) {
      if (this.hits.size > 10_000) this.hits.clear()
      this.hits.set(addr, { n: 1, until: now + 60_000 })
      return true
    }
    if (h.n >= this.limit) return false
    h.n++
    return true
  }
}
