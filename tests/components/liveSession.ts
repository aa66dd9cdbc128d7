// A live class session for component tests, with the service's client mocked: the service is there, this browser has
// an identity, and the room's snapshot (a valid reply of the contract, server/api.ts) has one open poll. Use it inside
// `vi.mock('../../composables/sessionApi', async (orig) => liveSessionApi(await orig(), { …overrides }))`.
import type { Snapshot } from '../../server/api'
import type * as SessionApi from '../../composables/sessionApi'

/** The room's state: `poll` open in round 1 with no answers, the contracts open and empty. */
export const openSnapshot = (poll: string): Snapshot => ({
  room: '482913',
  polls: { [poll]: { round: 1, phase: 'open', count: 0, version: 1 } },
  presenter: { slide: 1, clicks: 0, seq: 0, leader: null },
  contracts: { phase: 'open', count: 0, games: 0, version: 1 },
})

/** What a test says of a snapshot: what it is about; `fullSnapshot` fills in the rest as the service would send it. */
export interface SnapshotIn {
  room?: string
  polls?: Record<string, { round: number; phase: string; count: number; version?: number }>
  presenter?: Partial<Snapshot['presenter']>
  contracts?: Partial<Omit<Snapshot['contracts'], 'phase'>> & { phase?: string }
  mine?: Snapshot['mine']
}
/** A snapshot of the contract's shape (the deck ignores a push that is not, composables/useClassSession.ts) from what a
 *  test says of it: polls at version 1, the presenter on slide 1, the contracts open and empty, unless said otherwise. */
export const fullSnapshot = (s: SnapshotIn): Snapshot => ({
  ...s,
  room: s.room ?? '482913',
  polls: Object.fromEntries(Object.entries(s.polls ?? {}).map(([k, p]) => [k, { version: 1, ...p }])),
  presenter: { slide: 1, clicks: 0, seq: 0, leader: null, ...s.presenter },
  contracts: { phase: 'open', count: 0, games: 0, version: 1, ...s.contracts },
} as Snapshot)

export function liveSessionApi(real: typeof SessionApi, overrides: Partial<typeof SessionApi>): typeof SessionApi {
  return {
    ...real,
    probeLive: async () => true,
    getIdentity: async () => ({ ok: true, issued: false }),
    ...overrides,
  }
}
