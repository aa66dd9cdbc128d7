// Durable store of the class session: SQLite (better-sqlite3) in WAL mode with synchronous=FULL, so a
// write has been fsync'ed when the call returns — the service acknowledges an answer only after that.
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Phase, PresenterPos } from './api.ts'

/** `version`: bumped in the transaction of every change a view shows (an answer, a resubmission, a phase, a reset,
 *  a new round), so a view refetches on a change of version, not of count (issue 19). */
export interface RoundState { poll: string; round: number; phase: Phase; count: number; version: number }
export interface AnswerInput { poll: string; voter: string; value: number; round?: number }
export type AnswerOutcome = { round: number } | { closed: Phase; round: number } | { stale: number }
export interface AnswerRow { poll: string; round: number; voter: string; value: number; updatedAt: number }

export class SessionStore {
  readonly db: Database.Database
  private q

  /** `dataDir` is created if missing; use ':memory:' only in tests that do not need durability. */
  constructor(dataDir: string) {
    const file = dataDir === ':memory:' ? ':memory:' : (mkdirSync(dataDir, { recursive: true }), join(dataDir, 'session.sqlite'))
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS rounds (poll TEXT NOT NULL, round INTEGER NOT NULL, phase TEXT NOT NULL,
        PRIMARY KEY (poll, round));
      CREATE TABLE IF NOT EXISTS answers (poll TEXT NOT NULL, round INTEGER NOT NULL, voter TEXT NOT NULL,
        value REAL NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (poll, round, voter));
      CREATE TABLE IF NOT EXISTS presenter (id INTEGER PRIMARY KEY CHECK (id = 1), slide INTEGER NOT NULL,
        clicks INTEGER NOT NULL, seq INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS versions (part TEXT PRIMARY KEY, version INTEGER NOT NULL);`)
    // data folders from before the presenter's tabs took turns leading
    if (!(this.db.prepare('PRAGMA table_info(presenter)').all() as { name: string }[]).some((c) => c.name === 'leader'))
      this.db.exec('ALTER TABLE presenter ADD COLUMN leader TEXT')
    this.q = {
      current: this.db.prepare('SELECT round, phase FROM rounds WHERE poll = ? ORDER BY round DESC LIMIT 1'),
      roundPhase: this.db.prepare('SELECT phase FROM rounds WHERE poll = ? AND round = ?'),
      insertRound: this.db.prepare('INSERT OR IGNORE INTO rounds (poll, round, phase) VALUES (?, ?, ?)'),
      setPhase: this.db.prepare('UPDATE rounds SET phase = ? WHERE poll = ? AND round = ?'),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM answers WHERE poll = ? AND round = ?'),
      upsert: this.db.prepare(`INSERT INTO answers (poll, round, voter, value, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (poll, round, voter) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
      values: this.db.prepare('SELECT value FROM answers WHERE poll = ? AND round = ?'),
      mine: this.db.prepare('SELECT value FROM answers WHERE poll = ? AND round = ? AND voter = ?'),
      rows: this.db.prepare('SELECT poll, round, voter, value, updated_at AS updatedAt FROM answers WHERE poll = ? AND round = ? ORDER BY updated_at, voter'),
      clear: this.db.prepare('DELETE FROM answers WHERE poll = ? AND round = ?'),
      rounds: this.db.prepare(`SELECT r.round, r.phase, COUNT(a.voter) AS count FROM rounds r
        LEFT JOIN answers a ON a.poll = r.poll AND a.round = r.round WHERE r.poll = ? GROUP BY r.round ORDER BY r.round`),
      version: this.db.prepare('SELECT version FROM versions WHERE part = ?'),
      bump: this.db.prepare(`INSERT INTO versions (part, version) VALUES (?, 1)
        ON CONFLICT (part) DO UPDATE SET version = versions.version + 1`),
      getPos: this.db.prepare('SELECT slide, clicks, seq, leader FROM presenter WHERE id = 1'),
      setPos: this.db.prepare(`INSERT INTO presenter (id, slide, clicks, seq, leader) VALUES (1, ?, ?, 1, ?)
        ON CONFLICT (id) DO UPDATE SET slide = excluded.slide, clicks = excluded.clicks, seq = presenter.seq + 1, leader = excluded.leader`),
    }
  }

  /** The key that signs voter identities: made once, kept in the data folder, so identities survive restarts. */
  identityKey(): Buffer {
    const get = this.db.prepare('SELECT value FROM meta WHERE name = ?')
    const row = get.get('identity_key') as { value: Buffer } | undefined
    if (row) return row.value
    this.db.prepare('INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)').run('identity_key', randomBytes(32))
    return (get.get('identity_key') as { value: Buffer }).value
  }

  /** The poll's current round; round 1, open, is created on first use. */
  current(poll: string): { round: number; phase: Phase } {
    const row = this.q.current.get(poll) as { round: number; phase: Phase } | undefined
    if (row) return row
    this.q.insertRound.run(poll, 1, 'open')
    return { round: 1, phase: 'open' }
  }

  state(poll: string): RoundState {
    const { round, phase } = this.current(poll)
    return { poll, round, phase, count: this.count(poll, round), version: this.version(poll) }
  }

  /** The version of one part of the room's state (a poll's name, or `contracts`); 0 before its first change. */
  version(part: string): number {
    return (this.q.version.get(part) as { version: number } | undefined)?.version ?? 0
  }

  /** A new version of `part`: call it inside the transaction that changes it, so the version commits with the change. */
  bump(part: string): void {
    this.q.bump.run(part)
  }

  /** Phase of a given round, or null if that round never existed. */
  roundPhase(poll: string, round: number): Phase | null {
    const row = this.q.roundPhase.get(poll, round) as { phase: Phase } | undefined
    return row?.phase ?? null
  }

  count(poll: string, round: number): number {
    return (this.q.count.get(poll, round) as { n: number }).n
  }

  /** Upsert of the voter's answer in the current round, only while open. Returns the round, or null when not open. */
  answer(poll: string, voter: string, value: number, now = Date.now()): number | null {
    const [r] = this.answerBatch([{ poll, voter, value }], now)
    return 'round' in r ? r.round : null
  }

  /**
   * Group commit: many answers in one transaction, so one fsync acknowledges them all. Each answer is
   * checked against the poll's phase (and the round the client saw, if given) at commit time.
   */
  answerBatch(items: AnswerInput[], now = Date.now()): AnswerOutcome[] {
    return this.db.transaction(() => items.map((a): AnswerOutcome => {
      const { round, phase } = this.current(a.poll)
      if (phase !== 'open') return { closed: phase, round }
      if (a.round !== undefined && a.round !== round) return { stale: round }
      this.q.upsert.run(a.poll, round, a.voter, a.value, now)
      this.bump(a.poll)
      return { round }
    })).immediate()
  }

  setPhase(poll: string, phase: Phase): void {
    this.db.transaction(() => {
      const { round } = this.current(poll)
      this.q.setPhase.run(phase, poll, round)
      this.bump(poll)
    }).immediate()
  }

  /** Deletes the current round's answers and opens it again. */
  reset(poll: string): void {
    this.db.transaction(() => {
      const { round } = this.current(poll)
      this.q.clear.run(poll, round)
      this.q.setPhase.run('open', poll, round)
      this.bump(poll)
    }).immediate()
  }

  /** Starts round n+1, open; earlier rounds are kept for export. */
  newRound(poll: string): number {
    return this.db.transaction(() => {
      const { round } = this.current(poll)
      this.q.insertRound.run(poll, round + 1, 'open')
      this.bump(poll)
      return round + 1
    }).immediate()
  }

  values(poll: string, round: number): number[] {
    return (this.q.values.all(poll, round) as { value: number }[]).map((r) => r.value)
  }

  mine(poll: string, round: number, voter: string): number | null {
    const row = this.q.mine.get(poll, round, voter) as { value: number } | undefined
    return row?.value ?? null
  }

  rows(poll: string, round: number): AnswerRow[] {
    return this.q.rows.all(poll, round) as AnswerRow[]
  }

  /** Every round of a poll with its phase and number of answers, oldest first. */
  rounds(poll: string): { round: number; phase: Phase; count: number }[] {
    return this.q.rounds.all(poll) as { round: number; phase: Phase; count: number }[]
  }

  presenter(): PresenterPos {
    return (this.q.getPos.get() as PresenterPos | undefined) ?? { slide: 1, clicks: 0, seq: 0, leader: null }
  }

  setPresenter(slide: number, clicks: number, leader: string | null = null): PresenterPos {
    this.q.setPos.run(slide, clicks, leader)
    return this.presenter()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
