// Group commit of answers: requests parsed in the same event-loop turn are written in one transaction
// (one fsync), then each is acknowledged. An acknowledgement is never sent before its answer is on disk.
import type { AnswerInput, AnswerOutcome, SessionStore } from './store.ts'

interface Pending { input: AnswerInput; ok: (o: AnswerOutcome) => void; fail: (e: unknown) => void }

export class CommitQueue {
  private pending: Pending[] = []
  private scheduled = false

  constructor(private store: SessionStore, private maxBatch = 500) {}

  add(input: AnswerInput): Promise<AnswerOutcome> {
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
      const out = this.store.answerBatch(batch.map((p) => p.input))
      batch.forEach((p, i) => p.ok(out[i]))
    } catch (e) {
      for (const p of batch) p.fail(e)
    }
  }
}
