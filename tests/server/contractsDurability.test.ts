// kill -9 during a burst of contracts: every acknowledged contract is durable, as for answers, on each store.
import { expect, it } from 'vitest'
import { BASELINE_RECIPE, PRECISION, TRACKS } from '../../engine/index.ts'
import { serviceProcesses } from './fixtures/serviceProcess.ts'
import { describeStores } from './fixtures/stores.ts'
import { call, identityFor, voterName } from './fixtures/client.ts'
import { burst } from './fixtures/burst.ts'

const SECRET = 'durable-contracts-Bilby-58'
describeStores((kind) => {
  const service = serviceProcesses(SECRET, 'contracts-kill9-', kind)
  const startChild = () => service.start()

  it('no acknowledged contract is lost when the server is killed mid-burst', async () => {
    const first = await startChild()
    // each student's precision tells its contract apart after the restart
    const recipeOf = (i: number) => ({ ...BASELINE_RECIPE, student: TRACKS.tiny.baseline, precision: PRECISION.values[i % PRECISION.values.length] })
    const students = burst(30, 3000, async (i) => {
      const { cookie } = await identityFor(first.url, voterName(i))
      const r = await call(first.url, '/api/session/contract', { json: { track: 'tiny', recipe: recipeOf(i) }, headers: { Cookie: cookie } })
      return r.status === 200 ? [voterName(i), recipeOf(i).precision] : undefined
    })
    const { acked } = students
    expect(await students.acknowledged(200)).toBeGreaterThanOrEqual(200)
    first.child.kill('SIGKILL')
    await students.stop()
    await new Promise((ok) => first.child.exitCode !== null || first.child.signalCode ? ok(null) : first.child.once('exit', ok))

    const second = await startChild()
    // each student asks for its own contract with the cookie the first process issued (the key is in the data folder)
    const lost: string[] = []
    for (const [name, precision] of acked) {
      const { cookie } = await identityFor(first.url, name)
      const st = await call(second.url, '/api/session/state', { headers: { Cookie: cookie } })
      if (st.body.myContract?.recipe?.precision !== precision) lost.push(name)
    }
    expect(lost).toEqual([])
    const all = await call(second.url, '/api/session/contracts', { secret: SECRET })
    expect(all.body.contracts.length).toBeGreaterThanOrEqual(acked.size)
    second.child.kill('SIGKILL')
  }, 90_000)
})
