// `npm run rooms` (scripts/rooms.ts) against a stand-in service that records each request and answers what the test
// says: the CLI asks each operator endpoint at the path and with the method server/api.ts declares, prints the links
// the contract builds, and says so clearly (exit 2) when a reply is not the contract's. Against the real service:
// tests/server/roomExport.test.ts.
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinLink, OPERATOR_ENDPOINTS, operatorPath, presenterLink, studentLink } from '../../server/api.ts'

const TOKEN = 'operator-token-Quokka-0123456789abcdef'
const script = join(import.meta.dirname, '../../scripts/rooms.ts')
let server: Server
let url = ''
let answer: { status: number; body: string } = { status: 200, body: '{}' }
const asked: string[] = []
beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url} ${req.headers.authorization}`)
    res.writeHead(answer.status, { 'Content-Type': 'application/json' })
    res.end(answer.body)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

const run = async (...args: string[]) => {
  asked.length = 0
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args, '--url', url], { env: { ...process.env, OPERATOR_TOKEN: TOKEN } })
    return { code: 0, out: stdout }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, out: err.stdout + err.stderr }
  }
}

// each case spawns the CLI (tsx compiles it first: a second or two on a loaded 2-core machine)
describe('npm run rooms', { timeout: 30_000 }, () => {
  it('create: POST at the declared path with the token; prints the links the contract builds', async () => {
    answer = { status: 201, body: JSON.stringify({ code: '482913', secret: 'shown-once-secret-Bandicoot', createdAt: 1 }) }
    const r = await run('create')
    expect(asked).toEqual([`${OPERATOR_ENDPOINTS.createRoom.method} ${operatorPath('createRoom')} Bearer ${TOKEN}`])
    expect(r.code).toBe(0)
    const root = `${url}/`
    expect(r.out).toContain('Room 482 913')
    expect(r.out).toContain(`students:  ${studentLink(root, '482913')}   (or the code at ${joinLink(root)})`)
    expect(r.out).toContain(`presenter: ${presenterLink(root, '482913')}`)
    expect(r.out).toContain('shown-once-secret-Bandicoot')
  })

  it('close: DELETE at the room\'s declared path', async () => {
    answer = { status: 200, body: JSON.stringify({ ok: true, code: '482913', closed: true }) }
    expect((await run('close', '482913')).code).toBe(0)
    expect(asked).toEqual([`DELETE ${operatorPath('closeRoom', '482913')} Bearer ${TOKEN}`])
  })

  it.each([
    ['a list without its expiry rule', 200, JSON.stringify({ rooms: [] }), /reply of .* to listRooms is not the class service's \(expiry: .*\)/],
    ['a room with a code that is not six digits', 200, JSON.stringify({ rooms: [{ code: '12', createdAt: 1, closedAt: null, default: false }], expiry: { idleDays: 30, deleteDays: 60, rule: 'r' } }), /not the class service's \(rooms\.0\.code: /],
    ['a page that is not JSON', 200, '<html>welcome</html>', /to listRooms is not the class service's/],
    ['a refusal without { error, code }', 502, '<html>Bad gateway</html>', /answered 502 without the class service's \{ error, code \}/],
  ])('list: %s is said clearly, exit 2, and no list is printed', async (_name, status, body, message) => {
    answer = { status, body }
    const r = await run('list')
    expect(asked).toEqual([`GET ${operatorPath('listRooms')} Bearer ${TOKEN}`])
    expect(r.code).toBe(2)
    expect(r.out).toMatch(message)
    expect(r.out).not.toContain('no rooms')
  })

  it('a refusal of the service: its sentence', async () => {
    answer = { status: 401, body: JSON.stringify({ error: 'operator token missing or wrong', code: 'bad_secret' }) }
    const r = await run('export', '482913')
    expect(asked).toEqual([`GET ${operatorPath('exportRoom', '482913')} Bearer ${TOKEN}`])
    expect(r).toEqual({ code: 2, out: 'error: operator token missing or wrong\n' })
  })
})
