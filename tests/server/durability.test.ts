// kill -9 during a burst of answers: every acknowledged answer is durable (SQLite: WAL, synchronous=FULL; PostgreSQL:
// synchronous_commit=on), on each store.
import { expect, it } from 'vitest'
import { DEFAULT_POLLS } from '../../server/defaultPolls.ts'
import { serviceProcesses } from './fixtures/serviceProcess.ts'
import { describeStores } from './fixtures/stores.ts'
import { call, idOf, voterName } from './fixtures/client.ts'
import { burst } from './fixtures/burst.ts'

const SECRET = 'durable-secret-Wombat-93'
describeStores((kind) => {
  const service = serviceProcesses(SECRET, 'session-kill9-', kind)
  const startChild = () => service.start()

  it('no acknowledged answer is lost when the server is killed mid-burst', async () => {
    expect(DEFAULT_POLLS.distillation.options).toHaveLength(4) // the engine's choice lock, answered with 0..3
    const first = await startChild()
    // 40 concurrent students, each voter answering once (so an acknowledged value is unambiguous)
    const students = burst(40, 5000, async (i) => {
      const r = await call(first.url, '/api/session/answer', { json: { poll: 'distillation', voter: voterName(i), value: i % 4 } })
      return r.status === 200 ? [voterName(i), i % 4] : undefined
    })
    const { acked } = students
    expect(await students.acknowledged(300)).toBeGreaterThanOrEqual(300)
    first.child.kill('SIGKILL')
    await students.stop()
    await new Promise((ok) => first.child.exitCode !== null || first.child.signalCode ? ok(null) : first.child.once('exit', ok))
    expect(first.child.signalCode).toBe('SIGKILL')

    const second = await startChild()
    const exp = await call(second.url, '/api/session/export?poll=distillation', { secret: SECRET })
    const stored = new Map<string, number>(exp.body.answers.map((a: { voter: string; value: number }) => [a.voter, a.value]))
    // the service identified each student by the id it issued to that student's browser
    const lost = [...acked].filter(([name, value]) => stored.get(idOf(first.url, name)!) !== value)
    expect(lost).toEqual([])
    expect(stored.size).toBeGreaterThanOrEqual(acked.size)
    second.child.kill('SIGKILL')
  }, 60_000)
})
