// The worker protocol: the UI sends `run` and `cancel`; the worker answers with progress, one result, an error
// or `cancelled`. `createLabServer` is the worker's logic without the Worker, so tests can drive it directly.
import { distillationJob, kernelsJob, pruningJob, quantizationJob, type DistillSpec, type Job, type KernelSpec } from './jobs'
import type { DistillationResult, KernelResult, PruningResult, QuantizationResult } from './jobs'

export type JobSpec =
  | { part: 'quantization' }
  | { part: 'pruning' }
  | ({ part: 'distillation' } & DistillSpec)
  | ({ part: 'kernels' } & KernelSpec)
export type JobResult = QuantizationResult | PruningResult | DistillationResult | KernelResult

export type LabRequest = { kind: 'run'; id: number; job: JobSpec } | { kind: 'cancel'; id: number }
export type LabResponse =
  | { kind: 'progress'; id: number; fraction: number; label: string }
  | { kind: 'result'; id: number; result: JobResult; ms: number }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'cancelled'; id: number }

/** A stable key per configuration, for caching results. */
export function jobKey(job: JobSpec): string {
  switch (job.part) {
    case 'distillation': return `distillation:h${job.hidden}:T${job.temperature}`
    case 'kernels': return `kernels:s${job.sparsity}:x${job.scale}`
    default: return job.part
  }
}

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
