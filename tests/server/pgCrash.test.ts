// PostgreSQL itself crashes mid-burst (pg_ctl -m immediate: no checkpoint, like a power cut; the restart replays the WAL)
// and the service is killed -9: every answer the service acknowledged is there after both come back, because each was
// acknowledged only after its COMMIT returned with synchronous_commit=on (issue 20 item 3). The test runs its own
// throwaway cluster (scripts/pg-test-cluster.sh), so crashing it disturbs no other test; it runs where the PostgreSQL
// tests run (TEST_DATABASE_URL set) and the server's programs are installed.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { serviceProcesses } from './fixtures/serviceProcess.ts'
import { call, idOf, voterName } from './fixtures/client.ts'
import { burst } from './fixtures/burst.ts'
import { PG_SKIP_REASON, STORES, TEST_DATABASE_URL } from './fixtures/stores.ts'

const SECRET = 'pg-crash-secret-Echidna-41'
const script = join(import.meta.dirname, '../../scripts/pg-test-cluster.sh')
const cluster = (...args: string[]) => promisify(execFile)('bash', [script, ...args], { timeout: 60_000 }).then((r) => r.stdout.trim())
const hasInitdb = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
const skip = !TEST_DATABASE_URL ? PG_SKIP_REASON : !hasInitdb ? 'no /usr/lib/postgresql/*/bin/initdb to run a cluster of its own (apt-get install postgresql)' : null

describe.skipIf(skip !== null)(skip ? `postgres store (skipped: ${skip})` : 'postgres store', () => {
  let url = ''
  const service = serviceProcesses(SECRET, 'pg-crash-', STORES[1], { get url() { return url } })
  afterAll(async () => { if (url) await cluster('stop', url) })

  it('no acknowledged answer is lost when PostgreSQL crashes and the service is killed -9 mid-burst', async () => {
    url = await cluster('start')
    const first = await service.start()
    const students = burst(40, 5000, async (i) => {
      const r = await call(first.url, '/api/session/answer', { json: { poll: 'distillation', voter: voterName(i), value: i % 4 } })
      return r.status === 200 ? [voterName(i), i % 4] : undefined
    })
    const { acked } = students
    expect(await students.acknowledged(300)).toBeGreaterThanOrEqual(300)
    await cluster('crash', url) // the database goes down with commits in flight
    first.child.kill('SIGKILL')
    await students.stop()

    await cluster('resume', url) // crash recovery: the WAL is replayed
    const second = await service.start()
    const exp = await call(second.url, '/api/session/export?poll=distillation', { secret: SECRET })
    expect(exp.status).toBe(200)
    const stored = new Map<string, number>(exp.body.answers.map((a: { voter: string; value: number }) => [a.voter, a.value]))
    const lost = [...acked].filter(([name, value]) => stored.get(idOf(first.url, name)!) !== value)
    expect(lost).toEqual([])
    second.child.kill('SIGKILL')
  }, 90_000)
})
