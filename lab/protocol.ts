// The worker protocol: the UI sends `run` and `cancel`; the worker answers with progress, one result, an error
// or `cancelled`. Types only (plus jobKey), so the UI bundle does not pull in the jobs or the teacher weights.
import type { DistillSpec, DistillationResult, KernelResult, KernelSpec, PruningResult, QuantizationResult } from './jobs'

export type JobSpec
  = | { part: 'quantization' }
    | { part: 'pruning' }
    | ({ part: 'distillation' } & DistillSpec)
    | ({ part: 'kernels' } & KernelSpec)
export type JobResult = QuantizationResult | PruningResult | DistillationResult | KernelResult

export type LabRequest = { kind: 'run'; id: number; job: JobSpec } | { kind: 'cancel'; id: number }
export type LabResponse
  = | { kind: 'progress'; id: number; fraction: number; label: string }
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
