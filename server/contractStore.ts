// The class's Silicon Contracts and part-2 game results (issue 13), durable beside the answers: one row per identity
// in each table (a resubmission replaces), written in an immediate transaction that checks the phase, so an
// acknowledged contract is on disk (WAL, synchronous=FULL) and nothing is written once the presenter closed them.
// Only the recipe is stored; every number the deck shows is recomputed by the engine.
import type { TrackId } from '../engine/index.ts'
import { CONTRACTS_POLL, type ContractRow, type GameCounts, type GameRow, type Phase } from './api.ts'
import type { SessionStore } from './store.ts'

/** What storing a contract or a game result did (the handler turns it into api.Submitted, or a 409 when closed). */
export type StoreOutcome = { ok: true; replaced: boolean } | { closed: Phase }

export class ContractStore {
  private q

  constructor(private store: SessionStore) {
    const db = store.db
    // additive, like the store's own tables: a data folder from before issue 13 gains the two tables on start
    db.exec(`
      CREATE TABLE IF NOT EXISTS contracts (voter TEXT PRIMARY KEY, track TEXT NOT NULL, recipe TEXT NOT NULL,
        updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS games (voter TEXT PRIMARY KEY, track TEXT NOT NULL, tries INTEGER NOT NULL,
        found INTEGER NOT NULL, updated_at INTEGER NOT NULL);`)
    this.q = {
      has: db.prepare('SELECT 1 FROM contracts WHERE voter = ?'),
      upsert: db.prepare(`INSERT INTO contracts (voter, track, recipe, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (voter) DO UPDATE SET track = excluded.track, recipe = excluded.recipe, updated_at = excluded.updated_at`),
      hasGame: db.prepare('SELECT 1 FROM games WHERE voter = ?'),
      upsertGame: db.prepare(`INSERT INTO games (voter, track, tries, found, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (voter) DO UPDATE SET track = excluded.track, tries = excluded.tries, found = excluded.found, updated_at = excluded.updated_at`),
      count: db.prepare('SELECT COUNT(*) AS n FROM contracts'),
      countGames: db.prepare('SELECT COUNT(*) AS n FROM games'),
      // oldest first; the voter only breaks ties and never leaves this file
      list: db.prepare('SELECT track, recipe FROM contracts ORDER BY updated_at, voter'),
      games: db.prepare('SELECT track, tries, found FROM games'),
      mine: db.prepare('SELECT track, recipe FROM contracts WHERE voter = ?'),
      mineGame: db.prepare('SELECT track, tries, found FROM games WHERE voter = ?'),
    }
  }

  phase(): Phase { return this.store.current(CONTRACTS_POLL).phase }
  /** Bumped with every contract, game result and phase change: one version for the one view that shows them all. */
  version(): number { return this.store.version(CONTRACTS_POLL) }
  setPhase(phase: Phase): void { this.store.current(CONTRACTS_POLL); this.store.setPhase(CONTRACTS_POLL, phase) }

  /** Stores a recipe the engine has already validated (the caller's job), only while the contracts are open. */
  submitContract(voter: string, c: ContractRow, now = Date.now()): StoreOutcome {
    return this.store.db.transaction((): StoreOutcome => {
      const phase = this.phase()
      if (phase !== 'open') return { closed: phase }
      const replaced = this.q.has.get(voter) !== undefined
      this.q.upsert.run(voter, c.track, JSON.stringify(c.recipe), now)
      this.store.bump(CONTRACTS_POLL) // a changed recipe, same count: the views still refetch (issue 19)
      return { ok: true, replaced }
    }).immediate()
  }

  submitGame(voter: string, g: GameRow, now = Date.now()): StoreOutcome {
    return this.store.db.transaction((): StoreOutcome => {
      const phase = this.phase()
      if (phase !== 'open') return { closed: phase }
      const replaced = this.q.hasGame.get(voter) !== undefined
      this.q.upsertGame.run(voter, g.track, g.triesUsed, g.found ? 1 : 0, now)
      this.store.bump(CONTRACTS_POLL)
      return { ok: true, replaced }
    }).immediate()
  }

  counts(): { contracts: number; games: number } {
    return { contracts: (this.q.count.get() as { n: number }).n, games: (this.q.countGames.get() as { n: number }).n }
  }

  /** Every contract, recipes only (no identities). */
  list(): ContractRow[] {
    return (this.q.list.all() as { track: TrackId; recipe: string }[]).map((r) => ({ track: r.track, recipe: JSON.parse(r.recipe) }))
  }

  /** The game results as counts per track (no identities), for the histogram of tries. */
  gameCounts(maxTries: number): Partial<Record<TrackId, GameCounts>> {
    const out: Partial<Record<TrackId, GameCounts>> = {}
    for (const g of this.q.games.all() as { track: TrackId; tries: number; found: number }[]) {
      const c = (out[g.track] ??= { count: 0, found: new Array(maxTries).fill(0), notFound: 0 })
      c.count++
      if (g.found) c.found[g.tries - 1]++
      else c.notFound++
    }
    return out
  }

  mine(voter: string): { contract: ContractRow | null; game: GameRow | null } {
    const c = this.q.mine.get(voter) as { track: TrackId; recipe: string } | undefined
    const g = this.q.mineGame.get(voter) as { track: TrackId; tries: number; found: number } | undefined
    return {
      contract: c ? { track: c.track, recipe: JSON.parse(c.recipe) } : null,
      game: g ? { track: g.track, triesUsed: g.tries, found: g.found === 1 } : null,
    }
  }
}
