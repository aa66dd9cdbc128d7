// The lab bench's glue: one Web Worker for the whole deck, results cached per configuration, and a gate so that
// work runs only on the current slide in the normal slide view (never in print/export, overview or presenter thumbnails).
import { computed, onBeforeUnmount, ref, shallowRef, watch, type ComputedRef } from 'vue'
import { jobKey, type JobResult, type JobSpec, type LabRequest, type LabResponse } from '../lab'
import { useIsSlideActive, useNav, useSlideContext } from './slidev'

export interface WorkerLike {
  postMessage(m: LabRequest): void
  onmessage: ((e: MessageEvent<LabResponse>) => void) | null
  onerror: ((e: Event) => void) | null
  terminate(): void
}

const defaultFactory = (): WorkerLike =>
  new Worker(new URL('../lab/worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike
let factory: () => WorkerLike = defaultFactory
let worker: WorkerLike | null = null
let nextId = 1
const listeners = new Map<number, (r: LabResponse) => void>()
/** Finished results by configuration (jobKey), kept for the whole session: revisiting a slide is instant. */
export const labCache = new Map<string, { result: JobResult; ms: number }>()

/** For tests: run the lab in-process (or stubbed) instead of in a real Worker. */
export function setLabWorkerFactory(f: (() => WorkerLike) | null): void {
  worker?.terminate()
  worker = null
  factory = f ?? defaultFactory
  labCache.clear()
}

function getWorker(): WorkerLike {
  if (worker) return worker
  const w = factory()
  w.onmessage = (e) => listeners.get(e.data.id)?.(e.data)
  w.onerror = (e) => {
    const message = `the lab worker failed: ${(e as ErrorEvent).message || 'unknown error'}`
    for (const [id, l] of [...listeners]) l({ kind: 'error', id, message })
    w.terminate()
    if (worker === w) worker = null
  }
  worker = w
  return w
}

export type LabStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled'

/** One measurement at a time per panel; a new run or a cancel supersedes the previous one. */
export function useLabJob<R extends JobResult>() {
  const status = ref<LabStatus>('idle')
  const progress = ref(0)
  const label = ref('')
  const error = ref('')
  const ms = ref(0)
  const fromCache = ref(false)
  const result = shallowRef<R | null>(null)
  let current: number | null = null

  function cancel(): void {
    if (current === null) return
    const id = current
    current = null
    status.value = 'cancelled'
    worker?.postMessage({ kind: 'cancel', id })
  }

  function run(job: JobSpec, opts: { fresh?: boolean } = {}): void {
    cancel()
    const key = jobKey(job)
    const hit = opts.fresh ? undefined : labCache.get(key)
    if (hit) {
      status.value = 'done'
      result.value = hit.result as R
      ms.value = hit.ms
      fromCache.value = true
      return
    }
    const id = nextId++
    current = id
    progress.value = 0
    label.value = 'starting'
    error.value = ''
    status.value = 'running'
    listeners.set(id, (r) => {
      const mine = current === id
      if (r.kind === 'progress') {
        if (mine) [progress.value, label.value] = [r.fraction, r.label]
        return
      }
      listeners.delete(id)
      if (r.kind === 'result') labCache.set(key, { result: r.result, ms: r.ms })
      if (!mine) return
      current = null
      if (r.kind === 'result') [result.value, ms.value, fromCache.value, status.value] = [r.result as R, r.ms, false, 'done']
      else if (r.kind === 'error') [error.value, status.value] = [r.message, 'error']
      else status.value = 'cancelled'
    })
    try {
      getWorker().postMessage({ kind: 'run', id, job })
    } catch (e) {
      listeners.delete(id)
      current = null
      error.value = `could not start the lab worker: ${e instanceof Error ? e.message : String(e)}`
      status.value = 'error'
    }
  }

  onBeforeUnmount(cancel)
  return { status, progress, label, error, ms, fromCache, result, run, cancel }
}

/** True only on the current slide in the normal slide view (not print/export, overview, presenter or thumbnails). */
export function useLabActive(): ComputedRef<boolean> {
  const { $renderContext } = useSlideContext()
  const isActive = useIsSlideActive()
  const { isPrintMode } = useNav()
  return computed(() => $renderContext.value === 'slide' && isActive.value && !isPrintMode.value)
}

/** Runs `start` whenever the slide becomes active, and cancels the panel's jobs when it stops being active. */
export function whileActive(active: ComputedRef<boolean>, start: () => void, stop: () => void): void {
  watch(active, (on) => (on ? start() : stop()), { immediate: true })
}
