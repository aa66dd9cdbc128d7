// Server-sent events hub: every open deck gets the full session snapshot on connect (late joiners see the
// current phase and slide) and again on every change. Count-only changes are coalesced (at most one push per
// `throttleMs`); phase changes and presenter moves are pushed at once.
import type { ServerResponse } from 'node:http'

export class SseHub {
  private clients = new Set<ServerResponse>()
  private pending: ReturnType<typeof setTimeout> | null = null
  private heartbeat: ReturnType<typeof setInterval>

  constructor(private snapshot: () => unknown, private throttleMs = 200, heartbeatMs = 15000, readonly maxClients = 5000) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs)
    this.heartbeat.unref?.()
  }

  get size(): number {
    return this.clients.size
  }

  /** Returns false (and sends nothing) when the hub is full; the caller answers 503. */
  add(res: ServerResponse): boolean {
    if (this.clients.size >= this.maxClients) return false
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write(`retry: 2000\n\n`)
    res.write(this.frame())
    this.clients.add(res)
    res.on('close', () => this.clients.delete(res))
    return true
  }

  /** Push now (phase change, presenter move). */
  push(): void {
    if (this.pending) clearTimeout(this.pending)
    this.pending = null
    this.write(this.frame())
  }

  /** Push soon (count changes), coalescing bursts. */
  pushSoon(): void {
    if (this.pending) return
    this.pending = setTimeout(() => this.push(), this.throttleMs)
    this.pending.unref?.()
  }

  close(): void {
    clearInterval(this.heartbeat)
    if (this.pending) clearTimeout(this.pending)
    for (const c of this.clients) c.end()
    this.clients.clear()
  }

  private frame(): string {
    return `event: state\ndata: ${JSON.stringify(this.snapshot())}\n\n`
  }

  private write(s: string): void {
    for (const c of this.clients) c.write(s)
  }
}
