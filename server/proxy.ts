// Who sent a request, and over what (issue 20 item 6): behind a reverse proxy every request comes from the proxy's
// address over plain HTTP, and only the proxy's X-Forwarded-For / X-Forwarded-Proto say who the client was and whether
// it used HTTPS. Any client can send those headers too, so they are believed only from a proxy the operator named
// (TRUST_PROXY); otherwise they are ignored, and the client is the socket's peer, HTTPS only if the socket is TLS.
import { BlockList, isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/** null: trust no proxy. `hops`: the nearest N peers are proxies, whatever their addresses (the service is reachable
 *  only through them). `addresses`: the peers in this list (addresses or subnets) are proxies. */
export type TrustProxy = null | { hops: number } | { addresses: BlockList; text: string }

/** TRUST_PROXY: unset, `0` or `false`: none; a whole number N ≥ 1: N hops; else a comma-separated list of addresses
 *  or subnets (`127.0.0.1,::1`, `10.0.0.0/8`). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? ''
  if (v === '' || v === '0' || v === 'false') return null
  if (/^[0-9]+$/.test(v)) return { hops: Number(v) }
  const list = new BlockList()
  for (const item of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits, extra] = item.split('/')
    const family = isIP(addr)
    const prefix = bits === undefined ? null : Number(bits)
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128))))
      throw new Error(`TRUST_PROXY: "${item}" is not an address or subnet (e.g. 127.0.0.1, ::1, 10.0.0.0/8), nor a number of proxies`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === null) list.addAddress(addr, type)
    else list.addSubnet(addr, prefix, type)
  }
  return { addresses: list, text: v }
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`, so one list entry matches both forms. */
function plain(addr: string): string {
  const m = /^::ffff:([0-9.]+)$/i.exec(addr)
  return m && isIP(m[1]) === 4 ? m[1] : addr
}

function trusted(trust: Exclude<TrustProxy, null>, addr: string, hop: number): boolean {
  if ('hops' in trust) return hop < trust.hops
  const a = plain(addr)
  const family = isIP(a)
  return family !== 0 && trust.addresses.check(a, family === 4 ? 'ipv4' : 'ipv6')
}

/** a header as one string (a repeated header is one list, as RFC 9110 §5.3 says) */
const headerText = (h: string | string[] | undefined) => Array.isArray(h) ? h.join(',') : h ?? ''

export interface Client {
  /** the address per-address limits count against */
  address: string
  /** the request reached the service over HTTPS (TLS on this socket, or a trusted proxy says so) */
  https: boolean
}

/** Says the setting in words, for the operator's terminal at start-up. */
export function describeTrustProxy(t: TrustProxy): string {
  if (t === null) return 'no proxy trusted (TRUST_PROXY unset): X-Forwarded-* ignored, each client is its connection\'s peer'
  if ('hops' in t) return `X-Forwarded-For/-Proto believed through ${t.hops} prox${t.hops === 1 ? 'y' : 'ies'} (TRUST_PROXY=${t.hops})`
  return `X-Forwarded-For/-Proto believed from ${t.text} (TRUST_PROXY)`
}

/** The client of a request: walking X-Forwarded-For from the right (the entry the nearest proxy appended) past every
 *  trusted proxy, so entries a client wrote itself on the left are never believed. */
export function clientOf(req: IncomingMessage, trust: TrustProxy): Client {
  const peer = plain(req.socket.remoteAddress ?? '?')
  const tls = (req.socket as TLSSocket).encrypted === true
  if (trust === null || !trusted(trust, peer, 0)) return { address: peer, https: tls }
  const chain = headerText(req.headers['x-forwarded-for']).split(',').map((s) => plain(s.trim())).filter(Boolean)
  let address = peer
  for (let hop = 1; chain.length; hop++) {
    const next = chain.pop()!
    if (!isIP(next)) break // a malformed entry: the last address a trusted proxy vouched for stands
    address = next
    if (!trusted(trust, next, hop)) break
  }
  // the proxy nearest the client wrote the first value; a trusted proxy overwrites what the client sent
  const proto = headerText(req.headers['x-forwarded-proto']).split(',')[0].trim().toLowerCase()
  return { address, https: tls || proto === 'https' }
}
