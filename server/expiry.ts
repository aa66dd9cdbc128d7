// The expiry of old rooms on a hosted service (issue 20 item 2). The rule, also in server/README.md ("Expiry"):
// - a room other than the default room is closed after ROOM_IDLE_DAYS (default 30) days without activity, its activity
//   being its creation or its latest answer, contract or game result (phase changes and presenter moves carry no time);
//   30 days outlast a term's breaks between the lectures of one course, so a room reused weekly is never closed under it;
// - a closed room (by expiry or by the operator) is deleted, every row of it, ROOM_DELETE_DAYS (default 60) days after it
//   was closed: its answers are students' data, kept only as long as an instructor plausibly needs to export them
//   (two months: the end of a term and its grading), and no longer.
// Either may be `never`. The default room (`npm run class`'s, its secret in the environment) never expires. The rule is
// enforced when the service starts and every hour after; every process may run it (both statements are idempotent).
import type { SessionStore } from './store.ts'

const DAY_MS = 24 * 3600 * 1000

export interface ExpiryRule {
  /** days without activity after which a room is closed; null: never */
  idleDays: number | null
  /** days after its closing after which a room's rows are deleted; null: never */
  deleteDays: number | null
  /** how often the rule is enforced, ms */
  everyMs: number
}

export const DEFAULT_EXPIRY: ExpiryRule = { idleDays: 30, deleteDays: 60, everyMs: 3600_000 }

/** ROOM_IDLE_DAYS and ROOM_DELETE_DAYS from the environment: a whole number of days ≥ 1, or `never`; unset: the default. */
export function parseExpiry(env: NodeJS.ProcessEnv): ExpiryRule {
  const days = (name: string, fallback: number | null): number | null => {
    const v = env[name]?.trim()
    if (v === undefined || v === '') return fallback
    if (v === 'never') return null
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of days (at least 1) or "never", got "${v}"`)
    return n
  }
  return { ...DEFAULT_EXPIRY, idleDays: days('ROOM_IDLE_DAYS', DEFAULT_EXPIRY.idleDays), deleteDays: days('ROOM_DELETE_DAYS', DEFAULT_EXPIRY.deleteDays) }
}

/** Says the rule in words, for the operator's terminal and page. */
export function describeExpiry(r: ExpiryRule): string {
  const close = r.idleDays === null ? 'rooms never close by themselves' : `a room is closed after ${r.idleDays} days without activity`
  const del = r.deleteDays === null ? 'closed rooms are kept' : `a closed room is deleted ${r.deleteDays} days after it closed`
  return `${close}; ${del} (the default room never expires)`
}

/** Enforces the rule once at `now`: closes the idle rooms, then deletes the long-closed ones. */
export async function expireRooms(store: SessionStore, rule: ExpiryRule, keep: string, now: number): Promise<{ closed: string[]; deleted: string[] }> {
  const closed = rule.idleDays === null ? [] : await store.closeIdleRooms(now - rule.idleDays * DAY_MS, keep, now)
  const deleted = rule.deleteDays === null ? [] : await store.deleteClosedRooms(now - rule.deleteDays * DAY_MS, keep)
  return { closed, deleted }
}
