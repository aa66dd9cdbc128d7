// Baking the last live class's results for recorded-lecture viewers: per poll, the latest round with
// answers (a revealed one preferred), aggregated to counts only — no voter ids leave the store. One room's class.
import { aggregate, rated } from './aggregate.ts'
import type { Baked } from './api.ts'
import type { PollDefs } from './polls.ts'
import type { RoomStore } from './store.ts'
import { ContractStore } from './contractStore.ts'
import { contractsView } from './contracts.ts'

/** The file's shape is the contract's (`Baked` in api.ts, which the deck parses it with); `contracts`: the class's
 *  recipes (no identities) and game counts per track, when any were sent (issue 13). */
export async function bake(store: RoomStore, polls: PollDefs, now = new Date()): Promise<Baked> {
  const out: Baked = { bakedAt: now.toISOString(), polls: {} }
  for (const [id, def] of Object.entries(polls)) {
    const rounds = (await store.rounds(id)).filter((r) => r.count > 0)
    const pick = rounds.filter((r) => r.phase === 'revealed').at(-1) ?? rounds.at(-1)
    if (!pick) continue
    const rows = await store.rows(id, pick.round)
    // with each answer's confidence and track (no voter): the recorded viewer sees the room's calibration too (issue 22)
    out.polls[id] = { ...aggregate(def, pick.round, rows.map((r) => r.value)), rated: rated(rows) }
  }
  const c = new ContractStore(store)
  const n = await c.counts()
  if (n.contracts + n.games > 0) {
    const { contracts, games, maxTries } = await contractsView(c)
    out.contracts = { contracts, games, maxTries }
  }
  return out
}
