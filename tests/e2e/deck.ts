// Helpers shared by the browser tests.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parse } from '@slidev/parser'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'

/** In a page before the deck loads: this viewer chose a track before (Cloud, unless the link says otherwise), so the
 *  arrival prompt (issue 19 #3) does not cover the slide a test came for. */
function trackChosenBefore(): void {
  try { if (!localStorage.getItem('silicon-contract:track')) localStorage.setItem('silicon-contract:track', '"cloud"') } catch { /* no storage */ }
}

/** Debian's Chromium with the flags this closed network needs (no background connections). Its pages and contexts are
 *  viewers who chose a track before, unless `trackChosen: false` (the tests of the arrival prompt itself). */
export async function launchChromium({ trackChosen = true } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  })
  if (!trackChosen) return browser
  const newContext = browser.newContext.bind(browser)
  const newPage = browser.newPage.bind(browser)
  browser.newContext = async (o) => {
    const ctx = await newContext(o)
    await ctx.addInitScript(trackChosenBefore)
    return ctx
  }
  browser.newPage = async (o) => {
    const page = await newPage(o)
    await page.addInitScript(trackChosenBefore)
    return page
  }
  return browser
}

/** The deck's slides in order, following `src:` imports, with Slidev's own parser. */
export async function listSlides(entry = resolve('slides.md')): Promise<{ title?: string; content: string; file: string }[]> {
  const { slides } = await parse(readFileSync(entry, 'utf8'), entry)
  const out: { title?: string; content: string; file: string }[] = []
  for (const slide of slides) {
    const src = slide.frontmatter.src as string | undefined
    if (src) out.push(...(await listSlides(resolve(dirname(entry), src))))
    else out.push({ title: slide.title, content: slide.content, file: entry })
  }
  return out
}

/** 1-based numbers of the slides whose markdown contains `needle` (e.g. a component tag). */
export async function slidesWith(needle: string): Promise<number[]> {
  return (await listSlides()).flatMap((s, i) => (s.content.includes(needle) ? [i + 1] : []))
}

/** 1-based number of the slide holding `<PredictionLock lock="…">` (or `:lock="['…', …]"`). */
export async function lockSlide(lock: string): Promise<number> {
  const i = (await listSlides()).findIndex((s) => new RegExp(`<PredictionLock[^>]*["']${lock}["']`).test(s.content))
  if (i < 0) throw new Error(`no slide with lock ${lock}`)
  return i + 1
}

/** The number of the slide a page shows (the last part of its path: /12, /presenter/12). */
export const slideNo = (p: Page) => Number(new URL(p.url()).pathname.split('/').filter(Boolean).at(-1))

/** Resolves after `n` of the page's animation frames, instead of a fixed sleep: by then the slide is scaled and its charts
 *  are drawn at their laid-out size (chart.js redraws on the frame after its ResizeObserver hears of a new size). */
export async function framesLater(page: Page, n = 3): Promise<void> {
  await page.evaluate((count) => new Promise<void>((done) => {
    let left = count
    const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick))
    requestAnimationFrame(tick)
  }), n)
}
