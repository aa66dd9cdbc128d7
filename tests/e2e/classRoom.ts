// A live class for the browser tests: the built deck served by the class service (the deck's own polls, a fresh data
// folder) and one Chromium, up before the file's tests and gone after them. Each open() is one more person in the room,
// in a browser context of their own (their own identity cookie and storage), at the projector's 1280×720.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { startClassServer, type ClassServer } from '../../server/app.ts'
import { DEFAULT_POLLS } from '../../server/defaultPolls.ts'
import { launchChromium } from './deck'

export interface ClassRoom {
  /** the presenter secret (random per run, so a test can look for it in what is served) */
  readonly secret: string
  /** the service's origin; it keeps its port across stop() and start() */
  readonly url: string
  /** one more person, on `path` of the served deck */
  open(path: string): Promise<Page>
  /** the service goes down (an outage); the open decks stay */
  stop(): Promise<void>
  /** the service comes back on the same port and data folder */
  start(): Promise<void>
}

export function classRoom(name: string, o: { operatorToken?: string } = {}): ClassRoom {
  const distDir = inject('distDir')
  const secret = `e2e-${Math.random().toString(36).slice(2)}-${name}`
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-e2e-`))
  let server: ClassServer | undefined
  let browser: Browser | undefined
  let url = ''

  const start = async () => {
    const port = url ? Number(new URL(url).port) : 0
    server = await startClassServer({ secret, dataDir, polls: DEFAULT_POLLS, staticDir: distDir, port, host: '127.0.0.1', operatorToken: o.operatorToken })
    url = server.url
  }
  const stop = async () => {
    await server?.close()
    server = undefined
  }
  beforeAll(async () => {
    await start()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close() // closes every person's context with it
    await stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  return {
    secret,
    get url() { return url },
    async open(path) {
      const ctx = await browser!.newContext({ viewport: { width: 1280, height: 720 } })
      const page = await ctx.newPage()
      await page.goto(url + path)
      return page
    },
    stop,
    start,
  }
}
