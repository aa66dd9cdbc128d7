// The game design, checked exhaustively on every track: each part has something to find, and each lock's key teaches
// the storyboard's insight. Where the physics says a track cannot offer it, the exception is asserted with its reason,
// so a change to the engine that removes (or creates) it fails here and the notes get revisited.
import { describe, expect, it } from 'vitest'
import {
  accuracyFloor, archetypeAbsence, archetypes, baselineRecipe, bestTemperature, distillationStart, evaluate,
  judgeTry, knee, LOCKS, lockAnswer, part2Target, pruningWindows, stakeholderCheck, stakeholderReference,
  PATTERN, SPARSITY, sweep, TRACK_IDS, TRACKS, type SparsityPattern, type TrackId,
} from '../../engine'
// the lessons module's own pieces, which no instrument asks for (not in engine/index.ts)
import { distillationStudent, GAME_SPARSITY_STEPS, part2Start, patternVerdicts, stakeholderSolution, temperatures } from '../../engine/lessons'
import { quantizationCurve } from '../../engine/curves'
import { SPECS } from '../../engine/tracks'

const params = (t: TrackId, id: string) => TRACKS[t].models.find((m) => m.id === id)!.params.value
const teacherParams = (t: TrackId) => params(t, TRACKS[t].baseline)

describe.each(TRACK_IDS)('%s: part 1, the knee', (t) => {
  it('post-training: INT8 stays above the floor (the free lunch), binary falls below it (the cliff)', () => {
    const b = baselineRecipe(t)
    expect(evaluate(t, { ...b, precision: 'int8' }).accuracy).toBeGreaterThanOrEqual(accuracyFloor(t))
    expect(evaluate(t, { ...b, precision: 'binary' }).accuracy).toBeLessThan(accuracyFloor(t))
  })
  it('the knee is the fewest bits at or above the floor, the cliff the next bit down, and the knee precision the lowest deployable one', () => {
    const k = knee(t)
    const acc = (bits: number) => k.curve[bits - 1].accuracy
    for (let b = k.kneeBits!; b <= 16; b++) expect(acc(b)).toBeGreaterThanOrEqual(accuracyFloor(t))
    expect(acc(k.cliffBits!)).toBeLessThan(accuracyFloor(t))
    expect(k.kneeBits).toBeLessThanOrEqual(8)
    expect(evaluate(t, { ...baselineRecipe(t), precision: k.precision! }).accuracy).toBeGreaterThanOrEqual(accuracyFloor(t))
  })
  it('training-aware quantization (distillation at the target precision) lifts the curve below the knee; on CNNs it moves the cliff by bits', () => {
    const trained = quantizationCurve(t, { ...baselineRecipe(t), distill: true })
    let trainedKnee = 16
    for (let b = 16; b >= 1 && trained[b - 1].accuracy >= accuracyFloor(t); b--) trainedKnee = b
    const k = knee(t)
    expect(trainedKnee).toBeLessThanOrEqual(4) // a trained INT4 model holds where post-training INT4 may not
    // at the post-training cliff, training recovers accuracy (LSQ, PROFIT, EfficientQAT)
    expect(trained[k.cliffBits! - 1].accuracy).toBeGreaterThan(k.curve[k.cliffBits! - 1].accuracy)
    if (t !== 'cloud') expect(trainedKnee).toBeLessThanOrEqual(k.kneeBits! - 2)
    else {
      // the LLM: EfficientQAT's W2 (67.9) is still under the 70.3 floor, so the knee stays where it was (3 bits)
      expect(trainedKnee).toBe(k.kneeBits)
      expect(trained[k.kneeBits! - 2].accuracy).toBeLessThan(accuracyFloor(t))
    }
  })
})

