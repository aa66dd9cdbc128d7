// Server-sent events hub: every open deck gets the full session snapshot on connect (late joiners see the
// current phase and slide) and again on every change. Count-only changes are coalesced (at most one push per
// `throttleMs`); phase changes and presenter moves are pushed at once.
// The snapshot is read from the store (asynchronously on PostgreSQL), one read at a time: a push asked for while one is
// being read is sent after it with a fresh read, so no stream ever gets an older snapshot after a newer one.
// Over PostgreSQL several processes serve one room: each process's hub pushes its own streams, on its own changes and on
// the other processes' (the handler's store subscription); a stream that reconnects to another process gets that
// process's fresh snapshot on connect, so no change is missed across a switch either.
import type { ServerResponse } from 'node:http'

export class SseHub {
  private clients = new Set<ServerResponse>()
  /** streams that wait for their first snapshot */
  private joining = new Set<ServerResponse>()
  private broadcast = false
  private pumping = false
  private closed = false
  private perAddress = new Map<string, number>()
  private pending: ReturnType<typeof setTimeout> | null = null
  private heartbeat: ReturnType<typeof setInterval>

  constructor(private snapshot: () => unknown | Promise<unknown>, private throttleMs = 200, heartbeatMs = 15000, readonly maxClients = 5000,
    readonly maxPerAddress = Infinity) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs)
    this.heartbeat.unref?.()
  }

  get size(): number {
    return this.clients.size + this.joining.size
  }

  /** Sends nothing and says why when the hub is full ('full': 503) or the address holds its share ('address': 429). */
  add(res: ServerResponse, address = '?'): true | 'full' | 'address' {
    if (this.size >= this.maxClients) return 'full'
    const mine = this.perAddress.get(address) ?? 0
    if (mine >= this.maxPerAddress) return 'address'
    this.perAddress.set(address, mine + 1)
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'Connection': 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write(`retry: 2000\n\n`)
    this.joining.add(res)
    res.on('close', () => {
      this.clients.delete(res)
      this.joining.delete(res)
      const n = (this.perAddress.get(address) ?? 1) - 1
      if (n > 0) this.perAddress.set(address, n)
      else this.perAddress.delete(address)
    })
    void this.pump()
    return true
  }

  /** Push now (phase change, presenter move). */
  push(): void {
    if (this.pending) clearTimeout(this.pending)
    this.pending = null
    if (!this.size) return // no one to tell (a room another process changed, with no stream here): no read
    this.broadcast = true
    void this.pump()
  }

  /** Push soon (count changes), coalescing bursts. */
  pushSoon(): void {
    if (this.pending) return
    this.pending = setTimeout(() => this.push(), this.throttleMs)
    this.pending.unref?.()
  }

  close(): void {
    this.closed = true
    clearInterval(this.heartbeat)
    if (this.pending) clearTimeout(this.pending)
    for (const c of [...this.clients, ...this.joining]) c.end()
    this.clients.clear()
    this.joining.clear()
  }

  /** Reads snapshots until every newcomer has its first one and every asked-for broadcast went out. */
  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (!this.closed && (this.broadcast || this.joining.size)) {
        const all = this.broadcast
        this.broadcast = false
        const joiners = new Set(this.joining)
        let f: string
        try {
          f = await this.frame()
        } catch (e) {
          if (this.closed) return // the service is shutting down and its store closed under this read
          // the store is unreachable: newcomers are closed (EventSource reconnects after `retry`), the rest wait
          console.error('[session] could not read the snapshot for the event streams', e)
          for (const c of joiners) { this.joining.delete(c); c.end() }
          continue
        }
        if (this.closed) return
        for (const c of joiners) {
          if (!this.joining.delete(c)) continue // closed meanwhile
          c.write(f)
          this.clients.add(c)
        }
        if (all) for (const c of this.clients) if (!joiners.has(c)) c.write(f)
      }
    } finally {
      this.pumping = false
    }
  }

  private async frame(): Promise<string> {
    return `event: state\ndata: ${JSON.stringify(await this.snapshot())}\n\n`
  }

  private write(s: string): void {
    for (const c of this.clients) c.write(s)
  }
}
