// Voter identities the service issues (ARCHITECTURE §4: "issued by the service and cannot be chosen or forged by a
// client"): a random id signed with HMAC-SHA256 under a key kept in the data folder, carried in an HttpOnly,
// SameSite=Strict cookie. Reloads and restarts keep it (the key is durable); a made-up or altered cookie is refused.
// Per-address limits on new identities and on open event streams keep one laptop from stuffing or locking out the room.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

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

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url')
  }

  /** A new identity as a cookie value `id.signature`. */
  issue(): { id: string; cookie: string } {
    const id = randomBytes(ID_BYTES).toString('base64url')
    return { id, cookie: `${id}.${this.sign(id)}` }
  }

  /** The voter id of a request, or null when it carries no valid identity. */
  voterOf(req: IncomingMessage): string | null {
    const raw = cookieValue(req.headers.cookie, IDENTITY_COOKIE)
    if (!raw) return null
    const dot = raw.indexOf('.')
    if (dot <= 0) return null
    const id = raw.slice(0, dot)
    const given = Buffer.from(raw.slice(dot + 1))
    const want = Buffer.from(this.sign(id))
    return given.length === want.length && timingSafeEqual(given, want) ? id : null
  }

  /** The presenter's pass: a signature over the secret's digest under the same durable key, so it is valid while the
   *  secret is, on every restart, and cannot be made without the key. Carried in its own HttpOnly cookie. */
  presenterPass(secret: string): string {
    return this.sign(`presenter:${createHash('sha256').update(secret, 'utf8').digest('base64url')}`)
  }

  /** True when the request carries the presenter's pass (a tab that signed in with the right secret). */
  hasPresenterPass(req: IncomingMessage, secret: string): boolean {
    const raw = cookieValue(req.headers.cookie, PRESENTER_COOKIE)
    if (!raw) return false
    const given = Buffer.from(raw)
    const want = Buffer.from(this.presenterPass(secret))
    return given.length === want.length && timingSafeEqual(given, want)
  }

  setPresenterCookie(res: ServerResponse, secret: string): void {
    res.setHeader('Set-Cookie', `${PRESENTER_COOKIE}=${this.presenterPass(secret)}; Path=/api/session/; Max-Age=${ONE_DAY_S}; HttpOnly; SameSite=Strict`)
  }

  setCookie(res: ServerResponse, cookie: string): void {
    res.setHeader('Set-Cookie', `${IDENTITY_COOKIE}=${cookie}; Path=/api/session/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Strict`)
  }
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

/** Counts per address in a sliding one-minute window (bounded memory whatever the number of addresses). */
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

export const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? '?'
