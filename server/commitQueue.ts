// Group commit of answers: requests parsed in the same event-loop turn are written in one transaction
// (one fsync), then each is acknowledged. An acknowledgement is never sent before its answer is on disk.
import type { AnswerInput, AnswerOutcome, SessionStore } from './store.ts'

/** The answer's outcome and its share of the batch's commit time (the transaction and its fsync / batch size), ms. */
export interface Committed { outcome: AnswerOutcome; commitShareMs: number }
interface Pending { input: AnswerInput; ok: (c: Committed) => void; fail: (e: unknown) => void }

export class CommitQueue {
  private pending: Pending[] = []
  private scheduled = false

  constructor(private store: SessionStore, private maxBatch = 500) {}

  add(input: AnswerInput): Promise<Committed> {
    return new Promise((ok, fail) => {
      this.pending.push({ input, ok, fail })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  private flush(): void {
    const batch = this.pending.splice(0, this.maxBatch)
    this.scheduled = false
    if (this.pending.length) { this.scheduled = true; setImmediate(() => this.flush()) }
    try {
      const t0 = performance.now()
      const out = this.store.answerBatch(batch.map((p) => p.input))
      const commitShareMs = (performance.now() - t0) / batch.length
      batch.forEach((p, i) => p.ok({ outcome: out[i], commitShareMs }))
    } catch (e) {
      for (const p of batch) p.fail(e)
    }
  }
}
