// The class's Silicon Contracts and part-2 game results (issue 13) as the handler sees them, over either store
// (server/store.ts): one row per identity in each table (a resubmission replaces), written in one transaction that
// checks the phase, so an acknowledged contract is durable and nothing is written once the presenter closed them.
// Only the recipe is stored; every number the deck shows is recomputed by the engine.
import type { TrackId } from '../engine/index.ts'
import { CONTRACTS_POLL, type ContractRow, type GameCounts, type GameRow, type Phase } from './api.ts'
import type { RoomStore, StoreOutcome } from './store.ts'

export type { StoreOutcome }

export class ContractStore {
  constructor(private store: RoomStore) {}

  async phase(): Promise<Phase> { return (await this.store.current(CONTRACTS_POLL)).phase }
  /** Bumped with every contract, game result and phase change: one version for the one view that shows them all. */
  version(): Promise<number> { return this.store.version(CONTRACTS_POLL) }
  setPhase(phase: Phase): Promise<void> { return this.store.setPhase(CONTRACTS_POLL, phase) }

  /** Stores a recipe the engine has already validated (the caller's job), only while the contracts are open. */
  submitContract(voter: string, c: ContractRow, now = Date.now()): Promise<StoreOutcome> { return this.store.submitContract(voter, c, now) }
  submitGame(voter: string, g: GameRow, now = Date.now()): Promise<StoreOutcome> { return this.store.submitGame(voter, g, now) }
  counts(): Promise<{ contracts: number; games: number }> { return this.store.contractCounts() }
  /** Every contract, recipes only (no identities). */
  list(): Promise<ContractRow[]> { return this.store.contractList() }

  /** The game results as counts per track (no identities), for the histogram of tries. */
  async gameCounts(maxTries: number): Promise<Partial<Record<TrackId, GameCounts>>> {
    const out: Partial<Record<TrackId, GameCounts>> = {}
    for (const g of await this.store.gameResults()) {
      const c = (out[g.track] ??= { count: 0, found: new Array(maxTries).fill(0), notFound: 0 })
      c.count++
      if (g.found) c.found[g.triesUsed - 1]++
      else c.notFound++
    }
    return out
  }

  mine(voter: string): Promise<{ contract: ContractRow | null; game: GameRow | null }> { return this.store.myContract(voter) }
}
