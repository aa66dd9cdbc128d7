// The embedded store (the default of `npm run class`): SQLite (better-sqlite3) in WAL mode with synchronous=FULL, so a
// write has been fsync'ed when its statement returns. Every method runs synchronously inside; the async signatures are
// the SessionStore interface's (server/store.ts), which PostgreSQL needs. Writes that check a phase run in immediate
// transactions, so a check and its write are never split by another writer.
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { TrackId } from '../engine/index.ts'
import { CONTRACTS_POLL, type ContractRow, type GameRow, type Phase, type PresenterPos } from './api.ts'
import type { AnswerInput, AnswerOutcome, AnswerRow, RoundState, SessionStore, StoreOutcome } from './store.ts'

export class SqliteSessionStore implements SessionStore {
  readonly kind = 'sqlite'
  readonly where: string
  readonly db: Database.Database
  private q

  /** `dataDir` is created if missing; use ':memory:' only in tests that do not need durability. */
  constructor(dataDir: string) {
    const file = dataDir === ':memory:' ? ':memory:' : (mkdirSync(dataDir, { recursive: true }), join(dataDir, 'session.sqlite'))
    this.where = file
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
      CREATE TABLE IF NOT EXISTS versions (part TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS contracts (voter TEXT PRIMARY KEY, track TEXT NOT NULL, recipe TEXT NOT NULL,
        updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS games (voter TEXT PRIMARY KEY, track TEXT NOT NULL, tries INTEGER NOT NULL,
        found INTEGER NOT NULL, updated_at INTEGER NOT NULL);`)
    // data folders from before the presenter's tabs took turns leading
    if (!(this.db.prepare('PRAGMA table_info(presenter)').all() as { name: string }[]).some((c) => c.name === 'leader'))
      this.db.exec('ALTER TABLE presenter ADD COLUMN leader TEXT')
    const db = this.db
    this.q = {
      current: db.prepare('SELECT round, phase FROM rounds WHERE poll = ? ORDER BY round DESC LIMIT 1'),
      roundPhase: db.prepare('SELECT phase FROM rounds WHERE poll = ? AND round = ?'),
      insertRound: db.prepare('INSERT OR IGNORE INTO rounds (poll, round, phase) VALUES (?, ?, ?)'),
      setPhase: db.prepare('UPDATE rounds SET phase = ? WHERE poll = ? AND round = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM answers WHERE poll = ? AND round = ?'),
      upsert: db.prepare(`INSERT INTO answers (poll, round, voter, value, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (poll, round, voter) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
      values: db.prepare('SELECT value FROM answers WHERE poll = ? AND round = ?'),
      mine: db.prepare('SELECT value FROM answers WHERE poll = ? AND round = ? AND voter = ?'),
      rows: db.prepare('SELECT poll, round, voter, value, updated_at AS updatedAt FROM answers WHERE poll = ? AND round = ? ORDER BY updated_at, voter'),
      clear: db.prepare('DELETE FROM answers WHERE poll = ? AND round = ?'),
      rounds: db.prepare(`SELECT r.round, r.phase, COUNT(a.voter) AS count FROM rounds r
        LEFT JOIN answers a ON a.poll = r.poll AND a.round = r.round WHERE r.poll = ? GROUP BY r.round ORDER BY r.round`),
      version: db.prepare('SELECT version FROM versions WHERE part = ?'),
      bump: db.prepare(`INSERT INTO versions (part, version) VALUES (?, 1)
        ON CONFLICT (part) DO UPDATE SET version = versions.version + 1`),
      getPos: db.prepare('SELECT slide, clicks, seq, leader FROM presenter WHERE id = 1'),
      setPos: db.prepare(`INSERT INTO presenter (id, slide, clicks, seq, leader) VALUES (1, ?, ?, 1, ?)
        ON CONFLICT (id) DO UPDATE SET slide = excluded.slide, clicks = excluded.clicks, seq = presenter.seq + 1, leader = excluded.leader`),
      getMeta: db.prepare('SELECT value FROM meta WHERE name = ?'),
      putMeta: db.prepare('INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)'),
      // contracts and game results (issue 13)
      hasContract: db.prepare('SELECT 1 FROM contracts WHERE voter = ?'),
      upsertContract: db.prepare(`INSERT INTO contracts (voter, track, recipe, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (voter) DO UPDATE SET track = excluded.track, recipe = excluded.recipe, updated_at = excluded.updated_at`),
      hasGame: db.prepare('SELECT 1 FROM games WHERE voter = ?'),
      upsertGame: db.prepare(`INSERT INTO games (voter, track, tries, found, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (voter) DO UPDATE SET track = excluded.track, tries = excluded.tries, found = excluded.found, updated_at = excluded.updated_at`),
      countContracts: db.prepare('SELECT COUNT(*) AS n FROM contracts'),
      countGames: db.prepare('SELECT COUNT(*) AS n FROM games'),
      // oldest first; the voter only breaks ties and never leaves the store
      listContracts: db.prepare('SELECT track, recipe FROM contracts ORDER BY updated_at, voter'),
      games: db.prepare('SELECT track, tries, found FROM games'),
      myContract: db.prepare('SELECT track, recipe FROM contracts WHERE voter = ?'),
      myGame: db.prepare('SELECT track, tries, found FROM games WHERE voter = ?'),
    }
  }

  async identityKey(): Promise<Buffer> {
    const row = this.q.getMeta.get('identity_key') as { value: Buffer } | undefined
    if (row) return row.value
    this.q.putMeta.run('identity_key', randomBytes(32))
    return (this.q.getMeta.get('identity_key') as { value: Buffer }).value
  }

  private cur(poll: string): { round: number; phase: Phase } {
    const row = this.q.current.get(poll) as { round: number; phase: Phase } | undefined
    if (row) return row
    this.q.insertRound.run(poll, 1, 'open')
    return { round: 1, phase: 'open' }
  }

  private stateNow(poll: string): RoundState {
    const { round, phase } = this.cur(poll)
    return { poll, round, phase, count: this.countNow(poll, round), version: this.versionNow(poll) }
  }

  private versionNow(part: string): number {
    return (this.q.version.get(part) as { version: number } | undefined)?.version ?? 0
  }

  private countNow(poll: string, round: number): number {
    return (this.q.count.get(poll, round) as { n: number }).n
  }

  async current(poll: string) { return this.cur(poll) }
  async state(poll: string) { return this.stateNow(poll) }
  async states(polls: string[]) { return polls.map((p) => this.stateNow(p)) }
  async version(part: string) { return this.versionNow(part) }
  async count(poll: string, round: number) { return this.countNow(poll, round) }

  async roundPhase(poll: string, round: number): Promise<Phase | null> {
    const row = this.q.roundPhase.get(poll, round) as { phase: Phase } | undefined
    return row?.phase ?? null
  }

  async answer(poll: string, voter: string, value: number, now = Date.now()): Promise<number | null> {
    const [r] = await this.answerBatch([{ poll, voter, value }], now)
    return 'round' in r && !('closed' in r) ? r.round : null
  }

  async answerBatch(items: AnswerInput[], now = Date.now()): Promise<AnswerOutcome[]> {
    return this.db.transaction(() => items.map((a): AnswerOutcome => {
      const { round, phase } = this.cur(a.poll)
      if (phase !== 'open') return { closed: phase, round }
      if (a.round !== undefined && a.round !== round) return { stale: round }
      this.q.upsert.run(a.poll, round, a.voter, a.value, now)
      this.q.bump.run(a.poll)
      return { round }
    })).immediate()
  }

  async setPhase(poll: string, phase: Phase): Promise<void> {
    this.db.transaction(() => {
      const { round } = this.cur(poll)
      this.q.setPhase.run(phase, poll, round)
      this.q.bump.run(poll)
    }).immediate()
  }

  async reset(poll: string): Promise<void> {
    this.db.transaction(() => {
      const { round } = this.cur(poll)
      this.q.clear.run(poll, round)
      this.q.setPhase.run('open', poll, round)
      this.q.bump.run(poll)
    }).immediate()
  }

  async newRound(poll: string): Promise<number> {
    return this.db.transaction(() => {
      const { round } = this.cur(poll)
      this.q.insertRound.run(poll, round + 1, 'open')
      this.q.bump.run(poll)
      return round + 1
    }).immediate()
  }

  async values(poll: string, round: number): Promise<number[]> {
    return (this.q.values.all(poll, round) as { value: number }[]).map((r) => r.value)
  }

  async mine(poll: string, round: number, voter: string): Promise<number | null> {
    const row = this.q.mine.get(poll, round, voter) as { value: number } | undefined
    return row?.value ?? null
  }

  async rows(poll: string, round: number): Promise<AnswerRow[]> {
    return this.q.rows.all(poll, round) as AnswerRow[]
  }

  async rounds(poll: string): Promise<{ round: number; phase: Phase; count: number }[]> {
    return this.q.rounds.all(poll) as { round: number; phase: Phase; count: number }[]
  }

  private presenterNow(): PresenterPos {
    return (this.q.getPos.get() as PresenterPos | undefined) ?? { slide: 1, clicks: 0, seq: 0, leader: null }
  }

  async presenter(): Promise<PresenterPos> { return this.presenterNow() }

  async setPresenter(slide: number, clicks: number, leader: string | null = null): Promise<PresenterPos> {
    this.q.setPos.run(slide, clicks, leader)
    return this.presenterNow()
  }

  async submitContract(voter: string, c: ContractRow, now = Date.now()): Promise<StoreOutcome> {
    return this.db.transaction((): StoreOutcome => {
      const { phase } = this.cur(CONTRACTS_POLL)
      if (phase !== 'open') return { closed: phase }
      const replaced = this.q.hasContract.get(voter) !== undefined
      this.q.upsertContract.run(voter, c.track, JSON.stringify(c.recipe), now)
      this.q.bump.run(CONTRACTS_POLL) // a changed recipe, same count: the views still refetch (issue 19)
      return { ok: true, replaced }
    }).immediate()
  }

  async submitGame(voter: string, g: GameRow, now = Date.now()): Promise<StoreOutcome> {
    return this.db.transaction((): StoreOutcome => {
      const { phase } = this.cur(CONTRACTS_POLL)
      if (phase !== 'open') return { closed: phase }
      const replaced = this.q.hasGame.get(voter) !== undefined
      this.q.upsertGame.run(voter, g.track, g.triesUsed, g.found ? 1 : 0, now)
      this.q.bump.run(CONTRACTS_POLL)
      return { ok: true, replaced }
    }).immediate()
  }

  async contractCounts(): Promise<{ contracts: number; games: number }> {
    return { contracts: (this.q.countContracts.get() as { n: number }).n, games: (this.q.countGames.get() as { n: number }).n }
  }

  async contractList(): Promise<ContractRow[]> {
    return (this.q.listContracts.all() as { track: TrackId; recipe: string }[]).map((r) => ({ track: r.track, recipe: JSON.parse(r.recipe) }))
  }

  async gameResults(): Promise<GameRow[]> {
    return (this.q.games.all() as { track: TrackId; tries: number; found: number }[])
      .map((g) => ({ track: g.track, triesUsed: g.tries, found: g.found === 1 }))
  }

  async myContract(voter: string): Promise<{ contract: ContractRow | null; game: GameRow | null }> {
    const c = this.q.myContract.get(voter) as { track: TrackId; recipe: string } | undefined
    const g = this.q.myGame.get(voter) as { track: TrackId; tries: number; found: number } | undefined
    return {
      contract: c ? { track: c.track, recipe: JSON.parse(c.recipe) } : null,
      game: g ? { track: g.track, triesUsed: g.tries, found: g.found === 1 } : null,
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
