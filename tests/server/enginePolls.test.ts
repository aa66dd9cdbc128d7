// The service as the deck runs it: its polls are the engine's LOCKS (server/defaultPolls.ts), including both parts of
// lock 1. Each lock takes a valid answer, refuses a bad one with a 4xx JSON error that changes nothing, and bakes.
import { describe, expect, it } from 'vitest'
import { bake } from '../../server/bake.ts'
import { DEFAULT_POLLS } from '../../server/defaultPolls.ts'
import { LOCKS } from '../../engine/index.ts'
import { call } from './fixtures/client.ts'
import { serviceInProcess } from './fixtures/serviceInProcess.ts'
import { describeStores } from './fixtures/stores.ts'

const SECRET = 'engine-polls-secret-Numbat-27'
describeStores((kind) => {
  const service = serviceInProcess(SECRET, DEFAULT_POLLS, kind)

  const state = async () => (await call(service.url, '/api/session/state')).body
  const answer = (poll: string, voter: string, value: unknown) => call(service.url, '/api/session/answer', { json: { poll, voter, value } })

  describe('the engine\'s locks are the service\'s polls', () => {
    it('every lock, both parts of lock 1 included, is a poll', async () => {
      expect(Object.keys(DEFAULT_POLLS).sort()).toEqual(Object.keys(LOCKS).sort())
      expect(Object.keys((await state()).polls)).toEqual(expect.arrayContaining(['quantization', 'quantizationAccuracy']))
    })

    it.each(Object.values(LOCKS).map((d) => [d.id, d] as const))('%s: a valid answer counts, a bad one is a 400 that changes nothing', async (id, def) => {
      const good = def.kind === 'choice' ? def.options!.length - 1 : def.range!.min
      const bad = def.kind === 'choice' ? def.options!.length : def.range!.max + 1
      expect((await answer(id, `voter-${id}`, good)).status).toBe(200)
      const before = await state()
      const r = await answer(id, `voter-${id}`, bad)
      expect(r.status).toBe(400)
      expect(r.body.error).toContain(def.title) // the lock's human name, not only its id
      expect(await state()).toEqual(before)
      expect(before.polls[id].count).toBe(1)
    })

    it('lock 1\'s accuracy part reveals its counts and bakes for the static build', async () => {
      for (const [i, v] of [0, 0, 2].entries()) await answer('quantizationAccuracy', `voter-acc-${i}`, v)
      expect((await call(service.url, '/api/session/control', { json: { action: 'reveal', poll: 'quantizationAccuracy' }, secret: SECRET })).status).toBe(200)
      const res = (await call(service.url, '/api/session/results?poll=quantizationAccuracy')).body
      // the earlier test's answer (the last option) is in the same round
      expect(res).toMatchObject({ kind: 'choice', count: 4, counts: [2, 0, 1, 1] })
      expect((await bake(service.room, DEFAULT_POLLS)).polls.quantizationAccuracy).toMatchObject({ count: 4, counts: [2, 0, 1, 1] })
    })
  })
})
