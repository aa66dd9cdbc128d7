// Group commit of answers: requests parsed in the same event-loop turn are written in one transaction
// (one fsync), then each is acknowledged. An acknowledgement is never sent before its answer is on disk.
// One batch is in flight at a time: what arrives while a commit is under way (PostgreSQL's commit is a round trip
// away) waits for it and goes in the next batch, so a burst becomes a few large commits instead of many small ones.
import type { AnswerInput, AnswerOutcome, RoomStore } from './store.ts'

/** The answer's outcome, the number of answers in its round right after the commit (null when it was refused), and
 *  its share of the batch's commit time (the transaction and its fsync / batch size), ms. */
export interface Committed { outcome: AnswerOutcome; count: number | null; commitShareMs: number }
interface Pending { input: AnswerInput; ok: (c: Committed) => void; fail: (e: unknown) => void }

export class CommitQueue {
  private pending: Pending[] = []
  private scheduled = false
  private flushing = false

  constructor(private store: RoomStore, private maxBatch = 500) {}

  add(input: AnswerInput): Promise<Committed> {
    return new Promise((ok, fail) => {
      this.pending.push({ input, ok, fail })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => void this.flush())
      }
    })
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    if (this.flushing) return // the batch in flight schedules the next one when it is done
    this.flushing = true
    const batch = this.pending.splice(0, this.maxBatch)
    try {
      const t0 = performance.now()
      const out = await this.store.answerBatch(batch.map((p) => p.input))
      // one COUNT per round touched, not one per answer: a COUNT scans the round, and a burst fills one round
      const counts = new Map<string, Promise<number>>()
      const countOf = (poll: string, round: number) => {
        const key = `${round}\u0000${poll}`
        if (!counts.has(key)) counts.set(key, this.store.count(poll, round))
        return counts.get(key)!
      }
      const results = await Promise.all(out.map(async (o, i) => ({ outcome: o, count: 'round' in o && !('closed' in o) ? await countOf(batch[i].input.poll, o.round) : null })))
      const commitShareMs = (performance.now() - t0) / batch.length
      batch.forEach((p, i) => p.ok({ ...results[i], commitShareMs }))
    } catch (e) {
      for (const p of batch) p.fail(e)
    } finally {
      this.flushing = false
      if (this.pending.length && !this.scheduled) { this.scheduled = true; setImmediate(() => void this.flush()) }
    }
  }
}
