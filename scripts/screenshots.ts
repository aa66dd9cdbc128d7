// Screenshots of the built deck, to look at what we build: `npx tsx scripts/screenshots.ts [dist] [slides] [query]`
//   e.g. npx tsx scripts/screenshots.ts dist 1,3,5 '?track=tiny'  → screenshots/s1.png …   (W=1920 H=1080 for a projector)
import { mkdirSync } from 'node:fs'
import { preview } from 'vite'
import { launchChromium } from '../tests/e2e/deck'

const [dist = 'dist', list = '1', query = ''] = process.argv.slice(2)
const width = Number(process.env.W ?? 1280)
const height = Number(process.env.H ?? 720)
const tag = process.env.TAG ?? ''
mkdirSync('screenshots', { recursive: true })

const server = await preview({ configFile: false, logLevel: 'warn', build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0 } })
const base = server.resolvedUrls!.local[0].replace(/\/$/, '')
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width, height } })
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`console ${m.type()}: ${m.text().slice(0, 300)}`) })
page.on('pageerror', (e) => console.log(`page error: ${e.message}`))
page.on('requestfailed', (r) => console.log(`request failed: ${r.url()}`))
for (const n of list.split(',').map(Number)) {
  await page.goto(`${base}/${n}${query}`, { waitUntil: 'networkidle' })
  await page.waitForTimeout(600)
  await page.screenshot({ path: `screenshots/s${n}${tag}.png` })
  console.log(`screenshots/s${n}${tag}.png  ${page.url()}`)
}
await browser.close()
await server.close()