describe.each(TRACK_IDS)('%s: part 1, the knee of any recipe', (t) => {
  it('follows the recipe: training-aware quantization moves the knee down, pruning hard moves it up; precision does not matter', () => {
    const b = baselineRecipe(t)
    expect(knee(t, { ...b, precision: 'binary' })).toEqual(knee(t))
    expect(knee(t, { ...b, distill: true }).kneeBits!).toBeLessThanOrEqual(knee(t).kneeBits!)
    const pruned = knee(t, { ...b, sparsity: SPARSITY.max })
    expect(pruned.kneeBits === null || pruned.kneeBits >= knee(t).kneeBits!).toBe(true)
  })
  it('says so when no bit width reaches the floor (null knee, cliff and precision)', () => {
    // 90% of the work removed in whole filters: below the floor even at 16 bits on every track (on Edge and Mobile the
    // teacher survives 90% unstructured, so that recipe would test nothing there)
    const hopeless = { ...baselineRecipe(t), pattern: 'channels' as const, sparsity: SPARSITY.max }
    const k = knee(t, hopeless)
    expect(k.curve[15].accuracy).toBeLessThan(accuracyFloor(t))
    expect(k).toMatchObject({ kneeBits: null, cliffBits: null, precision: null })
  })
})

// The pattern that opens part 2's window on each machine is the lesson (engine/README.md "Pruning patterns"): the H100's
// memory-bound decode rewards 2:4 (Sparse-Marlin) while unstructured formats cost too much decode at INT4; the Orin's
// compute-bound convolutions gain only from removed work (channels); the NPU skips zeros and the MCU streams a bitmap.
const WINNER: Record<TrackId, SparsityPattern> = { cloud: '2:4', edge: 'channels', mobile: 'unstructured', tiny: 'unstructured' }
// Where the lesson's window reaches the slider's end without the veto, and why (the game then still has a start outside
// it and a target to find; another pattern shows the veto). Mobile: Gale et al.'s ResNet-50 keeps 73.4% at 90%
// unstructured (INT8), above a floor that must stay ≤ 72.6 for a MobileNet distilled as measured (mdistiller KD) to meet the
// stakeholder with 0.2 points to spare; no floor satisfies both.
const NO_VETO_IN_RANGE: Partial<Record<TrackId, string>> = { mobile: 'ResNet-50 at 90% unstructured stays above the floor the stakeholder needs' }

describe.each(TRACK_IDS)('%s: part 2, the pruning window', (t) => {
  const start = part2Start(t)
  const target = part2Target(t)
  const windows = pruningWindows(t)
  it('starts at the knee with a failing budget (not trivially in spec)', () => {
    expect(start.precision).toBe(knee(t).precision)
    expect(target).not.toBeNull()
    expect(judgeTry(t, start).hit).toBe(false)
  })
  it(`the lesson's pattern (${WINNER[t]}) opens a window of at most 35 points above 0%, with the veto beyond it${NO_VETO_IN_RANGE[t] ? ` (except: ${NO_VETO_IN_RANGE[t]})` : ''}`, () => {
    const w = windows.find((x) => x.pattern === WINNER[t])!
    expect(w).toBeDefined()
    expect(w.from).toBeGreaterThan(0)
    expect(w.to - w.from).toBeLessThanOrEqual(0.35 + 1e-9)
    if (w.pattern !== '2:4') expect(w.vetoFrom === null).toBe(NO_VETO_IN_RANGE[t] !== undefined)
  })
  it('every window is exactly the tries that win, exhaustively over the slider\'s steps, starts above 0% and ends before the veto', () => {
    expect(windows.length).toBeGreaterThan(0)
    for (const w of windows) {
      const steps = w.pattern === '2:4' ? [PATTERN.sparsityOf24] : GAME_SPARSITY_STEPS
      for (const s of steps) {
        const tr = judgeTry(t, { ...start, pattern: w.pattern, sparsity: s })
        expect(tr.hit && !tr.veto).toBe(w.ratios.includes(s))
        if (w.vetoFrom !== null && s >= w.vetoFrom) expect(tr.veto).toBe(true)
      }
      expect(w.from).toBeGreaterThan(0)
      if (w.pattern === '2:4') continue
      // contiguous: one range to find
      expect(w.ratios.length).toBe(Math.round((w.to - w.from) / SPARSITY.sliderStep) + 1)
      if (w.vetoFrom !== null) expect(w.vetoFrom).toBeGreaterThan(w.to)
      else expect(w.to).toBe(GAME_SPARSITY_STEPS[GAME_SPARSITY_STEPS.length - 1]) // no veto within the slider
    }
  })
  it('some pattern has a window with ratios beyond it that trip the veto (on Mobile, channels)', () => {
    expect(windows.some((w) => w.pattern !== '2:4' && w.vetoFrom !== null)).toBe(true)
  })
  it('the workbench\'s patterns that open nothing say so: the verdicts agree with the windows', () => {
    const verdicts = patternVerdicts(t)
    for (const v of verdicts) expect(v.hit).toBe(windows.some((w) => w.pattern === v.pattern))
  })
  it('at FP16 (a student who stayed there) the window is searched at FP16 and never wider than at the knee', () => {
    for (const w of pruningWindows(t, 'fp16')) {
      expect(w.precision).toBe('fp16')
      const atKnee = windows.find((x) => x.pattern === w.pattern)
      if (atKnee) expect(w.ratios.length).toBeLessThanOrEqual(atKnee.ratios.length)
    }
  })
})

