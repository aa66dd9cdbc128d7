// The deck's client of the class service, with fetch stubbed: what it makes of replies that are not the service's
// (no reply, a proxy's page, a reply of another shape), and, for vue-tsc, that a request the service's schemas refuse
// does not type-check. Against the real service: tests/server/sessionApi.test.ts.
import { afterEach, expect, it, vi } from 'vitest'
import { postAnswer, getState, send, SessionError } from '../../composables/sessionApi'

const reply = (status: number, body: string, type = 'application/json') => vi.stubGlobal('fetch', async () => new Response(body, { status, headers: { 'Content-Type': type } }))
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused') }, (e: SessionError) => ({ status: e.status, code: e.code, message: e.message }))
afterEach(() => { vi.unstubAllGlobals() })

it('a refusal of the service carries its code and its sentence', async () => {
  reply(409, JSON.stringify({ error: 'the poll is locked: answers are closed', code: 'closed' }))
  expect(await refusal(postAnswer('quantization', 1))).toEqual({ status: 409, code: 'closed', message: 'the poll is locked: answers are closed' })
})

it('no reply at all, or a gateway\'s page, is unreachable; another reply that is not the contract\'s is unreadable', async () => {
  vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch') })
  expect(await refusal(getState())).toMatchObject({ status: 0, code: 'unreachable' })
  // a proxy's own page while the service is away: its 502/503/504, a CDN's 500 or 520–524, a 408 timeout (the service's
  // own refusals are always {error, code}, its failures included: code internal)
  for (const status of [502, 503, 504, 500, 522, 408]) {
    reply(status, '<html>Bad gateway</html>', 'text/html')
    expect(await refusal(getState())).toMatchObject({ status, code: 'unreachable', message: expect.stringMatching(/kept here, try again/) })
  }
  reply(404, '<html>Not found</html>', 'text/html') // a server without the service: no retry finds it
  expect(await refusal(getState())).toMatchObject({ status: 404, code: 'unreadable' })
  reply(409, JSON.stringify({ error: 'closed', code: 'no_such_code' }))
  expect(await refusal(postAnswer('quantization', 1))).toMatchObject({ status: 409, code: 'unreadable' })
  reply(200, JSON.stringify({ polls: {} })) // a snapshot without its room, presenter and contracts
  expect(await refusal(getState())).toMatchObject({ status: 200, code: 'unreadable' })
})

it('requests are typed by the service\'s schemas (checked by vue-tsc; never sent)', () => {
  const typeChecks = () => {
    // @ts-expect-error the value of an answer is a number
    send('answer', { body: { poll: 'quantization', value: '1' } })
    // @ts-expect-error the body is a strict object: no voter (the identity is the cookie's)
    send('answer', { body: { poll: 'quantization', value: 1, voter: 'ana' } })
    // @ts-expect-error a presenter's control names an action the service knows
    send('control', { body: { action: 'close', poll: 'quantization' } })
    // @ts-expect-error a game result's tries are a number
    send('game', { body: { track: 'edge', triesUsed: '3', found: true } })
    // @ts-expect-error results take a query, not a body
    send('results', { body: { poll: 'quantization' } })
  }
  expect(typeChecks).toBeTypeOf('function')
})
