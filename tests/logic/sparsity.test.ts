// The 10-iteration rule and the waterfall's bars as pure functions, and the sparsity curve = the engine's numbers.
import { describe, expect, it } from 'vitest'
import {
  attemptStatus, MAX_ATTEMPTS, recordAttempt, requiredSpeedup, sparsityCurve, SPARSITY_STEPS,
  gameTarget, judgeAttempt, speedupBaseline, windowText, type Attempt,
} from '../../logic/sparsity'
import { flatSteps, waterfallBars, wrapLabel } from '../../logic/speedupWaterfall'
import { part2Start } from '../../engine/lessons'
import { accuracyFloor, amdahlTerms, baselineRecipe, evaluate, pruningWindows, theoryTerms, TRACK_IDS, TRACKS } from '../../engine'

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
  it('a try hits when the engine\'s target budget passes, and the veto is the accuracy floor', () => {
    const t = gameTarget(track)
    for (const s of [0, 0.3, 0.5, 0.7, 0.9]) {
      const r = { ...part2Start(track), sparsity: s }
      const a = judgeAttempt(track, r)
      const e = evaluate(track, r)
      expect(a.veto).toBe(e.accuracy < accuracyFloor(track))
      if (t) expect(a.hit).toBe(e.checks.find((c) => c.name === t.name)!.pass)
      else expect(a.hit).toBe(false) // no target: nothing to hit
    }
  })
  it('the window sentence states the engine\'s window, or says plainly that there is none', () => {
    const text = windowText(track)
    const ws = pruningWindows(track)
    if (!gameTarget(track)) expect(text).toMatch(/No part-2 target/)
    else if (ws.length === 0) expect(text).toMatch(/No ratio meets/)
    else for (const w of ws) expect(text).toContain(w.pattern === '2:4' ? '2:4' : `${Math.round(w.from * 100)}–${Math.round(w.to * 100)}% unstructured`)
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
  it('the curve is evaluate() at every step 0..90%', () => {
    const curve = sparsityCurve(track, base)
    expect(curve.map((p) => p.sparsity)).toEqual(SPARSITY_STEPS)
    expect(SPARSITY_STEPS[0]).toBe(0)
    expect(SPARSITY_STEPS[SPARSITY_STEPS.length - 1]).toBe(0.9)
    for (const p of curve) {
      const e = evaluate(track, { ...base, sparsity: p.sparsity })
      expect(p.realized).toBe(e.realizedSpeedup)
      expect(p.theoretical).toBe(e.theoreticalSpeedup)
      expect(p.latencyMs).toBe(e.latencyMs)
    }
  })
  it('the required speedup line agrees with the latency check', () => {
    const need = requiredSpeedup(track)
    const budget = TRACKS[track].budgets.find((b) => b.name === 'latency')
    if (!need || !budget) return
    for (const s of SPARSITY_STEPS) {
      for (const precision of ['fp16', 'int8', 'int4'] as const) {
        const e = evaluate(track, { ...base, precision, sparsity: s })
        const check = e.checks.find((c) => c.name === 'latency')!
        // away from the boundary, "realized ≥ needed" and "latency ≤ limit" must agree
        if (Math.abs(e.realizedSpeedup / need - 1) > 1e-6) expect(e.realizedSpeedup >= need).toBe(check.pass)
      }
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
