import { describe, expect, it } from 'vitest'
import { createLabServer, jobKey, type LabResponse } from '../../lab'

function harness(sliceMs = 5) {
  const msgs: LabResponse[] = []
  let onMsg: (m: LabResponse) => void = () => {}
  const server = createLabServer((m) => { msgs.push(m); onMsg(m) }, { sliceMs })
  return { server, msgs, setOnMsg: (f: (m: LabResponse) => void) => (onMsg = f) }
}

describe('worker protocol', () => {
  it('runs a job to one result with the measured accuracy points', async () => {
    const { server, msgs } = harness()
    await server.handle({ kind: 'run', id: 1, job: { part: 'quantization' } })
    const results = msgs.filter((m) => m.kind === 'result')
    expect(results).toHaveLength(1)
    const r = results[0]
    if (r.kind !== 'result' || r.result.part !== 'quantization') throw new Error('wrong result')
    expect(r.result.points.map((p) => p.bits)).toEqual([32, 8, 4, 2, 1])
    expect(msgs.every((m) => m.id === 1)).toBe(true)
  })

  it('handles cancellation: a cancelled job reports cancelled and never a result', async () => {
    const { server, msgs, setOnMsg } = harness(1)
    setOnMsg((m) => { if (m.kind === 'progress') server.handle({ kind: 'cancel', id: 7 }) })
    await server.handle({ kind: 'run', id: 7, job: { part: 'distillation', hidden: 16, temperature: 4 } })
    expect(msgs.some((m) => m.kind === 'progress')).toBe(true)
    expect(msgs.at(-1)).toEqual({ kind: 'cancelled', id: 7 })
    expect(msgs.some((m) => m.kind === 'result')).toBe(false)
    expect(server.running).toBe(0)
  })

  it('a cancel for one job leaves another running job alone; unknown cancels are ignored', async () => {
    const { server, msgs } = harness(1)
    server.handle({ kind: 'cancel', id: 99 })
    const a = server.handle({ kind: 'run', id: 1, job: { part: 'quantization' } })
    const b = server.handle({ kind: 'run', id: 2, job: { part: 'quantization' } })
    server.handle({ kind: 'cancel', id: 2 })
    await Promise.all([a, b])
    expect(msgs.filter((m) => m.id === 1).at(-1)?.kind).toBe('result')
    expect(msgs.filter((m) => m.id === 2).at(-1)?.kind).toBe('cancelled')
  })

  it('bad input gets a clear error message', async () => {
    const { server, msgs } = harness()
    await server.handle({ kind: 'run', id: 3, job: { part: 'distillation', hidden: 16, temperature: 99 } })
    await server.handle({ kind: 'run', id: 4, job: { part: 'kernels', sparsity: 1.5, scale: 1 } })
    server.handle({ kind: 'nope' } as never)
    expect(msgs).toEqual([
      { kind: 'error', id: 3, message: 'temperature must be between 1 and 20, got 99' },
      { kind: 'error', id: 4, message: 'sparsity must be between 0 and 0.9, got 1.5' },
      { kind: 'error', id: -1, message: 'unknown message kind "nope"' },
    ])
  })

  it('keys results by configuration', () => {
    expect(jobKey({ part: 'distillation', hidden: 16, temperature: 4 })).not.toBe(jobKey({ part: 'distillation', hidden: 16, temperature: 5 }))
    expect(jobKey({ part: 'kernels', sparsity: 0.5, scale: 1 })).not.toBe(jobKey({ part: 'kernels', sparsity: 0.5, scale: 4 }))
  })
})
