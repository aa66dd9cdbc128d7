// The 10-iteration rule and the waterfall's bars as pure functions, and the sparsity curve's grid and properties (the
// meaning of its speedups, monotone accuracy), not a second computation of it.
import { describe, expect, it } from 'vitest'
import {
  attemptStatus, distinctSig, MAX_ATTEMPTS, overDenseBaseline, part2Precision, recordAttempt, requiredSpeedup, safeSparsity,
  sparsityCurve, SPARSITY_STEPS, gameTarget, judgeAttempt, speedupBaseline, speedupOverDense, targetText, theoryDiffers, vetoHint,
  windowText, winningRecipe, type Attempt,
} from '../../logic/sparsity'
import { flatSteps, quickPatterns, waterfallBars, wrapLabel } from '../../logic/speedupWaterfall'
import { part2Start } from '../../engine/lessons'
import {
  accuracyFloor, amdahlTerms, baselineRecipe, evaluate, gridOf, knee, lockAnswer, PATTERN, patternRatios, percent, PRECISION, pruningText, pruningWindows,
  SPARSITY, theoryTerms, TRACK_IDS, TRACKS, wholePercent,
} from '../../engine'
import type { Recipe, SparsityPattern, Window } from '../../engine'

const attempt = (sparsity: number, hit = false, veto = false): Attempt => ({
  precision: 'fp16', sparsity, pattern: 'unstructured', student: 'x', latencyMs: 20, accuracy: 70, hit, veto, target: null,
})

describe('the 10-iteration rule', () => {
  it('is open until a try hits the target without the veto', () => {
    expect(attemptStatus([])).toBe('open')
    expect(attemptStatus([attempt(0.1), attempt(0.2, true, true)])).toBe('open') // hit but vetoed: no success
    expect(attemptStatus([attempt(0.1), attempt(0.5, true)])).toBe('success')
  })
  it('runs out after 10 tries, and then records nothing more', () => {
    let list: Attempt[] = []
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) list = recordAttempt(list, attempt(i / 100))
    expect(list).toHaveLength(10)
    expect(attemptStatus(list)).toBe('out')
    expect(recordAttempt(list, attempt(0.5, true))).toBe(list)
  })
  it('does not count the same recipe twice in a row (button then release)', () => {
    const once = recordAttempt([], attempt(0.3))
    expect(recordAttempt(once, attempt(0.3))).toHaveLength(1)
    expect(recordAttempt(once, attempt(0.31))).toHaveLength(2)
  })
  it('stops counting after a success', () => {
    const won = recordAttempt([], attempt(0.5, true))
    expect(recordAttempt(won, attempt(0.6))).toBe(won)
  })
})

describe.each(TRACK_IDS)('the part-2 game on %s is judged by the engine', (track) => {
  it('a try hits when the engine\'s target budget passes, and the veto is the accuracy floor, for every pattern', () => {
    const t = gameTarget(track)
    expect(t, 'every track has a part-2 target').not.toBeNull()
    for (const pattern of PATTERN.values) {
      for (const s of pattern === '2:4' ? [PATTERN.sparsityOf24] : [0, 0.3, 0.5, 0.7, 0.9]) {
        const r = { ...part2Start(track), pattern, sparsity: s }
        const a = judgeAttempt(track, r)
        const e = evaluate(track, r)
        expect(a.veto).toBe(e.accuracy < accuracyFloor(track))
        expect(a.hit).toBe(e.checks.find((c) => c.name === t!.name)!.pass)
        expect(a.pattern).toBe(pattern)
      }
    }
  })
})

/** how a window's ratios read, in the words module's percent: "67–79%" (one percent sign), or "50%" for a single ratio */
const rangeOf = (w: Window) => (w.from === w.to ? percent(w.from) : `${wholePercent(w.from)}–${percent(w.to)}`)