describe('edge: the hardware–algorithm alignment lesson', () => {
  it('unstructured never saves time on the compute-bound GPU, 2:4 is not enough, channels are', () => {
    const start = part2Start('edge')
    const dense = evaluate('edge', start).latencyMs
    for (const s of GAME_SPARSITY_STEPS) expect(evaluate('edge', { ...start, sparsity: s }).latencyMs).toBeGreaterThanOrEqual(dense * (1 - 1e-9))
    expect(judgeTry('edge', { ...start, pattern: '2:4', sparsity: PATTERN.sparsityOf24 }).hit).toBe(false)
    expect(pruningWindows('edge').map((w) => w.pattern)).toEqual(['channels'])
  })
})

describe.each(TRACK_IDS)('%s: part 3, the stakeholder', (t) => {
  it('a distilled smaller student meets the 20% cut from part 2\'s recipe in spec, ≥ 0.2 points above the floor', () => {
    const sol = stakeholderSolution(t)!
    expect(sol).not.toBeNull()
    expect(sol.recipe.distill).toBe(true)
    expect(params(t, sol.recipe.student)).toBeLessThan(teacherParams(t))
    expect(sol.margin).toBeGreaterThanOrEqual(0.2)
    expect(stakeholderCheck(t, sol.recipe, stakeholderReference(t)).pass).toBe(true)
    // and it is the best such student: exhaustive over the sweep
    const others = sweep(t).filter((p) => p.recipe.distill && params(t, p.recipe.student) < teacherParams(t) && stakeholderCheck(t, p.recipe, stakeholderReference(t)).pass)
    for (const p of others) expect(p.evaluation.accuracy).toBeLessThanOrEqual(sol.evaluation.accuracy + 1e-9)
  })
})

describe.each(TRACK_IDS)('%s: part 3, the workbench opens on a gap', (t) => {
  const teacherAcc = evaluate(t, baselineRecipe(t)).accuracy
  it('the opening student is a smaller model distillation can teach, trained from scratch, at the recipe\'s precision, dense', () => {
    const id = distillationStudent(t)
    const already = new Set(temperatures(t).filter((x) => x.alreadyDistilled).map((x) => x.student))
    expect(params(t, id)).toBeLessThan(teacherParams(t))
    expect(already.has(id)).toBe(false)
    const from = stakeholderReference(t)
    const r = distillationStart(t, from)
    // part 2's pruning was found for the teacher: the smaller student replaces it
    expect(r).toEqual({ ...from, student: id, distill: false, sparsity: 0, pattern: 'unstructured' })
    // the teacher trained at its precision (the heavy archetype) is a choice, and stays
    expect(distillationStart(t, { ...from, distill: true })).toEqual({ ...from, distill: true })
    // smallest of those: no smaller student that distillation can still teach
    for (const m of TRACKS[t].models) if (m.params.value < params(t, id)) expect(already.has(m.id)).toBe(true)
  })
  it('the gap is visible (over a point) and distillation at the best temperature recovers the pair\'s published share of it', () => {
    const r = distillationStart(t, stakeholderReference(t))
    // at FP16 dense, where only distillation moves the accuracy (no quantization or pruning loss to scale it)
    const plain = { ...r, precision: 'fp16' as const, sparsity: 0, pattern: 'unstructured' as const }
    const scratch = evaluate(t, plain).accuracy
    const distilled = evaluate(t, { ...plain, distill: true, temperature: bestTemperature(t, r.student) }).accuracy
    const share = SPECS[t].models.find((m) => m.id === r.student)!.kdRecovery!.value
    expect(teacherAcc - scratch).toBeGreaterThan(1)
    expect((distilled - scratch) / (teacherAcc - scratch)).toBeCloseTo(share, 2)
    // mdistiller's classic KD on ImageNet (R50 → MobileNet 0.22, R34 → R18 0.36), Hinton's MNIST (0.91): never all of it
    expect(share).toBeGreaterThan(0.2)
    expect(share).toBeLessThan(1)
  })
  it('the temperature slider moves the opening student: it peaks at a moderate T and falls off on both sides, visibly', () => {
    const r = { ...part2Start(t), student: distillationStudent(t), distill: true }
    const acc = (T: number) => evaluate(t, { ...r, temperature: T }).accuracy
    const best = bestTemperature(t, r.student)
    expect(best).toBeGreaterThan(1)
    expect(best).toBeLessThan(20)
    // at least a tenth of a point, the deck's one-decimal resolution, on both sides
    expect(acc(best) - acc(1)).toBeGreaterThanOrEqual(0.1)
    expect(acc(best) - acc(20)).toBeGreaterThanOrEqual(0.1)
  })
  it('a student the viewer chose stays', () => {
    const other = { ...baselineRecipe(t), student: TRACKS[t].models.find((m) => m.id !== TRACKS[t].baseline)!.id, distill: true }
    expect(distillationStart(t, other)).toEqual(other)
    expect(distillationStart(t, { ...baselineRecipe(t), student: 'baseline' }).student).toBe(distillationStudent(t))
  })
})

