// Every refusal carries a code of the contract (server/api.ts's ErrorCode) with the status the contract gives that code,
// and the human sentence beside it (issue 21 item 3: the deck switches on the code, never on the text). Each code is
// provoked here through the real service; the fixture's `call` also checks the shape of every error reply of every
// service suite. A code added to the contract without a case here fails the last test.
import { describe, expect, it } from 'vitest'
import { ERROR_STATUS, ErrorCode } from '../../server/api.ts'
import { BODY_LIMIT, GUESS_LIMIT, roomSecretHash } from '../../server/handler.ts'
import { call, checkErrorReply, identityFor } from './fixtures/client.ts'
import { serviceInProcess } from './fixtures/serviceInProcess.ts'

const SECRET = 'error-codes-secret-Bilby-7'
/** The codes a loopback test cannot provoke without breaking the service: a crash (internal) and 5,000 open streams (busy). */
const NOT_PROVOKED: ErrorCode[] = ['internal', 'busy']

describe('error codes', () => {
  const service = serviceInProcess(SECRET)
  const seen = new Set<ErrorCode>()
  /** A request that must be refused with `code`: its status is the contract's for that code, its sentence not empty. */
  async function refused(code: ErrorCode, path: string, init: Parameters<typeof call>[2] = {}) {
    const r = await call(service.url, path, init)
    const body = checkErrorReply(r.status, r.body, path)
    expect(body.code, `${path}: ${body.error}`).toBe(code)
    expect(r.status).toBe(ERROR_STATUS[code])
    expect(body.error.length).toBeGreaterThan(10)
    seen.add(code)
    return body
  }
  const student = async (name: string) => ({ Cookie: (await identityFor(service.url, name)).cookie })
  const control = (action: string, poll: string) => call(service.url, '/api/session/control', { json: { action, poll }, secret: SECRET })

  it('a body or query the schemas refuse: invalid', async () => {
    await refused('invalid', '/api/session/answer', { json: { poll: 'quantization', value: 'two' }, headers: await student('ana') })
    await refused('invalid', '/api/session/answer', { json: { poll: 'quantization', value: 9 }, headers: await student('ana') })
    await refused('invalid', '/api/session/answer', { body: '{"poll":', method: 'POST', headers: { ...await student('ana'), 'Content-Type': 'application/json' } })
    await refused('invalid', '/api/session/contract', { json: { track: 'tiny', recipe: { precision: 'fp3' } }, headers: await student('ana') })
    await refused('invalid', '/api/session/results?poll=quantization&round=0')
  })

  it('transport: too_large, bad_content_type, method_not_allowed, not_found', async () => {
    await refused('too_large', '/api/session/answer', { json: { poll: 'x'.repeat(BODY_LIMIT + 1), value: 1 }, headers: await student('ana') })
    await refused('bad_content_type', '/api/session/answer', { body: '{}', method: 'POST', headers: { ...await student('ana'), 'Content-Type': 'text/plain' } })
    await refused('method_not_allowed', '/api/session/state', { json: {} })
    await refused('not_found', '/api/session/nope')
    await refused('not_found', '/api/session/results?poll=nope')
    await refused('not_found', '/api/session/results?poll=quantization&round=99', { secret: SECRET })
    await refused('not_found', '/api/session/rooms', { method: 'POST' }) // no operator token configured
  })

  it('rooms: bad_room_code, no_room, room_closed', async () => {
    await refused('bad_room_code', '/api/session/rooms/12ab/state')
    const taken = new Set((await service.store.listRooms()).map((r) => r.code))
    const free = ['000000', '999999', '123456'].find((c) => !taken.has(c))!
    await refused('no_room', `/api/session/rooms/${free}/state`)
    const closed = (await service.store.createRoom(roomSecretHash('a-closed-room-secret'))).code
    await service.store.closeRoom(closed)
    await refused('room_closed', `/api/session/rooms/${closed}/state`)
  })

  it('who: no_identity, bad_secret, hidden', async () => {
    await refused('no_identity', '/api/session/answer', { json: { poll: 'quantization', value: 1 } })
    await refused('no_identity', '/api/session/game', { json: { track: 'tiny', triesUsed: 1, found: true } })
    await refused('bad_secret', '/api/session/control', { json: { action: 'lock', poll: 'quantization' }, secret: 'not-the-secret' })
    await refused('bad_secret', '/api/session/export?poll=quantization')
    await refused('hidden', '/api/session/results?poll=quantization')
    await refused('hidden', '/api/session/contracts')
  })

  it('phases: closed, stale, not_allowed', async () => {
    expect((await control('lock', 'quantization')).status).toBe(200)
    await refused('closed', '/api/session/answer', { json: { poll: 'quantization', value: 1 }, headers: await student('ben') })
    expect((await control('newRound', 'quantization')).status).toBe(200)
    await refused('stale', '/api/session/answer', { json: { poll: 'quantization', value: 1, round: 1 }, headers: await student('ben') })
    expect((await control('lock', 'contracts')).status).toBe(200)
    await refused('closed', '/api/session/game', { json: { track: 'edge', triesUsed: 1, found: true }, headers: await student('ben') })
    await refused('not_allowed', '/api/session/control', { json: { action: 'reset', poll: 'contracts' }, secret: SECRET })
  })

  it('too many wrong secrets from one address: throttled (last: it throttles this address for a minute)', async () => {
    for (let i = 0; i < GUESS_LIMIT; i++) await call(service.url, '/api/session/auth', { secret: `wrong-${i}` })
    await refused('throttled', '/api/session/auth', { secret: SECRET })
  })

  it('every code of the contract was provoked above (or is named as not provokable here)', () => {
    expect([...seen, ...NOT_PROVOKED].sort()).toEqual([...ErrorCode.options].sort())
  })
})