describe.each(TRACK_IDS)('the window sentence on %s', (track) => {
  const start = knee(track).precision!
  const startName = PRECISION.names[start]
  it('part 2 starts at part 1\'s answer, and has a window there', () => {
    expect(start).not.toBeNull()
    expect(part2Precision(track)).toBe(start)
    expect(part2Start(track).precision).toBe(start)
    expect(pruningWindows(track).length).toBeGreaterThan(0)
    expect(windowText(track)).toBe(windowText(track, start)) // by default: the start's precision
  })
  it('at part 1\'s answer: names each pattern\'s window with its veto, and the patterns that never meet the target', () => {
    const text = windowText(track, start)
    const ws = pruningWindows(track, start)
    expect(text.startsWith(`Window at ${startName}:`)).toBe(true)
    expect(text).toContain(targetText(track, gameTarget(track)!))
    for (const w of ws) {
      expect(text).toContain(`${PATTERN.names[w.pattern]} ${w.pattern === '2:4' ? `(${rangeOf(w)})` : rangeOf(w)}`)
      if (w.vetoFrom !== null && w.pattern !== '2:4') expect(text).toContain(`veto from ${percent(w.vetoFrom)}`)
    }
    for (const p of PATTERN.values.filter((x) => !ws.some((w) => w.pattern === x))) {
      expect(text.toLowerCase()).toMatch(new RegExp(`${PATTERN.names[p].toLowerCase()}[^.]* never`))
    }
  })
  it.each(PRECISION.values)('at %s: names the windows there and, away from part 1\'s answer, which precision the target holds for', (precision) => {
    const text = windowText(track, precision)
    const here = pruningWindows(track, precision)
    for (const w of here) expect(text).toContain(`${PATTERN.names[w.pattern]} ${w.pattern === '2:4' ? `(${rangeOf(w)})` : rangeOf(w)}`)
    if (precision === start) return expect(text.startsWith(`Window at ${startName}`)).toBe(true)
    expect(text.startsWith(`You are at ${PRECISION.names[precision]}:`)).toBe(true)
    if (here.length === 0) expect(text).toContain(`no ratio meets ${targetText(track, gameTarget(track)!)} here`)
    expect(text).toContain(`At ${startName} (part 1's answer):`)
    const after = text.slice(text.indexOf(`At ${startName}`))
    for (const w of pruningWindows(track)) expect(after).toContain(`${PATTERN.names[w.pattern]} ${w.pattern === '2:4' ? `(${rangeOf(w)})` : rangeOf(w)}`)
  })
  it('the workbench opens at FP16, so its first sentence says the window holds at part 1\'s answer', () => {
    expect(start).not.toBe('fp16') // every track's knee is below 16 bits
    expect(windowText(track, 'fp16')).toMatch(new RegExp(`^You are at FP16: .* At ${startName} \\(part 1's answer\\)`))
  })
})

