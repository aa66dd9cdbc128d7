// The worker's logic without the Worker (tests drive it directly): runs jobs in time slices, yielding to the
// event loop between slices so that `cancel` messages are seen; one result, error or `cancelled` per job.
import { distillationJob, kernelsJob, pruningJob, quantizationJob, type Job } from './jobs'
import type { JobResult, JobSpec, LabRequest, LabResponse } from './protocol'

function start(job: JobSpec): Job<JobResult> {
  switch (job.part) {
    case 'quantization': return quantizationJob()
    case 'pruning': return pruningJob()
    case 'distillation': return distillationJob({ hidden: job.hidden, temperature: job.temperature })
    case 'kernels': return kernelsJob({ sparsity: job.sparsity, scale: job.scale, minMs: job.minMs })
    default: throw new Error(`unknown lab part "${(job as { part: unknown }).part}"`)
  }
}

export interface ServerOptions {
  /** run a job this long before yielding to the event loop (where cancels arrive) */
  sliceMs?: number
  now?: () => number
  pause?: () => Promise<void>
}

export function createLabServer(post: (r: LabResponse) => void, opts: ServerOptions = {}) {
  const sliceMs = opts.sliceMs ?? 40
  const now = opts.now ?? (() => performance.now())
  const pause = opts.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)))
  const cancelled = new Set<number>()
  const running = new Set<number>()

  async function run(id: number, job: JobSpec): Promise<void> {
    running.add(id)
    const t0 = now()
    try {
      const gen = start(job)
      let sliceStart = now()
      for (;;) {
        if (cancelled.has(id)) {
          post({ kind: 'cancelled', id })
          return
        }
        const step = gen.next()
        if (step.done) {
          post({ kind: 'result', id, result: step.value, ms: now() - t0 })
          return
        }
        if (now() - sliceStart >= sliceMs) {
          post({ kind: 'progress', id, fraction: step.value.fraction, label: step.value.label })
          await pause()
          sliceStart = now()
        }
      }
    } catch (e) {
      post({ kind: 'error', id, message: e instanceof Error ? e.message : String(e) })
    } finally {
      running.delete(id)
      cancelled.delete(id)
    }
  }

  return {
    handle(msg: LabRequest): Promise<void> | void {
      if (msg?.kind === 'cancel') {
        if (running.has(msg.id)) cancelled.add(msg.id)
        return
      }
      if (msg?.kind === 'run') return run(msg.id, msg.job)
      post({ kind: 'error', id: (msg as { id?: number })?.id ?? -1, message: `unknown message kind "${(msg as { kind?: unknown })?.kind}"` })
    },
    get running(): number { return running.size },
  }
}
