// `OPERATOR_TOKEN=… npm run rooms -- create|list|close CODE|export CODE [--out FILE] [--url http://HOST:PORT]`: the operator
// of a class service (started with the same OPERATOR_TOKEN in its environment) creates, lists, closes and exports rooms
// over its API (issue 20 item 2). The export is the room's JSON (server/roomExport.ts: pseudonyms, no voter ids).
// `create` prints the new room's code, its links and its presenter secret: this terminal is the only place the secret is
// ever shown (the service keeps its SHA-256 only); hand it to the room's presenter. The paths, methods and replies are
// the contract's (server/api.ts: OPERATOR_ENDPOINTS); a reply that is not the contract's is said, not printed.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  ErrorReply, joinLink, OPERATOR_ENDPOINTS, operatorPath, presenterLink, spacedRoomCode, studentLink,
  type OperatorEndpoint, type OperatorPathArgs, type OperatorReply,
} from '../server/api.ts'
import { zodMessage } from '../server/httpError.ts'

const USAGE = 'usage: OPERATOR_TOKEN=… npm run rooms -- create | list | close CODE | export CODE [--out FILE]  [--url http://localhost:3030]'

/** One operator request: its reply parsed with the endpoint's schema (`json`: the reply as it came, for the export's file). */
async function ask<E extends OperatorEndpoint>(url: string, token: string, endpoint: E, ...code: OperatorPathArgs<E>): Promise<{ reply: OperatorReply<E>; json: unknown }> {
  const target = new URL(operatorPath(endpoint, ...code), url)
  // fetch's own message is "fetch failed" whatever happened; the reason (refused, unknown host, certificate) is its cause
  const res = await fetch(target, { method: OPERATOR_ENDPOINTS[endpoint].method, headers: { Authorization: `Bearer ${token}` } }).catch((e: Error) => {
    throw new Error(`could not reach ${target.origin} (${(e.cause as Error | undefined)?.message ?? e.message}); is the service there? (--url)`)
  })
  const json: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const refusal = ErrorReply.safeParse(json)
    throw new Error(refusal.success ? refusal.data.error : `${target.origin} answered ${res.status} without the class service's { error, code }; is it the service? (--url)`)
  }
  const reply = OPERATOR_ENDPOINTS[endpoint].reply.safeParse(json)
  if (!reply.success) throw new Error(`the reply of ${target.origin} to ${endpoint} is not the class service's (${zodMessage(reply.error)}); is it the service, and of this version? (--url)`)
  return { reply: reply.data as OperatorReply<E>, json }
}

try {
  const { values, positionals } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true })
  const token = process.env.OPERATOR_TOKEN
  if (!token) throw new Error(`OPERATOR_TOKEN is not set\n${USAGE}`)
  const url = values.url ?? 'http://localhost:3030'
  const root = new URL('/', url).href
  const [cmd, code] = positionals
  if (cmd === 'create') {
    const { reply: r } = await ask(url, token, 'createRoom')
    console.log(`Room ${spacedRoomCode(r.code)}`)
    console.log(`  students:  ${studentLink(root, r.code)}   (or the code at ${joinLink(root)})`)
    console.log(`  presenter: ${presenterLink(root, r.code)}`)
    console.log(`  presenter secret (shown once, not stored by the service): ${r.secret}`)
  } else if (cmd === 'list') {
    const { rooms, expiry } = (await ask(url, token, 'listRooms')).reply
    for (const r of rooms)
      console.log(`${spacedRoomCode(r.code)}  created ${new Date(r.createdAt).toISOString()}${r.closedAt ? `  closed ${new Date(r.closedAt).toISOString()}` : ''}${r.default ? '  (default room)' : ''}`)
    if (!rooms.length) console.log('no rooms')
    console.log(`expiry: ${expiry.rule}`)
  } else if (cmd === 'close' && code) {
    await ask(url, token, 'closeRoom', code)
    console.log(`room ${code} closed (its answers are kept for export)`)
  } else if (cmd === 'export' && code) {
    // the file holds the export as the service wrote it (a field newer than this script's schema is kept)
    const json = `${JSON.stringify((await ask(url, token, 'exportRoom', code)).json, null, 2)}\n`
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