describe.each(TRACK_IDS)('speedup over dense, the veto hint and the curves per pattern on %s', (track) => {
  const start = knee(track).precision!
  const at = (change: Partial<Recipe>): Recipe => ({ ...baselineRecipe(track), precision: start, ...change })
  it('50% unstructured at part 1\'s answer over dense at that precision is lock 2\'s key', () => {
    const r = at({ pattern: 'unstructured', sparsity: 0.5 })
    expect(speedupOverDense(track, r)).toBeCloseTo(lockAnswer(track, 'sparsity').value, 12)
    // a different baseline from the deck's FP16 one: quantization alone already speeds up at part 1's answer
    expect(Math.abs(speedupOverDense(track, r) - evaluate(track, r).realizedSpeedup)).toBeGreaterThan(0.05)
    expect(overDenseBaseline(r)).toBe(`over dense ${PRECISION.names[start]}`)
  })
  it.each(PATTERN.values)('for %s: dense latency ÷ the recipe\'s latency, at the recipe\'s own precision; dense is 1×', (pattern) => {
    for (const precision of PRECISION.values) {
      const r = at({ precision, pattern, sparsity: pattern === '2:4' ? PATTERN.sparsityOf24 : 0.6 })
      const dense = evaluate(track, { ...r, pattern: 'unstructured', sparsity: 0 })
      expect(speedupOverDense(track, r)).toBeCloseTo(dense.latencyMs / evaluate(track, r).latencyMs, 12)
    }
    if (pattern !== '2:4') expect(speedupOverDense(track, at({ pattern, sparsity: 0 }))).toBeCloseTo(1, 12) // 2:4 is never dense
  })
  it('every pattern\'s curve is drawn on the table\'s curve grid (2:4 at its one ratio): realized never beats theoretical, accuracy never rises', () => {
    for (const pattern of PATTERN.values) {
      const c = sparsityCurve(track, at({}), pattern)
      expect(c.map((p) => p.sparsity)).toEqual(pattern === '2:4' ? [PATTERN.sparsityOf24] : gridOf(SPARSITY.min, SPARSITY.max, SPARSITY.curveStep))
      c.forEach((p, i) => {
        expect(p.realized).toBeLessThanOrEqual(p.theoretical * (1 + 1e-9))
        if (i > 0) expect(p.accuracy).toBeLessThanOrEqual(c[i - 1].accuracy + 1e-9)
      })
    }
  })
  it.each(PATTERN.values)('the safe ratio of %s is the highest the floor allows at the slider\'s 1%% resolution', (pattern) => {
    const floor = accuracyFloor(track)
    // the ratios a try can take with this pattern: the slider's steps above zero (2:4 only its own)
    const tries = patternRatios(pattern, SPARSITY.sliderStep)
    for (const precision of PRECISION.values) {
      const r = at({ precision, pattern, sparsity: pattern === '2:4' ? PATTERN.sparsityOf24 : 0 })
      const s = safeSparsity(track, r) // the recipe's own pattern by default
      if (s === null) {
        // nothing keeps the floor: the first ratio the pattern can take is already below it
        expect(evaluate(track, { ...r, pattern, sparsity: tries[0] }).accuracy).toBeLessThan(floor)
      } else {
        expect(tries).toContain(s)
        expect(evaluate(track, { ...r, pattern, sparsity: s }).accuracy).toBeGreaterThanOrEqual(floor)
        // one slider step further trips the veto (or the slider ends)
        const next = tries[tries.indexOf(s) + 1]
        if (next !== undefined) expect(evaluate(track, { ...r, pattern, sparsity: next }).accuracy).toBeLessThan(floor)
      }
      expect(safeSparsity(track, { ...r, pattern: 'unstructured', sparsity: 0 }, pattern)).toBe(s)
    }
  })
  it('the veto hint speaks of the recipe\'s own pattern', () => {
    const vetoed = (pattern: SparsityPattern) => PRECISION.values.flatMap((precision) => sparsityCurve(track, at({ precision }), pattern)
      .map((p) => at({ precision, pattern, sparsity: p.sparsity })))
      .find((r) => evaluate(track, r).accuracy < accuracyFloor(track) && evaluate(track, { ...r, sparsity: 0, pattern: 'unstructured' }).accuracy >= accuracyFloor(track))
    const ch = vetoed('channels')
    expect(ch, 'some channels ratio breaks the floor where dense keeps it').toBeDefined()
    expect(vetoHint(track, ch!)).toBe(`Safe up to ${pruningText(safeSparsity(track, ch!)!, 'channels')} here: prune less or raise the precision.`)
    const denseFails = PRECISION.values.map((precision) => at({ precision })).find((r) => evaluate(track, r).accuracy < accuracyFloor(track))
    expect(denseFails, 'binary post-training breaks the floor').toBeDefined()
    expect(vetoHint(track, { ...denseFails!, pattern: 'channels', sparsity: 0.4 })).toMatch(/even dense: raise the precision/)
    expect(vetoHint(track, { ...denseFails!, pattern: '2:4', sparsity: PATTERN.sparsityOf24 })).toMatch(/even dense/)
  })
})

describe('the veto hint where pruning alone trips the veto (dense keeps the floor), on every track and student', () => {
  /** every (track, student, precision, pattern, ratio on the curve) whose pruning alone breaks the floor */
  const cases = (pattern: SparsityPattern) => TRACK_IDS.flatMap((track) => TRACKS[track].models.flatMap((m) => PRECISION.values.flatMap((precision) => {
    const dense = { ...baselineRecipe(track), student: m.id, precision }
    if (evaluate(track, dense).accuracy < accuracyFloor(track)) return []
    const ratios = pattern === '2:4' ? [PATTERN.sparsityOf24] : SPARSITY_STEPS.filter((x) => x > 0)
    return ratios.map((sparsity) => ({ track, recipe: { ...dense, pattern, sparsity } }))
      .filter((c) => evaluate(c.track, c.recipe).accuracy < accuracyFloor(c.track))
  })))
  it('unstructured: the hint names the highest safe ratio of unstructured pruning', () => {
    const found = cases('unstructured')
    expect(found.length).toBeGreaterThan(0) // Cloud, Edge and Tiny have some (Mobile's ResNet-50 holds to 90%)
    for (const { track, recipe } of found) {
      const safe = safeSparsity(track, recipe)
      expect(vetoHint(track, recipe)).toBe(safe === null ? 'Prune less, or raise the precision.' : `Safe up to ${pruningText(safe, 'unstructured')} here: prune less or raise the precision.`)
    }
  })
  it('2:4: the hint says its ratio is fixed and names the other patterns', () => {
    const found = cases('2:4')
    expect(found.length).toBeGreaterThan(0) // e.g. Tiny's DS-CNN-M at FP16, Cloud's distilled Llama-3-8B
    for (const { track, recipe } of found) {
      expect(vetoHint(track, recipe)).toBe('2:4 always prunes 50%, below the floor here: choose unstructured or channels, or raise the precision.')
    }
  })
})

