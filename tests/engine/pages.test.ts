// Numbers quoted in the slides and presenter notes (pages/*.md) agree with the engine. Track-specific lesson numbers live
// in the generated tables of docs/lessons.md (npm run lessons -- --write), which each part's notes link to in one line
// rather than carry (the presenter reads the notes while speaking); any other number with a unit is either computed here
// from the engine and compared, or a fixed figure with its reason (the storyboard's own question, a published source, timing).
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { baselineRecipe, describeConstant, evaluate, knee, sig, TRACKS } from '../../engine'
import { LESSON_PARTS, LESSONS_DOC, LESSONS_PAGE, lessonsDoc, lessonsMarkdown, NOTES_LINK } from '../../engine/lessonsTable'

const dir = new URL('../../pages/', import.meta.url)
const pages = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => ({ name: f, text: readFileSync(new URL(f, dir), 'utf8') }))

const cloud = evaluate('cloud', baselineRecipe('cloud'))

/** Hand-quoted numbers that follow from the engine: the captured text must equal the engine's value. */
const FROM_ENGINE: { page: string; pattern: RegExp; expected: () => string }[] = [
  { page: '00-intro.md', pattern: /~(\d+) GB of weights/, expected: () => sig(cloud.memory.weightsBytes / 1e9, 3) },
  { page: '00-intro.md', pattern: /of weights > (\d+) GB/, expected: () => sig(cloud.memory.capacityBytes / 1e9, 2) },
  { page: '01-quantization.md', pattern: /\((\d+) KiB per token/, expected: () => sig(cloud.memory.kvCacheBytes / describeConstant('context length', 'cloud').value / 1024, 3) },
  { page: '01-quantization.md', pattern: /per token: ([\d.]+) GB at/, expected: () => sig(cloud.memory.kvCacheBytes / 1e9, 2) },
  { page: '01-quantization.md', pattern: /the (\d+) KiB of SRAM/, expected: () => sig(TRACKS.tiny.machine.levels[1].capacityBytes.value / 1024, 3) },
  { page: '01-quantization.md', pattern: /the 70B LLM holds to (\d+) bits/, expected: () => String(knee('cloud').kneeBits) },
  { page: '01-quantization.md', pattern: /energy per MAC ~([\d.]+)× vs FP16/, expected: () => sig(describeConstant('FP16 MAC energy (45 nm)').value / describeConstant('INT8 MAC energy (45 nm)').value, 2) },
  { page: '02-sparsity.md', pattern: /about ([\d.]+) end to end at best/, expected: () => sig(describeConstant('2:4 end-to-end math speedup (transformers)').value, 2) },
]

/** Fixed figures that are not the engine's to compute, with the reason they may be typed. */
const FIXED: Record<string, string> = {
  '2 min': 'timing', '14 min': 'timing', '15 min': 'timing', '45 min': 'timing', '60 s': 'timing',
  '2×': 'the storyboard\'s question (2× faster? exactly 2× smaller?)', '50%': 'the storyboard\'s question and Jeff Dean\'s quote',
  '5%': 'Jeff Dean\'s quote', '20%': 'the storyboard\'s stakeholder demand', '90%': 'the slider\'s range (storyboard: 0-90%)',
  '8 bits': 'the storyboard\'s INT8 (free lunch)', '3 bits': 'checked above (cloud knee)', '2 bits': 'the lab bench\'s measured collapse (seeded, lab/)',
  '6 dB': 'SQNR formula: 6.02 dB per bit', '50 dB': 'SQNR formula at 8 bits: 6.02·8 + 1.76',
  '1.4×': 'Flash-LLM (published, the engine\'s fit point)', '2.1×': 'Flash-LLM (published, the engine\'s fit point)',
  '70%': 'Flash-LLM\'s sparsity for 1.4×', '1.3×': 'the lab bench\'s measured CSR speedup on a laptop CPU (lab/)',
  '141 GB': 'checked above', '80 GB': 'checked above', '320 KiB': 'checked above', '2.7 GB': 'checked above', '256 KiB': 'checked above',
  '6.5×': 'checked above',
}

/** Figures typed without a unit (a decimal, or a number in a range or list whose unit comes after the last one, as in
 *  "75.1 … 54" or "2.5–4"), with the reason each may be typed. Any other is refused: a reader takes it as a figure. */
const BARE: Record<string, string> = {
  6.02: 'SQNR formula: 6.02 dB per bit', 1.76: 'SQNR formula: + 1.76 dB for a full-scale sinusoid',
  1.5: 'checked above (2:4 end to end, the engine\'s published constant)',
  2.5: 'Hinton et al. 2015 §3: the 30-unit net\'s best temperatures, 2.5 to 4 (published)',
  70: 'Flash-LLM\'s sparsity range, 70–90% (as 70% above)',
}

const UNIT = String.raw`(?:×|ms|min|mW|W|J|mJ|µJ|GB|MB|KB|KiB|MiB|bits?|points?|%|fps|FPS|TOPS|dB|pJ|s)(?![\w])`
/** Numbers a reader takes as figures though no unit follows: a decimal, the first number of a range or list ("41–61%",
 *  "75.1 … 54"), a number after an ellipsis. */
function bareFigures(t: string): string[] {
  return [
    ...t.matchAll(new RegExp(String.raw`(?<![\w.])(\d+\.\d+)(?![\w.])(?!\s?${UNIT})`, 'g')),
    ...t.matchAll(/(?<![\w.:-])(\d+(?:\.\d+)?)\s?(?:–|-|…|\.\.\.)\s?(?=~?\d)/g),
    ...t.matchAll(new RegExp(String.raw`(?:…|\.\.\.)\s?(\d+(?:\.\d+)?)(?![\w.])(?!\s?${UNIT})`, 'g')),
  ].map((m) => m[1])
}
const strip = (t: string) => t
  .replace(/\$[^$]*\$/g, '') // KaTeX formulas
  .replace(/\[\d\d:\d\d[^\]]*\]/g, '') // time cues

