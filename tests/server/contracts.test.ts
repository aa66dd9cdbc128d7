// Issue 13 on a loopback port: the class's contracts and part-2 game results. The engine judges every recipe (its
// message reaches the student), one of each per identity, reveal-gated reads, every refusal a 4xx that changes nothing,
// and an acknowledged contract survives a restart.
import { beforeEach, describe, expect, it } from 'vitest'
import { startClassServer } from '../../server/app.ts'
import { Baked } from '../../server/api.ts'
import { bake } from '../../server/bake.ts'
import { BASELINE_RECIPE, EngineInputError, GAME_MAX_TRIES, TRACKS, validateRecipe } from '../../engine/index.ts'
import type { Recipe } from '../../engine/index.ts'
import { TEST_POLLS } from './fixtures/polls.ts'
import { call, identityFor } from './fixtures/client.ts'
import { serviceInProcess } from './fixtures/serviceInProcess.ts'
import { describeStores } from './fixtures/stores.ts'

const SECRET = 'contracts-secret-Numbat-271'
describeStores((kind) => {
  const service = serviceInProcess(SECRET, TEST_POLLS, kind)

  const control = (action: string, secret: string | null = SECRET) =>
    call(service.url, '/api/session/control', { json: { action, poll: 'contracts' }, secret: secret ?? undefined })
  beforeEach(async () => { await control('open') })

  /** A POST as student `name` (its issued identity cookie), the body as given. */
  async function post(path: 'contract' | 'game', name: string | null, json: unknown, raw?: { body: string; type?: string }) {
    const headers: Record<string, string> = { 'Content-Type': raw?.type ?? 'application/json' }
    if (name) headers.Cookie = (await identityFor(service.url, name)).cookie
    return call(service.url, `/api/session/${path}`, { method: 'POST', headers, body: raw ? raw.body : JSON.stringify(json) })
  }
  const contract = (name: string | null, track: unknown, recipe: unknown) => post('contract', name, { track, recipe })
  const game = (name: string | null, track: unknown, triesUsed: unknown, found: unknown) => post('game', name, { track, triesUsed, found })
  const tiny = (change: Partial<Recipe> = {}): Recipe => ({ ...validateRecipe('tiny', { ...BASELINE_RECIPE, student: TRACKS.tiny.baseline }), ...change })
  const student = (track: 'tiny' | 'edge') => TRACKS[track].models.find((m) => m.id !== TRACKS[track].baseline)!.id

  /** Everything a bad request could change: the presenter's view of contracts and games, the counts, the student's own. */
  async function everything() {
    return {
      view: (await call(service.url, '/api/session/contracts', { secret: SECRET })).body,
      state: (await call(service.url, '/api/session/state?voter=keeper')).body,
    }
  }
  /** The engine's own message for a recipe, to compare with what the service says. */
  function engineSays(track: string, recipe: unknown): string {
    try {
      validateRecipe(track as 'tiny', recipe)
      return 'valid'
    } catch (e) { return (e as EngineInputError).message }
  }

  describe('bad contracts and game results: a 4xx with a JSON error and no change', () => {
    const cases: [string, () => Promise<{ status: number; body: any }>, number, RegExp?][] = [
      ['no identity', () => contract(null, 'tiny', tiny()), 401],
      ['a forged identity', () => call(service.url, '/api/session/contract', { json: { track: 'tiny', recipe: tiny() }, headers: { Cookie: 'sc_voter=abc.bm90LXNpZ25lZA' } }), 401],
      ['malformed JSON', () => post('contract', 'mallory', null, { body: '{"track": "tiny",' }), 400],
      ['oversized body', () => post('contract', 'mallory', null, { body: JSON.stringify({ track: 'tiny', recipe: { ...tiny(), pad: 'x'.repeat(5000) } }) }), 413],
      ['not JSON', () => post('contract', 'mallory', null, { body: 'track=tiny', type: 'text/plain' }), 415],
      ['unknown track', () => contract('mallory', 'moon', tiny()), 400, /^track: unknown track "moon"/],
      ['unknown precision', () => contract('mallory', 'tiny', tiny({ precision: 'int2' as Recipe['precision'] })), 400, /^precision: /],
      ["sparsity above the engine's 0.9", () => contract('mallory', 'tiny', tiny({ sparsity: 0.95 })), 400, /^sparsity: must be between 0 and 0.9/],
      ['NaN-like sparsity', () => contract('mallory', 'tiny', { ...tiny(), sparsity: '0.5' }), 400, /^sparsity: must be a finite number/],
      ['2:4 at 30%', () => contract('mallory', 'tiny', tiny({ pattern: '2:4', sparsity: 0.3 })), 400, /2:4 pattern prunes exactly 0.5/],
      ['a model of another track', () => contract('mallory', 'tiny', tiny({ student: TRACKS.cloud.baseline })), 400, /^student: unknown model/],
      ['temperature 25', () => contract('mallory', 'tiny', tiny({ distill: true, temperature: 25 })), 400, /^temperature: /],
      ['recipe not an object', () => contract('mallory', 'tiny', 'INT4 please'), 400, /^recipe: must be an object/],
      ['an unknown recipe field', () => contract('mallory', 'tiny', { ...tiny(), energy: 0 }), 400, /unknown field "energy"/],
      ['an extra body field (a chosen voter)', () => post('contract', 'mallory', { track: 'tiny', recipe: tiny(), voter: 'someone' }), 400],
      ['0 tries', () => game('mallory', 'tiny', 0, true), 400, /triesUsed/],
      [`${GAME_MAX_TRIES + 1} tries`, () => game('mallory', 'tiny', GAME_MAX_TRIES + 1, true), 400, /triesUsed/],
      ['2.5 tries', () => game('mallory', 'tiny', 2.5, true), 400, /triesUsed/],
      ['not found after 3 tries (the game is not over)', () => game('mallory', 'tiny', 3, false), 400, /only after all 10 tries/],
      ['found as a string', () => game('mallory', 'tiny', 3, 'yes'), 400, /found/],
      ['a game on an unknown track', () => game('mallory', 'moon', 3, true), 400, /unknown track/],
      ['a game without identity', () => game(null, 'tiny', 3, true), 401],
      ['GET on contract', () => call(service.url, '/api/session/contract'), 405],
      ['students read contracts before the reveal', () => call(service.url, '/api/session/contracts'), 403],
      ['a wrong secret reads contracts', () => call(service.url, '/api/session/contracts', { secret: 'guess-guess' }), 403],
      ['a student reveals the contracts', () => control('reveal', null), 401],
      ['reset of the contracts', () => control('reset'), 400, /cannot be reset/],
      ['newRound of the contracts', () => control('newRound'), 400, /cannot be reset/],
    ]
    it.each(cases)('%s', async (_name, run, status, message) => {
      expect((await contract('keeper', 'tiny', tiny({ precision: 'int8' }))).status).toBe(200)
      expect((await game('keeper', 'tiny', 4, true)).status).toBe(200)
      const before = await everything()
      const r = await run()
      expect(r.status).toBe(status)
      expect(typeof r.body?.error).toBe('string')
      expect(r.body.error.length).toBeGreaterThan(5)
      if (message) expect(r.body.error).toMatch(message)
      expect(await everything()).toEqual(before)
    })

    it("the student reads the engine's own message for an invalid recipe", async () => {
      const bad = { ...tiny(), sparsity: 1.5 }
      const r = await contract('mallory', 'tiny', bad)
      expect(r.status).toBe(400)
      expect(r.body.error).toBe(engineSays('tiny', bad))
    })

    it('after close and after reveal, a contract or a game result is refused (409) and nothing changes', async () => {
      await contract('closer', 'tiny', tiny())
      for (const action of ['lock', 'reveal']) {
        expect((await control(action)).status).toBe(200)
        const before = await everything()
        const r = await contract('closer', 'tiny', tiny({ precision: 'int4' }))
        expect(r.status).toBe(409)
        expect(r.body.error).toMatch(/contracts are (closed|revealed)/)
        expect((await game('closer', 'tiny', 2, true)).status).toBe(409)
        expect(await everything()).toEqual(before)
      }
    })
  })

  describe('rules', () => {
    it("one contract per identity: a resubmission replaces; the stored recipe is the engine's clean copy", async () => {
      const n0 = (await call(service.url, '/api/session/state')).body.contracts.count
      const first = await contract('ada', 'tiny', { ...tiny(), student: 'baseline' }) // the engine's alias for the teacher
      expect(first.status).toBe(200)
      expect(first.body).toMatchObject({ ok: true, replaced: false, contracts: n0 + 1 })
      expect(first.body.mine.contract).toEqual({ track: 'tiny', recipe: tiny() })
      const second = await contract('ada', 'edge', { ...BASELINE_RECIPE, student: student('edge'), distill: true, temperature: 8, precision: 'int8' })
      expect(second.body).toMatchObject({ ok: true, replaced: true, contracts: n0 + 1 })
      const st = (await call(service.url, '/api/session/state?voter=ada')).body
      expect(st.contracts.count).toBe(n0 + 1)
      expect(st.myContract).toMatchObject({ track: 'edge', recipe: { precision: 'int8', distill: true } })
    })

    it('a resubmitted contract or game result changes the version of the contracts even when the count does not (issue 19)', async () => {
      const state = async () => (await call(service.url, '/api/session/state')).body.contracts
      expect((await contract('vera', 'tiny', tiny({ precision: 'int8' }))).status).toBe(200)
      const v0 = await state()
      expect(typeof v0.version).toBe('number')
      expect((await contract('vera', 'tiny', tiny({ precision: 'int4' }))).body.replaced).toBe(true)
      const v1 = await state()
      expect(v1.count).toBe(v0.count) // same count: only the version says the room changed
      expect(v1.version).toBeGreaterThan(v0.version)
      expect((await game('vera', 'tiny', 3, true)).status).toBe(200)
      expect((await game('vera', 'tiny', 5, true)).body.replaced).toBe(true)
      const v2 = await state()
      expect(v2.games).toBe(v1.games + 1)
      expect(v2.version).toBeGreaterThan(v1.version + 1)
      expect((await control('lock')).status).toBe(200)
      const v3 = await state()
      expect(v3.version).toBeGreaterThan(v2.version)
      expect((await contract('vera', 'tiny', tiny())).status).toBe(409) // refused: no change, no new version
      expect((await state()).version).toBe(v3.version)
    })

    it('one game result per identity, counted per track: found on try n, or out of tries', async () => {
      const before = (await call(service.url, '/api/session/contracts', { secret: SECRET })).body.games.edge ?? { count: 0, found: new Array(GAME_MAX_TRIES).fill(0), notFound: 0 }
      expect((await game('gus', 'edge', 7, true)).status).toBe(200)
      expect((await game('gus', 'edge', 3, true)).body.replaced).toBe(true) // a replayed game replaces
      expect((await game('hal', 'edge', GAME_MAX_TRIES, false)).status).toBe(200)
      const g = (await call(service.url, '/api/session/contracts', { secret: SECRET })).body.games.edge
      expect(g.count).toBe(before.count + 2)
      expect(g.found[2]).toBe(before.found[2] + 1)
      expect(g.found[6]).toBe(before.found[6])
      expect(g.notFound).toBe(before.notFound + 1)
      expect((await call(service.url, '/api/session/state?voter=hal')).body.myGame).toEqual({ track: 'edge', triesUsed: GAME_MAX_TRIES, found: false })
    })

    it('the presenter sees the contracts live; students after the reveal, recipes and counts only', async () => {
      await contract('eve', 'tiny', tiny({ precision: 'int4', distill: true }))
      const live = await call(service.url, '/api/session/contracts', { secret: SECRET })
      expect(live.status).toBe(200)
      expect(live.body.phase).toBe('open')
      expect(live.body.contracts).toContainEqual({ track: 'tiny', recipe: tiny({ precision: 'int4', distill: true }) })
      expect((await call(service.url, '/api/session/contracts')).status).toBe(403)
      expect((await control('reveal')).body.state).toMatchObject({ poll: 'contracts', phase: 'revealed' })
      const seen = await call(service.url, '/api/session/contracts')
      expect(seen.status).toBe(200)
      expect(seen.body.contracts).toEqual(live.body.contracts)
      expect(seen.body.maxTries).toBe(GAME_MAX_TRIES)
      // no identity leaves the service: neither the issued id nor anything but track and recipe per contract
      expect(seen.text).not.toContain((await identityFor(service.url, 'eve')).id)
      for (const c of seen.body.contracts) expect(Object.keys(c).sort()).toEqual(['recipe', 'track'])
      expect((await call(service.url, '/api/session/state')).body.contracts.phase).toBe('revealed')
    })
  })

  describe('durability and baking', () => {
    it('an acknowledged contract and game result survive a restart; the bake has recipes and counts, no identities', async () => {
      const where = await kind.fresh(true)
      try {
        const one = await startClassServer({ secret: SECRET, dataDir: where.dataDir, databaseUrl: where.databaseUrl, polls: TEST_POLLS })
        const id = await identityFor(one.url, 'zoe')
        const sent = await call(one.url, '/api/session/contract', { json: { track: 'tiny', recipe: tiny({ precision: 'int8' }) }, headers: { Cookie: id.cookie } })
        expect(sent.status).toBe(200)
        expect((await call(one.url, '/api/session/game', { json: { track: 'tiny', triesUsed: 5, found: true }, headers: { Cookie: id.cookie } })).status).toBe(200)
        await one.close()
        const two = await startClassServer({ secret: SECRET, dataDir: where.dataDir, databaseUrl: where.databaseUrl, polls: TEST_POLLS })
        const st = (await call(two.url, '/api/session/state', { headers: { Cookie: id.cookie } })).body
        expect(st.myContract).toEqual({ track: 'tiny', recipe: tiny({ precision: 'int8' }) })
        expect(st.contracts).toMatchObject({ phase: 'open', count: 1, games: 1 })
        const b = await bake(two.room, TEST_POLLS)
        expect(b.contracts?.contracts).toEqual([{ track: 'tiny', recipe: tiny({ precision: 'int8' }) }])
        expect(b.contracts?.games.tiny).toMatchObject({ count: 1, notFound: 0 })
        expect(b.contracts?.games.tiny?.found[4]).toBe(1)
        expect(JSON.stringify(b)).not.toContain(id.id)
        expect(Baked.parse(JSON.parse(JSON.stringify(b)))).toEqual(b) // the file, as written, is what the deck parses
        await two.close()
      } finally {
        await where.drop()
      }
    })
  })
})
