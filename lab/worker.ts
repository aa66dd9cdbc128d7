/// <reference lib="webworker" />
// Worker entry: new Worker(new URL('../lab/worker.ts', import.meta.url), { type: 'module' })
import { createLabServer } from './server'
import type { LabRequest } from './protocol'

const ctx = self as unknown as DedicatedWorkerGlobalScope
const server = createLabServer((r) => ctx.postMessage(r))
ctx.onmessage = (e: MessageEvent<LabRequest>) => void server.handle(e.data)