describe('small view helpers', () => {
  it('theoryDiffers: one theoretical line serves two patterns unless they part by more than 0.5% somewhere (hand-made curves)', () => {
    const curve = (...theoretical: number[]) => theoretical.map((t, i) => ({ sparsity: i / 10, theoretical: t, realized: 1, latencyMs: 1, accuracy: 1 }))
    const u = curve(1, 1.25, 2)
    expect(theoryDiffers(u, u)).toBe(false)
    expect(theoryDiffers(u, curve(1, 1.25, 2.009))).toBe(false) // 0.45% apart at the end
    expect(theoryDiffers(u, curve(1, 1.25, 1.991))).toBe(false) // and below
    expect(theoryDiffers(u, curve(1, 1.25, 2.02))).toBe(true) // 1% apart at one point
    expect(theoryDiffers(u, curve(1, 1.2, 2))).toBe(true) // 4% apart in the middle
    expect(theoryDiffers(u, curve(1))).toBe(false) // only the ratios both have are compared
  })
  it('distinctSig keeps just enough digits to tell an accuracy from its floor', () => {
    expect(distinctSig(93.96, 94)).toEqual(['93.96', '94'])
    expect(distinctSig(76.1, 72.1)).toEqual(['76.1', '72.1'])
    expect(distinctSig(94, 94)).toEqual(['94', '94'])
  })
  it('the waterfall offers every pattern at 2:4\'s ratio, each a valid recipe', () => {
    const q = quickPatterns()
    expect(q.map((x) => x.change.pattern)).toEqual([...PATTERN.values])
    for (const x of q) {
      expect(x.change.sparsity).toBe(PATTERN.sparsityOf24)
      expect(x.label).toBe(`50% ${PATTERN.names[x.change.pattern!]}`)
      for (const track of TRACK_IDS) expect(() => evaluate(track, { ...baselineRecipe(track), ...x.change })).not.toThrow()
    }
  })
})

describe('one meaning of theoretical speedup (issue 11, item 4)', () => {
  it.each(TRACK_IDS)('on %s: the math peek\'s factors multiply back to the engine\'s number, and are 16/b · 1/(1−s) for the baseline model', (track) => {
    const base = baselineRecipe(track)
    for (const r of [{}, { precision: 'int8' }, { precision: 'int4', sparsity: 0.3 }, { pattern: '2:4', sparsity: 0.5 }, { precision: 'binary', sparsity: 0.9 }] as const) {
      const recipe = { ...base, ...r }
      const e = evaluate(track, recipe)
      const t = theoryTerms(recipe, e)
      expect(t.S).toBe(e.theoreticalSpeedup)
      expect(Math.abs((t.bits * t.pruned * t.other) / e.theoreticalSpeedup - 1)).toBeLessThan(0.005) // `other` rounds to 1 within 0.5%
      expect(t.other).toBeGreaterThanOrEqual(1) // the ideal only ever adds savings (placement, a smaller student)
    }
    // at FP16 dense the baseline is its own reference: no factor at all
    expect(theoryTerms(base, evaluate(track, base))).toEqual({ bits: 1, pruned: 1, other: 1, S: 1 })
  })
  it('names the baseline by the track\'s model', () => {
    for (const track of TRACK_IDS) {
      const t = TRACKS[track]
      expect(speedupBaseline(track)).toBe(`FP16 dense ${t.models.find((m) => m.id === t.baseline)!.name}`)
    }
  })
})

describe('Amdahl on the engine waterfall', () => {
  it.each(TRACK_IDS)('on %s: f is one share of the FP16 time for every recipe, and 1/((1−f)+f/k) gives the step', (track) => {
    const base = baselineRecipe(track)
    const fs: number[] = []
    for (const r of [{ precision: 'int8' }, { precision: 'int4', sparsity: 0.3 }, { pattern: '2:4', sparsity: 0.5 }, { precision: 'int8', pattern: '2:4', sparsity: 0.5 }] as const) {
      const t = amdahlTerms(evaluate(track, { ...base, ...r }))
      if (!t) continue
      expect(1 / (1 - t.f + t.f / t.k)).toBeCloseTo(t.S, 9)
      expect(t.S).toBe(evaluate(track, { ...base, ...r }).realizedSpeedup)
      fs.push(t.f)
    }
    expect(fs.length).toBeGreaterThan(0)
    for (const f of fs) {
      expect(f).toBeGreaterThan(0)
      expect(f).toBeLessThanOrEqual(1)
      expect(f).toBeCloseTo(fs[0], 6)
    }
  })
})

