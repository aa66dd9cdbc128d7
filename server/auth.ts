// Presenter secret: checked on the server with a constant-time comparison of SHA-256 digests
// (equal lengths whatever the input, so neither content nor length leaks through timing).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

export function secretMatches(secret: string, candidate: string | undefined): boolean {
  if (!secret || candidate === undefined) return false
  return timingSafeEqual(digest(secret), digest(candidate))
}

/** Reads `Authorization: Bearer <secret>` (or `X-Session-Secret: <secret>`). */
export function presentedSecret(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization
  if (typeof h === 'string' && h.startsWith('Bearer ')) return h.slice(7)
  const x = req.headers['x-session-secret']
  return typeof x === 'string' ? x : undefined
}

export function isPresenter(req: IncomingMessage, secret: string): boolean {
  return secretMatches(secret, presentedSecret(req))
}
