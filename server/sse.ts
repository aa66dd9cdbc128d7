// Server-sent events hub: every open deck gets the full session snapshot on connect (late joiners see the
// current phase and slide) and again on every change. Count-only changes are coalesced (at most one push per
// `throttleMs`); phase changes and presenter moves are pushed at once.
import type { ServerResponse } from 'node:http'

export class SseHub {
  private clients = new Set<ServerResponse>()
  private perAddress = new Map<string, number>()
  private pending: ReturnType<typeof setTimeout> | null = null
  private heartbeat: ReturnType<typeof setInterval>

  constructor(private snapshot: () => unknown, private throttleMs = 200, heartbeatMs = 15000, readonly maxClients = 5000,
    readonly maxPerAddress = Infinity) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs)
    this.heartbeat.unref?.()
  }

  get size(): number {
    return this.clients.size
  }

  /** Sends nothing and says why when the hub is full ('full': 503) or the address holds its share ('address': 429). */
  add(res: ServerResponse, address = '?'): true | 'full' | 'address' {
    if (this.clients.size >= this.maxClients) return 'full'
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
    res.write(this.frame())
    this.clients.add(res)
    res.on('close', () => {
      this.clients.delete(res)
      const n = (this.perAddress.get(address) ?? 1) - 1
      if (n > 0) this.perAddress.set(address, n)
      else this.perAddress.delete(address)
    })
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
