// The presenter notes' [mm:ss–mm:ss] cues (slides.md, then pages/*.md in the order slides.md imports them) follow the
// plan the notes state ("Timing: Opening 2 min · Part 1 14 min · …"): they run without a gap or overlap from 00:00, each
// part spans its stated minutes (a part begins at the cue saying "Part N begins", the opening before Part 1), and the
// last cue ends at the stated total.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const entry = readFileSync(new URL('slides.md', root), 'utf8')
const files = ['slides.md', ...[...entry.matchAll(/^src: \.\/(.+)$/gm)].map((m) => m[1])]
const text = files.map((f) => (f === 'slides.md' ? entry : readFileSync(new URL(f, root), 'utf8'))).join('\n')

const sec = (mmss: string) => { const [m, s] = mmss.split(':').map(Number); return m * 60 + s }
const cues = [...text.matchAll(/^\[(\d\d:\d\d)–(\d\d:\d\d)([^\]]*)\]/gm)].map((m) => ({ from: sec(m[1]), to: sec(m[2]), what: m[3], cue: m[0] }))

const plan = text.match(/Timing: Opening (\d+) min · Part 1 (\d+) min · Part 2 (\d+) min · Part 3 \(distillation (\d+) \+ ledger (\d+)\) (\d+) min = (\d+) min/)

describe('the notes\' timing cues', () => {
  it('state the plan once, and the plan adds up', () => {
    expect(plan, 'the "Timing: Opening … = 45 min" line').not.toBeNull()
    const [opening, p1, p2, distill, ledger, p3, total] = plan!.slice(1).map(Number)
    expect(distill + ledger).toBe(p3)
    expect(opening + p1 + p2 + p3).toBe(total)
  })

  it('run from 00:00 without a gap or an overlap, each cue forward in time', () => {
    expect(cues.length).toBeGreaterThan(20)
    expect(cues[0].from).toBe(0)
    for (const [i, c] of cues.entries()) {
      expect(c.to, c.cue).toBeGreaterThan(c.from)
      if (i > 0) expect(c.from, `${cues[i - 1].cue} → ${c.cue}`).toBe(cues[i - 1].to)
    }
  })

  it('give each part the minutes the plan states, and end at the total', () => {
    const [opening, p1, p2, distill, ledger, p3, total] = plan!.slice(1).map(Number)
    const begins = (what: RegExp) => {
      const c = cues.find((x) => what.test(x.what))
      expect(c, `a cue matching ${what}`).toBeDefined()
      return c!.from
    }
    const [b1, b2, b3, bLedger] = [/Part 1 begins/, /Part 2 begins/, /Part 3 begins/, /the ledger/].map(begins)
    const end = cues.at(-1)!.to
    expect({ opening: b1, part1: b2 - b1, part2: b3 - b2, distillation: bLedger - b3, ledger: end - bLedger, part3: end - b3, total: end })
      .toEqual({ opening: opening * 60, part1: p1 * 60, part2: p2 * 60, distillation: distill * 60, ledger: ledger * 60, part3: p3 * 60, total: total * 60 })
    // a cue that names its part's length says the plan's figure
    for (const [re, min] of [[/Part 1 begins: (\d+) min/, p1], [/Part 2 begins: (\d+) min/, p2], [/opening: (\d+) min/, opening]] as const) {
      const m = cues.map((c) => c.what.match(re)).find(Boolean)
      if (m) expect(Number(m[1])).toBe(min)
    }
  })
})
