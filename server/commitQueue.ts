// Group commit of answers: requests parsed in the same event-loop turn are written in one transaction
// (one fsync), then each is acknowledged. An acknowledgement is never sent before its answer is on disk.
import type { AnswerInput, AnswerOutcome, SessionStore } from './store.ts'

/** The answer's outcome, the number of answers in its round right after the commit (null when it was refused), and
 *  its share of the batch's commit time (the transaction and its fsync / batch size), ms. */
export interface Committed { outcome: AnswerOutcome; count: number | null; commitShareMs: number }
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
      // one COUNT per round touched, not one per answer: a COUNT scans the round, and a burst fills one round
      const counts = new Map<string, number>()
      const countOf = (poll: string, round: number) => {
        const key = `${round}\u0000${poll}`
        if (!counts.has(key)) counts.set(key, this.store.count(poll, round))
        return counts.get(key)!
      }
      const results = out.map((o, i) => ({ outcome: o, count: 'round' in o && !('closed' in o) ? countOf(batch[i].input.poll, o.round) : null }))
      const commitShareMs = (performance.now() - t0) / batch.length
      batch.forEach((p, i) => p.ok({ ...results[i], commitShareMs }))
    } catch (e) {
      for (const p of batch) p.fail(e)
    }
  }
}
