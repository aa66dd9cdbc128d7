// A button's action (composables/useAction.ts): busy while it runs, its failure kept as a message, and `run` never
// rejects, even when the action throws before its first await.
import { describe, expect, it } from 'vitest'
import { useAction } from '../../composables/useAction'

describe('useAction', () => {
  it('is busy while the action runs and clears its error on success', async () => {
    let finish!: () => void
    const a = useAction(() => new Promise<void>((ok) => (finish = ok)))
    const done = a.run()
    expect(a.busy.value).toBe(true)
    finish()
    await done
    expect([a.busy.value, a.error.value]).toEqual([false, null])
  })
  it('keeps a rejection as its message', async () => {
    const a = useAction(async () => { throw new Error('the class server answered 409') })
    await expect(a.run()).resolves.toBeUndefined()
    expect([a.busy.value, a.error.value]).toEqual([false, 'the class server answered 409'])
  })
  it('treats an action that throws at once like one that rejects: no rejection from run, and not busy for good', async () => {
    const a = useAction((): Promise<void> => { throw new Error('enter the presenter secret first') })
    await expect(a.run()).resolves.toBeUndefined()
    expect([a.busy.value, a.error.value]).toEqual([false, 'enter the presenter secret first'])
  })
})