describe('pages/*.md', () => {
  it.each(LESSON_PARTS)('the notes of %s link to its table in docs/lessons.md, and carry no four-track table themselves', (part) => {
    const text = pages.find((p) => p.name === LESSONS_PAGE[part])!.text
    expect(text).toContain(NOTES_LINK(part))
    expect(text).not.toContain(lessonsMarkdown(part).split('\n')[0])
  })
  it.each(pages)('$name carries no Markdown table in its notes (too wide for the presenter view: link to docs/lessons.md)', ({ text }) => {
    const notes = [...text.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]).join('\n')
    expect(notes.split('\n').filter((l) => /^\|.*\|$/.test(l.trim()))).toEqual([])
  })
  it('docs/lessons.md carries the current generated tables', () => {
    expect(readFileSync(new URL(`../../${LESSONS_DOC}`, import.meta.url), 'utf8')).toBe(lessonsDoc())
  })
  it.each(FROM_ENGINE)('$page quotes the engine: $pattern', ({ page, pattern, expected }) => {
    const m = pages.find((p) => p.name === page)!.text.match(pattern)
    expect(m, `${pattern} not found in ${page}`).not.toBeNull()
    expect(m![1]).toBe(expected())
  })
  it.each(pages)('$name types no other number with a unit (use a generated table, or compare it with the engine here)', ({ name, text }) => {
    const loose = [...strip(text).matchAll(new RegExp(String.raw`(?<![\w.])~?(\d+(?:\.\d+)?)\s?(${UNIT})`, 'g'))]
      .map((m) => `${m[1]}${m[2] === '×' || m[2] === '%' ? '' : ' '}${m[2]}`)
      .filter((tok) => !(tok in FIXED))
    expect(loose, `${name}: hand-typed numbers`).toEqual([])
  })
  it.each(pages)('$name types no figure without a unit (a decimal, or a number in a range or list: "75.1 … 54")', ({ name, text }) => {
    expect(bareFigures(strip(text)).filter((tok) => !(tok in BARE)), `${name}: figures typed without a unit`).toEqual([])
  })
  it('the check for figures without a unit catches "75.1 … 54" and the start of "41–61%", and not a model name', () => {
    expect(bareFigures('top-1 75.1 … 54 after pruning')).toEqual(['75.1', '75.1', '54'])
    expect(bareFigures('a window of 41–61%')).toEqual(['41'])
    expect(bareFigures('Llama-3-8B at 2:4, 2.7 GB')).toEqual([])
  })
})