describe.each(TRACK_IDS)('%s: the ledger', (t) => {
  it('heavy and light come from the search and are in spec; at least one kind exists', () => {
    // both kinds are in spec on every track (docs/lessons.md, "The ledger"): the seed's comparison has two sides
    const { heavy, light } = archetypes(t)
    expect(heavy).not.toBeNull()
    expect(light).not.toBeNull() // a distilled student in spec exists on every track (part 3)
    for (const x of [heavy!, light!]) expect(evaluate(t, x.recipe).binding).toBeNull()
    expect(heavy!.recipe.student).toBe(TRACKS[t].baseline)
    expect(['int4', 'binary']).toContain(heavy!.recipe.precision)
    expect(['int8', 'fp16']).toContain(light!.recipe.precision)
    expect(light!.recipe.distill).toBe(true)
    // with both in spec there is no absence to explain
    expect(archetypeAbsence(t, 'heavy')).toBeNull()
    expect(archetypeAbsence(t, 'light')).toBeNull()
  })
})

describe.each(TRACK_IDS)('%s: every lock\'s key teaches the storyboard\'s insight', (t) => {
  it('lock 1: INT8 halves the footprint at most (≈ 2×) and accuracy barely moves', () => {
    const a = lockAnswer(t, 'quantization')
    expect(a.value).toBeGreaterThan(1.9)
    expect(a.value).toBeLessThanOrEqual(2)
    const b = baselineRecipe(t)
    // under a point: Arm ML-Zoo's DS-CNN-L loses the most of the four teachers' sources (95.03% → 94.52%)
    expect(evaluate(t, b).accuracy - evaluate(t, { ...b, precision: 'int8' }).accuracy).toBeLessThan(1)
  })
  it('lock 1, accuracy: post-training INT8 costs less than a point (e.g. Arm ML-Zoo DS-CNN-L 95.03% → 94.52%)', () => {
    expect(LOCKS.quantizationAccuracy.options![lockAnswer(t, 'quantizationAccuracy').value]).toMatch(/^About the same/)
  })
  it('lock 2: 50% unstructured pruning is not 2× faster than dense at part 1\'s precision', () => {
    const a = lockAnswer(t, 'sparsity')
    expect(a.value).toBeLessThan(1.5)
    const [dense, pruned] = a.basis.map((b) => evaluate(t, b.recipe))
    expect(a.basis[0].recipe).toEqual(part2Start(t))
    expect(a.value).toBeCloseTo(dense.latencyMs / pruned.latencyMs, 9)
    expect(a.explanation).toContain(evaluate(t, a.basis[1].recipe).memory.kernel)
  })
  it('lock 3: a 4-bit distilled student beats the same student at 8 bits from scratch', () => {
    expect(LOCKS.distillation.options![lockAnswer(t, 'distillation').value]).toMatch(/^Yes/)
  })
})
