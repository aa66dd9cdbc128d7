// The expiry of old rooms (issue 20 item 2), on each store, under an injected clock: a room other than the default room
// is closed after idleDays without activity (its creation, or its latest answer, contract or game result), and a closed
// room's rows are deleted deleteDays after it closed; enforced when the service starts and every everyMs after.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSessionHandler, roomSecretHash } from '../../server/handler.ts'
import { DEFAULT_EXPIRY, describeExpiry, parseExpiry, type ExpiryRule } from '../../server/expiry.ts'
import { parseServeArgs, UsageError } from '../../server/args.ts'
import { openStore, type SessionStore } from '../../server/store.ts'
import { TEST_POLLS } from './fixtures/polls.ts'
import { describeStores } from './fixtures/stores.ts'

const DAY = 24 * 3600 * 1000
const RULE: ExpiryRule = { idleDays: 30, deleteDays: 60, everyMs: 3600_000 }

describe('the rule from the environment', () => {
  it('ROOM_IDLE_DAYS and ROOM_DELETE_DAYS: whole days or never; unset: 30 and 60', () => {
    expect(parseExpiry({})).toEqual(DEFAULT_EXPIRY)
    expect(DEFAULT_EXPIRY).toMatchObject({ idleDays: 30, deleteDays: 60 })
    expect(parseExpiry({ ROOM_IDLE_DAYS: '7', ROOM_DELETE_DAYS: 'never' })).toMatchObject({ idleDays: 7, deleteDays: null })
    expect(describeExpiry(parseExpiry({ ROOM_IDLE_DAYS: 'never' }))).toMatch(/never close.*60 days/)
    for (const bad of ['0', '-3', '2.5', 'soon'])
      expect(() => parseServeArgs([], { CLASS_SECRET: 'abcdefg', ROOM_DELETE_DAYS: bad })).toThrow(UsageError)
    expect(parseServeArgs([], { CLASS_SECRET: 'abcdefg', ROOM_IDLE_DAYS: '14' }).expiry).toMatchObject({ idleDays: 14, deleteDays: 60 })
  })
})

describeStores((kind) => {
  let store: SessionStore | undefined
  let drop = async () => {}
  afterEach(async () => {
    vi.useRealTimers()
    await store?.close()
    await drop()
  })

  it('closes idle rooms on start and deletes long-closed ones an interval later; active, fresh and default rooms stay', async () => {
    const where = await kind.fresh()
    drop = where.drop
    store = await openStore({ dataDir: where.dataDir, databaseUrl: where.databaseUrl })
    const home = (await store.defaultRoom()).code
    // the clock starts a year after every room's real creation, so the default room is "idle" too, and must stay open
    let clock = Date.now() + 365 * DAY
    const make = async (createdDaysAgo: number) => (await store!.createRoom(roomSecretHash('s'.repeat(24)), clock - createdDaysAgo * DAY)).code
    const idle = await make(31)
    const answered = await make(40)
    await store.room(answered).answer('quantization', 'v1', 1, clock - 29 * DAY)
    const played = await make(40)
    await store.room(played).submitGame('v2', { track: 'tiny', triesUsed: 3, found: true }, clock - 10 * DAY)
    const fresh = await make(1)
    const closedLong = await make(200)
    await store.room(closedLong).answer('quantization', 'v3', 2, clock - 150 * DAY)
    await store.room(closedLong).submitContract('v3', { track: 'tiny', recipe: {} as never }, clock - 150 * DAY)
    await store.room(closedLong).setPresenter(4, 1)
    await store.closeRoom(closedLong, clock - 61 * DAY)
    const closedRecently = await make(100)
    await store.closeRoom(closedRecently, clock - 59 * DAY)

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const handler = await createSessionHandler({ store, secret: 'expiry-secret', polls: TEST_POLLS, expiry: RULE, now: () => clock })
    try {
      // on start: the idle room closed now; the room closed 61 days ago deleted, every row of it
      expect((await store.findRoom(idle))!.closedAt).toBe(clock)
      for (const c of [answered, played, fresh, home]) expect((await store.findRoom(c))!.closedAt).toBeNull()
      expect(await store.findRoom(closedLong)).toBeNull()
      expect(await store.room(closedLong).rounds('quantization')).toEqual([])
      expect(await store.room(closedLong).contractCounts()).toEqual({ contracts: 0, games: 0 })
      expect((await store.room(closedLong).presenter()).seq).toBe(0)
      expect((await store.findRoom(closedRecently))!.closedAt).toBe(clock - 59 * DAY)
      expect(await store.room(answered).count('quantization', 1)).toBe(1) // nothing of the others touched

      // two days later, at the next interval: the answered room (last answer 31 days ago) closes, the recently closed
      // room (61 days) goes; the idle room closed on start stays (closed 2 days ago)
      clock += 2 * DAY
      const runs: Promise<unknown>[] = []
      const expire = handler.expire
      handler.expire = () => {
        const p = expire()
        runs.push(p)
        return p
      }
      await vi.advanceTimersByTimeAsync(RULE.everyMs)
      expect(runs).toHaveLength(1)
      await expect(runs[0]).resolves.toEqual({ closed: [answered], deleted: [closedRecently] })
      expect((await store.findRoom(answered))!.closedAt).toBe(clock)
      expect(await store.findRoom(closedRecently)).toBeNull()
      for (const c of [played, fresh, home]) expect((await store.findRoom(c))!.closedAt).toBeNull()
      expect((await store.findRoom(idle))!.closedAt).toBe(clock - 2 * DAY)

      // "never" keeps everything, and the default room never expires whatever the rule
      expect(await createSessionHandler({ store, secret: 'expiry-secret', polls: TEST_POLLS, expiry: { ...RULE, idleDays: null, deleteDays: null }, now: () => clock + 999 * DAY })
        .then((h) => { h.close(); return h.expire() })).toEqual({ closed: [], deleted: [] })
      // long after: every other room closes, and 60 days after its closing it is gone; the default room stays open
      clock += 999 * DAY
      const later = await createSessionHandler({ store, secret: 'expiry-secret', polls: TEST_POLLS, expiry: RULE, now: () => clock })
      later.close()
      // (the rooms closed 999 days ago are deleted in the same run; those it closes wait their 60 days)
      expect((await store.listRooms()).map((r) => [r.code, r.closedAt]).sort()).toEqual([[home, null], [played, clock], [fresh, clock]].sort())
      clock += 60 * DAY + 1
      expect((await later.expire()).deleted).toEqual([played, fresh].sort())
      expect((await store.listRooms()).map((r) => r.code)).toEqual([home])
    } finally {
      handler.close()
    }
  })
})
