// Voter identities the service issues (ARCHITECTURE §4: "issued by the service and cannot be chosen or forged by a
// client"): a random id signed with HMAC-SHA256 under a key kept in the data folder, carried in an HttpOnly,
// SameSite=Strict cookie. Reloads and restarts keep it (the key is durable); a made-up or altered cookie is refused.
// Per-address limits on new identities and on open event streams keep one laptop from stuffing or locking out the room.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

export const IDENTITY_COOKIE = 'sc_voter'
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