describe('wrapLabel', () => {
  it('packs words into lines of at most 16 characters', () => {
    expect(wrapLabel('index/metadata overhead on the GPU')).toEqual(['index/metadata', 'overhead on the', 'GPU'])
  })
})

describe.each(TRACK_IDS)('sparsity numbers on %s', (track) => {
  const base = baselineRecipe(track)
  it('the curve runs 0..90% in 5% steps, from the baseline itself (1×) with speedups that mean baseline latency ÷ latency', () => {
    const curve = sparsityCurve(track, base)
    expect(curve.map((p) => p.sparsity)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9])
    expect(SPARSITY_STEPS).toEqual(curve.map((p) => p.sparsity))
    expect([curve[0].theoretical, curve[0].realized]).toEqual([1, 1]) // the FP16 dense baseline against itself
    const baseMs = curve[0].latencyMs
    for (const p of curve) {
      expect(p.realized).toBeCloseTo(baseMs / p.latencyMs, 9) // engine/README.md "Speedups": realized = T_baseline / T
      // every pruned weight counts as saved work in the ideal: at least 1/(1 − s) (more where the model moves on chip)
      expect(p.theoretical).toBeGreaterThanOrEqual((1 / (1 - p.sparsity)) * (1 - 1e-9))
    }
  })
  it.each([{ pattern: '2:4', sparsity: 0.5 }, { precision: 'int8', sparsity: 0.7 }, { precision: 'int4', sparsity: 0 }] as const)(
    'the waterfall starts at theoretical, walks every step that changes anything, ends at realized (%o)', (change) => {
      const e = evaluate(track, { ...base, ...change })
      const bars = waterfallBars(e)
      expect(bars[0]).toMatchObject({ from: 0, to: e.theoreticalSpeedup, kind: 'total' })
      expect(bars[bars.length - 1]).toMatchObject({ from: 0, to: e.realizedSpeedup, kind: 'total' })
      const drawn = bars.slice(1, -1)
      const flat = flatSteps(e)
      expect(drawn.length + flat.length).toBe(e.speedupSteps.length)
      let prev = e.theoreticalSpeedup
      for (const s of e.speedupSteps) {
        const bar = drawn.find((b) => b.label === s.name)
        if (bar) expect([bar.from, bar.to, bar.why]).toEqual([prev, s.speedupAfter, s.why])
        else expect(Math.abs(s.speedupAfter - prev)).toBeLessThan(0.005 * prev)
        prev = s.speedupAfter
      }
      // the floating bars chain: each starts where the previous drawn one ended
      drawn.forEach((b, i) => expect(b.from).toBeCloseTo(i === 0 ? e.theoreticalSpeedup : drawn[i - 1].to, 1))
    })
})

describe('the required speedup line', () => {
  const latencyTracks = TRACK_IDS.filter((t) => gameTarget(t)?.name === 'latency')
  it('exists exactly on the tracks whose part-2 target is latency (at least one)', () => {
    expect(latencyTracks.length).toBeGreaterThan(0)
    for (const t of TRACK_IDS) expect(requiredSpeedup(t) === null).toBe(!latencyTracks.includes(t))
  })
  it.each(latencyTracks)('on %s agrees with the latency check: realized ≥ required ⇔ latency ≤ limit', (track) => {
    const base = baselineRecipe(track)
    const need = requiredSpeedup(track)!
    let compared = 0
    for (const s of SPARSITY_STEPS) {
      for (const precision of PRECISION.values) {
        const e = evaluate(track, { ...base, precision, sparsity: s })
        const check = e.checks.find((c) => c.name === 'latency')!
        // away from the boundary, "realized ≥ needed" and "latency ≤ limit" must agree
        if (Math.abs(e.realizedSpeedup / need - 1) <= 1e-6) continue
        expect(e.realizedSpeedup >= need).toBe(check.pass)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(0)
  })
})

describe.each(TRACK_IDS)('the viewer\'s part-2 answer on %s', (track) => {
  it('is the winning try as a recipe, or null before a win', () => {
    const start = { ...baselineRecipe(track), precision: knee(track).precision! }
    const w = pruningWindows(track)[0]
    const miss = judgeAttempt(track, start)
    const win = judgeAttempt(track, { ...start, pattern: w.pattern, sparsity: w.from })
    expect(winningRecipe(track, [miss])).toBeNull()
    expect(winningRecipe(track, [miss, win])).toEqual({ ...start, pattern: w.pattern, sparsity: w.from })
  })
})
