// The class-session service on a loopback port: the rules of ARCHITECTURE §4, on each store (SQLite; PostgreSQL where
// TEST_DATABASE_URL is set).
import { beforeEach, describe, expect, it } from 'vitest'
import { startClassServer } from '../../server/app.ts'
import { TEST_POLLS } from './fixtures/polls.ts'
import { answerWithRetry, call, identityFor, idOf, voterName } from './fixtures/client.ts'
import { serviceInProcess } from './fixtures/serviceInProcess.ts'
import { describeStores, type StoreUnderTest } from './fixtures/stores.ts'

const SECRET = 'test-secret-Quokka-4711'
/** the service on a new store of this suite's kind, for a test that needs its own (a restart, other limits) */
const startOwn = async (kind: StoreUnderTest, o: Partial<Parameters<typeof startClassServer>[0]> = {}) => {
  const where = await kind.fresh()
  const s = await startClassServer({ secret: SECRET, polls: TEST_POLLS, dataDir: where.dataDir, databaseUrl: where.databaseUrl, ...o })
  return Object.assign(s, { drop: where.drop })
}

describeStores((kind) => {
  const service = serviceInProcess(SECRET, TEST_POLLS, kind)
  beforeEach(async () => {
    for (const poll of Object.keys(TEST_POLLS)) await call(service.url, '/api/session/control', { json: { action: 'newRound', poll }, secret: SECRET })
  })

  const control = (json: unknown, secret: string | null = SECRET) =>
    call(service.url, '/api/session/control', { json, secret: secret ?? undefined })
  const answer = (json: unknown) => call(service.url, '/api/session/answer', { json })
  /** A raw POST to answer as student `name` (its identity cookie, the body exactly as given). */
  const rawAnswer = async (name: string | null, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    call(service.url, '/api/session/answer', { method: 'POST', body, headers: name ? { ...headers, Cookie: (await identityFor(service.url, name)).cookie } : headers })
  /** Everything a bad request could change: phases, rounds, counts, the presenter's slide and the stored rows. */
  async function everything() {
    const state = (await call(service.url, '/api/session/state')).body
    const rows = await Promise.all(Object.keys(TEST_POLLS).map((poll) =>
      call(service.url, `/api/session/export?poll=${poll}`, { secret: SECRET }).then((r) => r.body.answers)))
    return { state, rows }
  }

  describe('bad requests: a 4xx with a JSON error and no change in state', () => {
    const oversized = JSON.stringify({ poll: 'quantization', voter: 'voter-000001', value: 1, pad: 'x'.repeat(5000) })
    const cases: [string, () => Promise<{ status: number; body: any }>, number][] = [
      ['malformed JSON', () => rawAnswer('voter-000001', '{"poll": "quantization",'), 400],
      ['oversized body', () => rawAnswer('voter-000001', oversized), 413],
      ['not JSON content type', () => rawAnswer('voter-000001', 'poll=quantization', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415],
      ['unknown poll', () => answer({ poll: 'nope', voter: 'voter-000001', value: 1 }), 404],
      ['choice index 4', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 4 }), 400],
      ['choice index -1', () => answer({ poll: 'quantization', voter: 'voter-000001', value: -1 }), 400],
      ['fractional choice', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1.5 }), 400],
      ['choice as a string', () => answer({ poll: 'quantization', voter: 'voter-000001', value: '1' }), 400],
      ['number below range', () => answer({ poll: 'sparsity', voter: 'voter-000001', value: 0.4 }), 400],
      ['number above range', () => answer({ poll: 'sparsity', voter: 'voter-000001', value: 4.01 }), 400],
      ['no identity (no cookie)', () => answer({ poll: 'quantization', value: 1 }), 401],
      ['a forged identity cookie', () => call(service.url, '/api/session/answer', { json: { poll: 'quantization', value: 1 }, headers: { Cookie: 'sc_voter=made-up-id.bm90LWEtc2lnbmF0dXJl' } }), 401],
      ['a valid id with another id\'s signature', async () => {
        const [a, b] = [await identityFor(service.url, 'voter-000001'), await identityFor(service.url, 'voter-000002')]
        return call(service.url, '/api/session/answer', { json: { poll: 'quantization', value: 1 }, headers: { Cookie: `sc_voter=${a.id}.${b.cookie.split('.')[1]}` } })
      }, 401],
      ['a voter chosen in the body', () => rawAnswer('voter-000001', JSON.stringify({ poll: 'quantization', voter: 'someone-else', value: 1 })), 400],
      ['extra field', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, admin: true }), 400],
      ['array body', () => rawAnswer('voter-000001', '[1, 2, 3]'), 400],
      ['stale round', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, round: 1 }), 409],
      // issue 22: confidence is an index into CONFIDENCE_LEVELS (or null), the track one of the engine's
      ['confidence 3 (three levels)', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, confidence: 3 }), 400],
      ['confidence -1', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, confidence: -1 }), 400],
      ['fractional confidence', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, confidence: 0.5 }), 400],
      ['confidence as words', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, confidence: 'sure' }), 400],
      ['unknown track', () => answer({ poll: 'quantization', voter: 'voter-000001', value: 1, track: 'mars' }), 400],
      ['control without secret', () => control({ action: 'reveal', poll: 'quantization' }, null), 401],
      ['control with a wrong secret', () => control({ action: 'reveal', poll: 'quantization' }, SECRET + 'x'), 401],
      ['control with a prefix of the secret', () => control({ action: 'lock', poll: 'quantization' }, SECRET.slice(0, 5)), 401],
      ['student moves the class', () => control({ action: 'goto', slide: 9, clicks: 0 }, null), 401],
      ['unknown action', () => control({ action: 'delete', poll: 'quantization' }), 400],
      ['control on an unknown poll', () => control({ action: 'lock', poll: 'nope' }), 404],
      ['goto slide 0', () => control({ action: 'goto', slide: 0, clicks: 0 }), 400],
      ['goto with a malformed tab id', () => control({ action: 'goto', slide: 2, clicks: 0, tab: '<script>' }), 400],
      ['results before reveal', () => call(service.url, '/api/session/results?poll=quantization'), 403],
      ['results of an unknown round', () => call(service.url, '/api/session/results?poll=quantization&round=999', { secret: SECRET }), 404],
      ['export without secret', () => call(service.url, '/api/session/export?poll=quantization'), 401],
      ['GET on answer', () => call(service.url, '/api/session/answer'), 405],
      ['unknown endpoint', () => call(service.url, '/api/session/admin'), 404],
      ['auth with a wrong secret', () => call(service.url, '/api/session/auth', { secret: 'guess' }), 401],
    ]
    it.each(cases)('%s', async (_name, run, status) => {
      await answer({ poll: 'quantization', voter: 'voter-keeper', value: 2 })
      // stale-round case needs round > 1, which beforeEach guarantees
      const before = await everything()
      const r = await run()
      expect(r.status).toBe(status)
      expect(typeof r.body?.error).toBe('string')
      expect(r.body.error.length).toBeGreaterThan(5)
      expect(await everything()).toEqual(before)
    })

    it('answering a locked or revealed poll is refused and changes nothing', async () => {
      await answer({ poll: 'quantization', voter: 'voter-000001', value: 1 })
      for (const action of ['lock', 'reveal']) {
        expect((await control({ action, poll: 'quantization' })).status).toBe(200)
        const before = await everything()
        const r = await answer({ poll: 'quantization', voter: 'voter-000001', value: 3 })
        expect(r.status).toBe(409)
        expect(r.body.error).toMatch(/closed/)
        expect(await everything()).toEqual(before)
      }
    })
  })

  describe('rules', () => {
    it('confidence and track are stored with the answer, replaced with it, and read after the reveal without voters (issue 22)', async () => {
      await answer({ poll: 'quantization', voter: 'voter-sure01', value: 2, confidence: 0, track: 'edge' })
      await answer({ poll: 'quantization', voter: 'voter-sure01', value: 1, confidence: 2, track: 'edge' }) // replaces both
      await answer({ poll: 'quantization', voter: 'voter-sure02', value: 3, confidence: null, track: 'tiny' })
      await answer({ poll: 'quantization', voter: 'voter-sure03', value: 0 }) // an older deck: neither said
      const rows = (await call(service.url, '/api/session/export?poll=quantization', { secret: SECRET })).body.answers
      expect(rows.map((r: any) => [r.value, r.confidence, r.track]).sort()).toEqual([[0, null, null], [1, 2, 'edge'], [3, null, 'tiny']])
      expect((await call(service.url, '/api/session/results?poll=quantization')).status).toBe(403)
      await control({ action: 'reveal', poll: 'quantization' })
      const res = await call(service.url, '/api/session/results?poll=quantization')
      expect(res.body.rated).toEqual([{ value: 0, confidence: null, track: null }, { value: 1, confidence: 2, track: 'edge' }, { value: 3, confidence: null, track: 'tiny' }])
      expect(res.text).not.toMatch(/voter/)
      // the voter's own state gives their confidence back, so another device of theirs shows it (the takeaway too)
      const mine = (await call(service.url, '/api/session/state?voter=voter-sure01')).body
      expect([mine.mine.quantization, mine.myConfidence.quantization]).toEqual([1, 2])
      expect((await call(service.url, '/api/session/state?voter=voter-sure03')).body.myConfidence.quantization).toBeNull()
    })

    it('one answer per (poll, round, voter): a resubmission replaces', async () => {
      for (const v of [0, 3, 1]) expect((await answer({ poll: 'quantization', voter: 'voter-aaaaaa', value: v })).status).toBe(200)
      await answer({ poll: 'quantization', voter: 'voter-bbbbbb', value: 1 })
      const st = (await call(service.url, '/api/session/state?voter=voter-aaaaaa')).body
      expect(st.polls.quantization.count).toBe(2)
      expect(st.mine.quantization).toBe(1)
      await control({ action: 'reveal', poll: 'quantization' })
      expect((await call(service.url, '/api/session/results?poll=quantization')).body.counts).toEqual([0, 2, 0, 0])
    })

    it('an acknowledged answer says how long the service itself spent on it (Server-Timing), its parts adding up', async () => {
      const r = await answer({ poll: 'quantization', voter: 'voter-timing', value: 2 })
      expect(r.status).toBe(200)
      const dur = Object.fromEntries((r.headers.get('server-timing') ?? '').split(',').map((m) => {
        const [name, d] = m.trim().split(';dur=')
        return [name, Number(d)]
      }))
      expect(Object.keys(dur)).toEqual(['parse', 'commit', 'reply', 'total'])
      for (const v of Object.values(dur)) expect(v).toBeGreaterThanOrEqual(0)
      expect(dur.total).toBeCloseTo(dur.parse + dur.commit + dur.reply, 2)
    })

    it('students see only the count until the reveal; then counts, never voter ids', async () => {
      await answer({ poll: 'quantization', voter: 'voter-secret1', value: 2 })
      const st = await call(service.url, '/api/session/state')
      expect(st.text).not.toContain('voter-secret1')
      expect(Object.keys(st.body.polls.quantization).sort()).toEqual(['count', 'phase', 'round', 'version'])
      expect((await call(service.url, '/api/session/results?poll=quantization')).status).toBe(403)
      await control({ action: 'lock', poll: 'quantization' })
      expect((await call(service.url, '/api/session/results?poll=quantization')).status).toBe(403)
      expect((await call(service.url, '/api/session/results?poll=quantization', { secret: SECRET })).status).toBe(200) // presenter preview
      await control({ action: 'reveal', poll: 'quantization' })
      const res = await call(service.url, '/api/session/results?poll=quantization')
      expect(res.status).toBe(200)
      expect(res.body.counts).toEqual([0, 0, 1, 0])
      expect(res.text).not.toContain('voter-secret1')
    })

    it('numbers: histogram over the range and the median', async () => {
      for (const [i, v] of [1, 1.2, 2, 3.9].entries()) await answer({ poll: 'sparsity', voter: voterName(i), value: v })
      await control({ action: 'reveal', poll: 'sparsity' })
      const r = (await call(service.url, '/api/session/results?poll=sparsity')).body
      expect(r.median).toBeCloseTo(1.6) // (1.2 + 2) / 2
      expect(r.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(4)
      expect(r.histogram.edges[0]).toBe(0.5)
      expect(r.histogram.edges.at(-1)).toBeCloseTo(4)
    })

    it('reset clears the round; newRound keeps the old one readable after its reveal; export CSV/JSON', async () => {
      await answer({ poll: 'quantization', voter: 'voter-cccccc', value: 1 })
      await control({ action: 'reset', poll: 'quantization' })
      expect((await call(service.url, '/api/session/state')).body.polls.quantization).toMatchObject({ count: 0, phase: 'open' })
      await answer({ poll: 'quantization', voter: 'voter-cccccc', value: 3, confidence: 1, track: 'tiny' })
      await control({ action: 'reveal', poll: 'quantization' })
      const old = (await call(service.url, '/api/session/state')).body.polls.quantization.round
      await control({ action: 'newRound', poll: 'quantization' })
      const st = (await call(service.url, '/api/session/state')).body.polls.quantization
      expect(st).toMatchObject({ round: old + 1, phase: 'open', count: 0 })
      expect((await call(service.url, `/api/session/results?poll=quantization&round=${old}`)).body.counts).toEqual([0, 0, 0, 1])
      const csv = await call(service.url, `/api/session/export?poll=quantization&round=${old}&format=csv`, { secret: SECRET })
      expect(csv.text.split('\n')[0]).toBe('poll,round,voter,value,updated_at,confidence,track')
      expect(csv.text).toContain(`quantization,${old},${idOf(service.url, 'voter-cccccc')},3,`)
      expect(csv.text.trim().split('\n')[1]).toMatch(/,fairly sure,tiny$/)
      const json = await call(service.url, `/api/session/export?poll=quantization&round=${old}`, { secret: SECRET })
      expect(json.body.answers).toMatchObject([{ voter: idOf(service.url, 'voter-cccccc'), value: 3 }])
    })

    it('200 concurrent voters, each answering twice with retries, give an exact tally', async () => {
      const voters = Array.from({ length: 200 }, (_, i) => i)
      // a first answer each, then the final answer sent twice concurrently (a retry racing its original)
      await Promise.all(voters.map((i) => answerWithRetry(service.url, { poll: 'quantization', voter: voterName(i), value: (i + 1) % 4 })))
      const acks = await Promise.all(voters.flatMap((i) => [0, 1].map(() =>
        answerWithRetry(service.url, { poll: 'quantization', voter: voterName(i), value: i % 4 }))))
      expect(acks.filter((r) => r.status === 200)).toHaveLength(400)
      await control({ action: 'reveal', poll: 'quantization' })
      const r = (await call(service.url, '/api/session/results?poll=quantization')).body
      expect(r.count).toBe(200)
      expect(r.counts).toEqual([50, 50, 50, 50])
    })

    it('every change of a poll (a resubmitted answer included) changes its version; a refused answer does not (issue 19)', async () => {
      const poll = async () => (await call(service.url, '/api/session/state')).body.polls.quantization
      await answer({ poll: 'quantization', voter: 'voter-version1', value: 1 })
      const v0 = await poll()
      expect(typeof v0.version).toBe('number')
      await answer({ poll: 'quantization', voter: 'voter-version1', value: 3 }) // a changed answer: same count
      const v1 = await poll()
      expect(v1.count).toBe(v0.count)
      expect(v1.version).toBeGreaterThan(v0.version)
      expect((await call(service.url, '/api/session/state')).body.polls.sparsity.version).not.toBeUndefined()
      await control({ action: 'lock', poll: 'quantization' })
      const v2 = await poll()
      expect(v2.version).toBeGreaterThan(v1.version)
      expect((await answer({ poll: 'quantization', voter: 'voter-version1', value: 2 })).status).toBe(409)
      expect((await poll()).version).toBe(v2.version)
      await control({ action: 'reset', poll: 'quantization' })
      expect((await poll()).version).toBeGreaterThan(v2.version)
    })

    it('the presenter moves the class; state and events carry slide and clicks', async () => {
      const r = await control({ action: 'goto', slide: 7, clicks: 2 })
      expect(r.body.presenter).toMatchObject({ slide: 7, clicks: 2 })
      expect((await call(service.url, '/api/session/state')).body.presenter).toMatchObject({ slide: 7, clicks: 2 })
    })

    it('the secret never appears in any response', async () => {
      await answer({ poll: 'quantization', voter: 'voter-dddddd', value: 1 })
      await control({ action: 'reveal', poll: 'quantization' })
      for (const p of ['/api/session/state', '/api/session/results?poll=quantization', '/api/session/nope'])
        expect((await call(service.url, p)).text).not.toContain(SECRET)
      for (const p of ['/api/session/auth', '/api/session/export?poll=quantization', '/api/session/export?poll=quantization&format=csv'])
        expect((await call(service.url, p, { secret: SECRET })).text).not.toContain(SECRET)
    })
  })

  describe('server-sent events', () => {
    it('a late joiner gets the current phase at once, then every phase change', async () => {
      await control({ action: 'lock', poll: 'sparsity' })
      const ctrl = new AbortController()
      const res = await fetch(service.url + '/api/session/events', { signal: ctrl.signal })
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
      const reader = res.body!.getReader()
      const dec = new TextDecoder()
      let buf = ''
      const nextState = async () => {
        for (let i = 0; i < 50; i++) {
          const m = buf.match(/event: state\ndata: (.*)\n\n/)
          if (m) { buf = buf.slice(m.index! + m[0].length); return JSON.parse(m[1]) }
          const { value, done } = await reader.read()
          if (done) throw new Error('stream ended')
          buf += dec.decode(value)
        }
        throw new Error('no state event')
      }
      expect((await nextState()).polls.sparsity.phase).toBe('locked')
      await control({ action: 'reveal', poll: 'sparsity' })
      expect((await nextState()).polls.sparsity.phase).toBe('revealed')
      await control({ action: 'goto', slide: 3, clicks: 1 })
      expect((await nextState()).presenter).toMatchObject({ slide: 3, clicks: 1 })
      ctrl.abort()
    })
  })

  describe('baking results for the static build', () => {
    it('counts only, latest revealed round, no voter ids', async () => {
      const { bake } = await import('../../server/bake.ts')
      await answer({ poll: 'quantization', voter: 'voter-bake-01', value: 3 })
      await answer({ poll: 'quantization', voter: 'voter-bake-02', value: 3 })
      await control({ action: 'reveal', poll: 'quantization' })
      const revealed = (await call(service.url, '/api/session/state')).body.polls.quantization.round
      await control({ action: 'newRound', poll: 'quantization' })
      const b = await bake(service.room, TEST_POLLS)
      expect(b.polls.quantization).toMatchObject({ round: revealed, count: 2, counts: [0, 0, 0, 2] })
      expect(JSON.stringify(b)).not.toMatch(/voter-bake/)
    })
  })

  describe('the presenter\'s tabs', () => {
    it('the tab that publishes leads: its id is in every snapshot, so another tab knows it does not', async () => {
      await control({ action: 'goto', slide: 4, clicks: 0, tab: 'tab-first-0001' })
      expect((await call(service.url, '/api/session/state')).body.presenter).toMatchObject({ slide: 4, leader: 'tab-first-0001' })
      await control({ action: 'goto', slide: 5, clicks: 1, tab: 'tab-second-002' }) // the second tab takes over
      expect((await call(service.url, '/api/session/state')).body.presenter).toMatchObject({ slide: 5, clicks: 1, leader: 'tab-second-002' })
    })
  })

  describe('identities the service issues', () => {
    it('nobody can answer as someone else: an answer counts for the cookie\'s identity only, and a reload keeps it', async () => {
      await answer({ poll: 'quantization', voter: 'voter-ident-a', value: 2 })
      const again = await call(service.url, '/api/session/identity', { headers: { Cookie: (await identityFor(service.url, 'voter-ident-a')).cookie } })
      expect(again.body).toEqual({ ok: true, issued: false }) // a reload with the cookie gets no new identity
      const mine = (await call(service.url, '/api/session/state?voter=voter-ident-a')).body.mine
      expect(mine.quantization).toBe(2)
      expect((await call(service.url, '/api/session/state?voter=voter-ident-b')).body.mine.quantization).toBeNull()
    })

    it('the identity survives a restart of the service (its key is in the data folder)', async () => {
      const where = await kind.fresh(true)
      try {
        const one = await startClassServer({ secret: SECRET, dataDir: where.dataDir, databaseUrl: where.databaseUrl, polls: TEST_POLLS })
        const id = await identityFor(one.url, 'restart-student')
        expect((await call(one.url, '/api/session/answer', { json: { poll: 'quantization', value: 1 }, headers: { Cookie: id.cookie } })).status).toBe(200)
        await one.close()
        const two = await startClassServer({ secret: SECRET, dataDir: where.dataDir, databaseUrl: where.databaseUrl, polls: TEST_POLLS })
        const st = await call(two.url, '/api/session/state', { headers: { Cookie: id.cookie } })
        expect(st.body.mine.quantization).toBe(1)
        await two.close()
      } finally {
        await where.drop()
      }
    })

    it('per-address limits: new identities per minute and open event streams get a 429 JSON error and change nothing', async () => {
      const small = await startOwn(kind, { limits: { identitiesPerMinute: 3, streamsPerAddress: 2 } })
      try {
        const ids = await Promise.all([0, 1, 2].map((i) => call(small.url, '/api/session/identity')))
        expect(ids.map((r) => r.status)).toEqual([200, 200, 200])
        const over = await call(small.url, '/api/session/identity')
        expect(over.status).toBe(429)
        expect(over.body.error).toMatch(/identities/)
        const ctrl = new AbortController()
        const open = await Promise.all([0, 1].map(() => fetch(`${small.url}/api/session/events`, { signal: ctrl.signal })))
        expect(open.map((r) => r.status)).toEqual([200, 200])
        const third = await fetch(`${small.url}/api/session/events`)
        expect(third.status).toBe(429)
        expect((await third.json()).error).toMatch(/event streams/)
        ctrl.abort()
      } finally {
        await small.close()
        await small.drop()
      }
    })
  })

  describe('guessing the secret (issue 19: one NAT for the whole hall)', () => {
    it('20+ wrong secrets from the presenter\'s address never lock out a presenter tab that signed in; every other secret is throttled alike', async () => {
      const own = await startOwn(kind)
      try {
        // the presenter's tab signs in before the lecture: auth hands it its pass (an HttpOnly cookie)
        const signIn = await fetch(own.url + '/api/session/auth', { headers: { Authorization: `Bearer ${SECRET}` } })
        expect(signIn.status).toBe(200)
        const pass = (signIn.headers.get('set-cookie') ?? '').split(';')[0]
        const guesses = []
        for (let i = 0; i < 25; i++) guesses.push((await call(own.url, '/api/session/auth', { secret: `guess-${i}` })).status)
        expect(guesses.slice(0, 20)).toEqual(new Array(20).fill(401))
        expect(guesses.slice(20)).toEqual(new Array(5).fill(429))
        // the right secret without the pass is throttled like a wrong one: the answer tells a guesser nothing
        expect((await call(own.url, '/api/session/auth', { secret: SECRET })).status).toBe(429)
        const move = await call(own.url, '/api/session/control', { json: { action: 'goto', slide: 12, clicks: 1 }, secret: SECRET, headers: { Cookie: pass } })
        expect(move.status).toBe(200)
        expect((await call(own.url, '/api/session/state')).body.presenter).toMatchObject({ slide: 12, clicks: 1 })
        for (let i = 0; i < 30; i++) expect((await call(own.url, '/api/session/auth', { secret: SECRET, headers: { Cookie: pass } })).status).toBe(200)
        const wrong = await call(own.url, '/api/session/control', { json: { action: 'goto', slide: 2, clicks: 0 }, secret: 'still-guessing' })
        expect(wrong.status).toBe(429)
        expect(wrong.body.error).toMatch(/wrong secrets/)
        expect((await call(own.url, '/api/session/state')).body.presenter).toMatchObject({ slide: 12, clicks: 1 })
      } finally {
        await own.close()
        await own.drop()
      }
    })
  })
})
