// `OPERATOR_TOKEN=… npm run rooms -- create|list|close CODE|export CODE [--out FILE] [--url http://HOST:PORT]`: the operator
// of a class service (started with the same OPERATOR_TOKEN in its environment) creates, lists, closes and exports rooms
// over its API (issue 20 item 2). The export is the room's JSON (server/roomExport.ts: pseudonyms, no voter ids).
// `create` prints the new room's code, its links and its presenter secret: this terminal is the only place the secret is
// ever shown (the service keeps its SHA-256 only); hand it to the room's presenter.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { spacedRoomCode } from '../server/api.ts'

const USAGE = 'usage: OPERATOR_TOKEN=… npm run rooms -- create | list | close CODE | export CODE [--out FILE]  [--url http://localhost:3030]'

async function api(url: string, path: string, method: string, token: string): Promise<any> {
  const target = new URL(`/api/session/${path}`, url)
  // fetch's own message is "fetch failed" whatever happened; the reason (refused, unknown host, certificate) is its cause
  const res = await fetch(target, { method, headers: { Authorization: `Bearer ${token}` } }).catch((e: Error) => {
    throw new Error(`could not reach ${target.origin} (${(e.cause as Error | undefined)?.message ?? e.message}); is the service there? (--url)`)
  })
  const body = await res.json().catch(() => null)
  if (!res.ok) throw new Error(body?.error ?? `the service answered ${res.status}`)
  return body
}

try {
  const { values, positionals } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true })
  const token = process.env.OPERATOR_TOKEN
  if (!token) throw new Error(`OPERATOR_TOKEN is not set\n${USAGE}`)
  const url = values.url ?? 'http://localhost:3030'
  const [cmd, code] = positionals
  if (cmd === 'create') {
    const r = await api(url, 'rooms', 'POST', token)
    console.log(`Room ${spacedRoomCode(r.code)}`)
    console.log(`  students:  ${new URL(`/?room=${r.code}`, url)}   (or the code at ${new URL('/join', url)})`)
    console.log(`  presenter: ${new URL(`/presenter/1?room=${r.code}`, url)}`)
    console.log(`  presenter secret (shown once, not stored by the service): ${r.secret}`)
  } else if (cmd === 'list') {
    const { rooms, expiry } = await api(url, 'rooms', 'GET', token) as { rooms: { code: string; createdAt: number; closedAt: number | null; default: boolean }[]; expiry: { rule: string } }
    for (const r of rooms)
      console.log(`${spacedRoomCode(r.code)}  created ${new Date(r.createdAt).toISOString()}${r.closedAt ? `  closed ${new Date(r.closedAt).toISOString()}` : ''}${r.default ? '  (default room)' : ''}`)
    if (!rooms.length) console.log('no rooms')
    console.log(`expiry: ${expiry.rule}`)
  } else if (cmd === 'close' && code) {
    await api(url, `rooms/${encodeURIComponent(code)}`, 'DELETE', token)
    console.log(`room ${code} closed (its answers are kept for export)`)
  } else if (cmd === 'export' && code) {
    const json = `${JSON.stringify(await api(url, `rooms/${encodeURIComponent(code)}/export`, 'GET', token), null, 2)}\n`
    if (values.out) {
      writeFileSync(values.out, json)
      console.log(`room ${code} exported to ${values.out}`)
    } else {
      process.stdout.write(json)
    }
  } else {
    throw new Error(USAGE)
  }
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  process.exit(2)
}
