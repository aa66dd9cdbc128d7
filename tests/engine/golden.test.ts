// Golden values from cited sources (facts.md), not pasted from the engine's output.
import { describe, expect, it } from 'vitest'
import { baselineRecipe, bestTemperature, describeConstant, evaluate, TRACKS, type Recipe } from '../../engine'

const cloud = (r: Partial<Recipe> = {}) => evaluate('cloud', { ...baselineRecipe('cloud'), ...r })
const LLAMA_70B_PARAMS = 70_553_706_496 // safetensors metadata (facts.md, V)
const H100_BW = 3.35e12 // H100 SXM datasheet

describe('Cloud Titan: Llama-3-70B on one H100', () => {
  it('has the published parameter count', () => {
    const m = TRACKS.cloud.models.find((x) => x.id === TRACKS.cloud.baseline)!
    expect(m.params.value).toBe(LLAMA_70B_PARAMS)
  })
  it('stores weights at params × bits / 8: 141.1 / 70.6 / 35.3 GB (facts.md, D)', () => {
    expect(cloud().memory.weightsBytes / 1e9).toBeCloseTo(141.1, 1)
    expect(cloud({ precision: 'int8' }).memory.weightsBytes / 1e9).toBeCloseTo(70.6, 1)
    expect(cloud({ precision: 'int4' }).memory.weightsBytes / 1e9).toBeCloseTo(35.3, 1)
  })
  it('counts quantization metadata: none at FP16, ~1/16 of INT4 weights for FP16 scale+zero per 128', () => {
    expect(cloud().memory.quantMetadataBytes).toBe(0)
    const i4 = cloud({ precision: 'int4' }).memory
    expect(i4.quantMetadataBytes / i4.weightsBytes).toBeCloseTo(32 / 128 / 4, 3)
    const i8 = cloud({ precision: 'int8' }).memory
    expect(i8.quantMetadataBytes).toBeGreaterThan(0)
    expect(i8.quantMetadataBytes / i8.weightsBytes).toBeLessThan(0.01)
  })
  it('has a KV cache of 2 × 80 × 8 × 128 × 2 B = 327,680 B per token at FP16', () => {
    const ctx = describeConstant('context length', 'cloud').value
    expect(cloud().memory.kvCacheBytes / ctx).toBe(327_680)
    expect(cloud({ precision: 'int4' }).memory.kvCacheBytes / ctx).toBe(327_680) // KV stays FP16
  })
  it('does not fit one 80 GB H100 at FP16 (the crisis), and INT4 does', () => {
    const e = cloud()
    expect(e.memory.fits).toBe(false)
    expect(e.memory.totalBytes).toBeGreaterThan(141e9)
    expect(e.binding).toBe('memory')
    expect(cloud({ precision: 'int4' }).memory.fits).toBe(true)
    expect(TRACKS.cloud.crisis).toMatch(/OOM/)
  })
  it('never decodes faster than weight bytes ÷ 3.35 TB/s: 42 / 21 / 10.5 ms', () => {
    for (const [p, ms] of [['fp16', 42.1], ['int8', 21.06], ['int4', 10.53]] as const) {
      const e = cloud({ precision: p })
      expect(e.latencyFloorMs).toBeGreaterThanOrEqual(ms)
      expect(e.latencyFloorMs).toBeLessThan(ms * 1.2)
      expect(e.latencyMs).toBeGreaterThanOrEqual((e.memory.weightsBytes / H100_BW) * 1000)
      expect(e.bound).toBe('memory')
    }
  })
  it('gets ~3× from INT4 decode (4× fewer bytes minus dequantization and the FP16 rest), < 2× from INT8', () => {
    const i4 = cloud({ precision: 'int4' })
    expect(i4.theoreticalSpeedup).toBeCloseTo(4, 5)
    expect(i4.realizedSpeedup).toBeGreaterThan(2.5)
    expect(i4.realizedSpeedup).toBeLessThan(3.8)
    const i8 = cloud({ precision: 'int8' })
    expect(i8.realizedSpeedup).toBeGreaterThan(1.6)
    expect(i8.realizedSpeedup).toBeLessThan(2)
  })
  it('gets well below 2× from 2:4 at FP16 (textbook 1.1-1.3× typical) and about SpInfer\'s A100 figure from 50% unstructured', () => {
    const s24 = cloud({ sparsity: 0.5, pattern: '2:4' })
    expect(s24.theoreticalSpeedup).toBeCloseTo(2, 5)
    expect(s24.realizedSpeedup).toBeGreaterThan(1.05)
    expect(s24.realizedSpeedup).toBeLessThan(1.5)
    // SpInfer's bitmap kernel, reproduced on an A100 (FP16, N = 8): ≈ 1.05× over cuBLAS at 50%; the KV cache and the rest
    // of the token's time do not shrink, so end to end it is at most that
    const u50 = cloud({ sparsity: 0.5 })
    expect(u50.memory.format).toBe('bitmap')
    expect(u50.realizedSpeedup).toBeGreaterThan(1)
    expect(u50.realizedSpeedup).toBeLessThanOrEqual(1.05)
  })
  it('INT4 + 2:4 gains what Sparse-Marlin measures over dense Marlin at batch 1 (5.08 / 3.87 ≈ 1.31× on the weight stream)', () => {
    const int4 = cloud({ precision: 'int4' })
    const s24 = cloud({ precision: 'int4', sparsity: 0.5, pattern: '2:4' })
    const gain = int4.latencyMs / s24.latencyMs
    // the weight stream gains 1.31×; the KV cache and the per-token rest do not, so end to end a little less
    expect(gain).toBeGreaterThan(1.15)
    expect(gain).toBeLessThan(5.08 / 3.87)
  })
  it('width (channel) pruning of 20% follows LLM-Pruner (LLaMA-7B 20% + LoRA: 63.25 → 60.07, −12% of the margin above chance)', () => {
    const dense = cloud()
    const ch = cloud({ sparsity: 0.2, pattern: 'channels' })
    const share = (dense.accuracy - ch.accuracy) / (dense.accuracy - 35)
    expect(share).toBeCloseTo((63.25 - 60.07) / (63.25 - (50 + 50 + 25 + 50 + 25 + 25 + 25) / 7), 2)
    // memory-bound decode: the smaller dense model is faster
    expect(ch.latencyMs).toBeLessThan(dense.latencyMs)
  })
  it('follows Huang et al. 2024 zero-shot averages: FP16 75.3, W4 ~74.9 (GPTQ/AWQ), binary near chance 35', () => {
    expect(cloud().accuracy).toBeCloseTo(75.3, 5)
    expect(cloud({ precision: 'int8' }).accuracy).toBeGreaterThan(75.2) // W8A8 lossless
    expect(Math.abs(cloud({ precision: 'int4' }).accuracy - 74.9)).toBeLessThan(0.5)
    expect(cloud({ precision: 'binary' }).accuracy).toBeLessThan(40)
  })
  it('spends its energy on data movement (memory-bound decode)', () => {
    const e = cloud({ precision: 'int4' })
    expect(e.energy.dataMovementJ).toBeGreaterThan(10 * e.energy.computeJ)
  })
})

describe('energy by technology and node', () => {
  it('Horowitz 45 nm (ISSCC 2014): INT8 MAC 0.2 + 0.03 pJ, FP16 MAC 1.1 + 0.4 pJ (≈ 6.5×), DDR ≫ MAC', () => {
    const f = describeConstant('FP16 MAC energy (45 nm)').value
    const i = describeConstant('INT8 MAC energy (45 nm)').value
    expect(i).toBeCloseTo(0.23e-12, 15)
    expect(f).toBeCloseTo(1.5e-12, 15)
    expect(describeConstant('DDR3/4 energy per byte').value / i).toBeGreaterThan(100)
  })
  it('Jouppi et al. 2021: logic shrinks far more than SRAM from 45 to 7 nm (INT8 MAC 0.077 pJ; 8 KB SRAM 10 → 7.5 pJ)', () => {
    expect(describeConstant('INT8 MAC energy (7 nm)').value).toBeCloseTo(0.077e-12, 15)
    const logic = describeConstant('INT8 MAC energy (45 nm)').value / describeConstant('INT8 MAC energy (7 nm)').value
    const sram = describeConstant('SRAM 8 KB read per 64 bit (45 nm)').value / describeConstant('SRAM 8 KB read per 64 bit (7 nm)').value
    expect(logic).toBeGreaterThan(2 * sram)
  })
  it("HBM ≈ 3.9 pJ/bit (O'Connor et al. MICRO 2017), LPDDR a few pJ/bit, both far below 45 nm DDR (1,300 pJ per 64 bit)", () => {
    expect(describeConstant('HBM energy per byte').value).toBeCloseTo(3.9e-12 * 8, 15)
    for (const m of ['LPDDR5 energy per byte', 'LPDDR4X energy per byte']) {
      expect(describeConstant(m).value / 8).toBeGreaterThanOrEqual(2e-12)
      expect(describeConstant(m).value / 8).toBeLessThanOrEqual(7e-12)
    }
    expect(describeConstant('DDR3/4 energy per byte').value).toBeCloseTo(1300e-12 / 8, 15)
  })
  it('cloud decode at FP16: HBM traffic is tens of watts, not hundreds (141 GB × 31 pJ/B per token)', () => {
    const e = cloud()
    const hbmW = e.energy.dataMovementJ / (e.latencyMs / 1000)
    expect(hbmW).toBeGreaterThan(50)
    expect(hbmW).toBeLessThan(150)
  })
})

describe('the other crises come out of the engine', () => {
  it('edge: the FP16 perception network takes 20-30 ms against a 10 ms loop', () => {
    const e = evaluate('edge', baselineRecipe('edge'))
    expect(e.latencyMs).toBeGreaterThan(20)
    expect(e.latencyMs).toBeLessThan(30)
    expect(e.checks.find((c) => c.name === 'latency')!.pass).toBe(false)
    expect(e.bound).toBe('compute')
  })
  it('edge: 50% unstructured pruning gives no speedup, 2:4 INT8 well below its 4× theoretical', () => {
    const b = baselineRecipe('edge')
    expect(evaluate('edge', { ...b, sparsity: 0.5 }).realizedSpeedup).toBeLessThanOrEqual(1.0)
    const e = evaluate('edge', { ...b, precision: 'int8', sparsity: 0.5, pattern: '2:4' })
    expect(e.theoreticalSpeedup).toBeCloseTo(4, 5)
    expect(e.realizedSpeedup).toBeLessThan(0.8 * e.theoreticalSpeedup)
  })
  it('mobile: battery life = 960 mWh ÷ glasses power, and FP16 at 60 FPS breaks the thermal envelope', () => {
    const e = evaluate('mobile', baselineRecipe('mobile'))
    const battery = e.impact.find((i) => i.unit === 'min')!
    const power = e.checks.find((c) => c.name === 'power')!
    expect(battery.value).toBeCloseTo((0.96 * 3600) / power.value / 60, 6)
    expect(power.pass).toBe(false)
  })
  it('tiny: the ~1 MB FP16 model keeps its activations in the 256 KiB SRAM and streams its weights from flash (never the reverse)', () => {
    const e = evaluate('tiny', baselineRecipe('tiny'))
    expect(e.memory.totalBytes).toBeGreaterThan(0.9e6)
    expect(e.memory.totalBytes).toBeLessThan(1.2e6)
    expect(e.memory.capacityBytes).toBe(256 * 1024)
    expect(e.memory.activationsLevel).toBe('SRAM')
    expect(e.memory.weightsLevel).toBe('flash')
    expect(e.memory.onChipBytes).toBe(e.memory.activationsBytes)
    expect(e.checks.find((c) => c.name === 'latency')!.pass).toBe(false)
  })
  it('tiny: an INT8 model that runs from flash within 10 ms does fit (runs in place, as TFLite Micro and Ethos-U do)', () => {
    const e = evaluate('tiny', { ...baselineRecipe('tiny'), precision: 'int8' })
    expect(e.memory.weightsLevel).toBe('flash')
    expect(e.latencyMs).toBeLessThan(10)
    expect(e.memory.fits).toBe(true)
  })
})

describe('CNN anchors', () => {
  const edge = (r: Partial<Recipe>) => evaluate('edge', { ...baselineRecipe('edge'), ...r }).accuracy
  // the model's accuracies are fractions of the margin above chance, so a published drop on a 75.2 baseline maps onto 76.13
  const onResNet50 = (fp: number, acc: number) => 0.1 + ((acc - 0.1) / (fp - 0.1)) * (76.13 - 0.1)
  it('ResNet-50 post-training: INT8 flat (Krishnamoorthi 2018: 75.2 → 75.1), INT4 54.0, binary collapses', () => {
    expect(76.13 - edge({ precision: 'int8' })).toBeLessThan(0.7) // Nagel 2021: W8A8 within 0.7%
    expect(Math.abs(edge({ precision: 'int8' }) - onResNet50(75.2, 75.1))).toBeLessThan(0.05)
    expect(Math.abs(edge({ precision: 'int4' }) - onResNet50(75.2, 54.0))).toBeLessThan(0.5)
    expect(edge({ precision: 'binary' })).toBeLessThan(5)
  })
  it('ResNet-50 training-aware (distilled): LSQ (Esser et al. 2020 Table 1) 76.9 → 4 bit 76.7, 2 bit 73.7 (±0.5)', () => {
    expect(Math.abs(edge({ precision: 'int4', distill: true }) - onResNet50(76.9, 76.7))).toBeLessThan(0.5)
  })
  it('ResNet-50 pruning follows Gale et al. 2019: 50% −0.2, 70% −0.3, 80% −1.1, 90% −2.8 (±0.6)', () => {
    for (const [s, drop] of [[0.5, 0.2], [0.7, 0.3], [0.8, 1.1], [0.9, 2.8]]) expect(Math.abs(76.13 - edge({ sparsity: s }) - drop)).toBeLessThan(0.6)
  })
  it('2:4 costs a little more than 50% unstructured', () => {
    const u = edge({ sparsity: 0.5 }), s = edge({ sparsity: 0.5, pattern: '2:4' })
    expect(s).toBeLessThan(u)
    expect(u - s).toBeLessThan(1)
  })
  it('MobileNet-v2 is fragile: INT8 PTQ ~69.7 (Krishnamoorthi 2018), INT4 PTQ collapses', () => {
    const m = (p: Recipe['precision']) => evaluate('edge', { ...baselineRecipe('edge'), student: 'mobilenetv2', precision: p }).accuracy
    expect(Math.abs(m('int8') - 69.7)).toBeLessThan(0.3)
    expect(m('int4')).toBeLessThan(10) // published 0.1: near chance
  })
  it('MobileNet-v2 trained at 4 bits keeps most of its accuracy (PROFIT: within 1.48 points; Krishnamoorthi QAT: 62), far above its INT4 post-training collapse', () => {
    const trained = evaluate('edge', { ...baselineRecipe('edge'), student: 'mobilenetv2', precision: 'int4', distill: true })
    expect(trained.accuracy).toBeGreaterThan(71.88 - 1.48 - 0.3) // PROFIT's training-aware 4 bits, and distillation on top
    expect(trained.accuracy).toBeLessThanOrEqual(76.13) // never beyond the ResNet-50 teacher
  })
})

describe('Tiny Pioneer: DS-CNN counts agree with Hello Edge', () => {
  it('2 × MACs ≈ the paper\'s "Ops" per inference: S 5.4 M, M 19.8 M, L 56.9 M (±5%)', () => {
    const ops = { 'ds-cnn-s': 5.4e6, 'ds-cnn-m': 19.8e6, 'ds-cnn-l': 56.9e6 } as Record<string, number>
    for (const m of TRACKS.tiny.models) expect(Math.abs((2 * m.macs!.value) / ops[m.id] - 1)).toBeLessThan(0.05)
  })
})

describe('the quantization curve between the deployable precisions', () => {
  it('Llama-3-70B passes through the GPTQ W3 point of Huang et al. 2024 (70.6) and falls apart at W2 (45.4; the curve ±5)', async () => {
    const { quantizationCurve } = await import('../../engine/curves')
    const c = quantizationCurve('cloud', baselineRecipe('cloud'))
    expect(c).toHaveLength(16)
    expect(Math.abs(c[2].accuracy - 70.6)).toBeLessThan(0.1)
    expect(Math.abs(c[1].accuracy - 45.4)).toBeLessThan(5)
    expect(c[15].accuracy).toBeCloseTo(75.3, 3)
    expect(c[3].accuracy).toBeCloseTo(evaluate('cloud', { ...baselineRecipe('cloud'), precision: 'int4' }).accuracy, 9)
  })
  it("ResNet-50 distilled at 2 bits keeps LSQ's 73.7 of 76.9 (±0.5); post-training at 2 bits is near chance", async () => {
    const { quantizationCurve } = await import('../../engine/curves')
    const trained = quantizationCurve('edge', { ...baselineRecipe('edge'), distill: true })
    expect(Math.abs(trained[1].accuracy - (0.1 + (73.6 / 76.8) * 76.03))).toBeLessThan(0.5)
    expect(quantizationCurve('edge', baselineRecipe('edge'))[1].accuracy).toBeLessThan(10)
  })
  it('Llama-3-70B distilled (training-aware) follows EfficientQAT: W3 72.42, W2 67.89 (±0.6)', async () => {
    const { quantizationCurve } = await import('../../engine/curves')
    const c = quantizationCurve('cloud', { ...baselineRecipe('cloud'), distill: true })
    expect(Math.abs(c[2].accuracy - 72.42)).toBeLessThan(0.6)
    expect(Math.abs(c[1].accuracy - 67.89)).toBeLessThan(0.6)
  })
})

describe('distillation recovers the share its published teacher–student pair measured (classic KD)', () => {
  const accuracyOf = (t: 'edge' | 'tiny', student: string, distill: boolean) =>
    evaluate(t, { ...baselineRecipe(t), student, distill, temperature: bestTemperature(t, student) }).accuracy
  const share = (t: 'edge' | 'tiny', student: string) => {
    const teacher = evaluate(t, baselineRecipe(t)).accuracy
    return (accuracyOf(t, student, true) - accuracyOf(t, student, false)) / (teacher - accuracyOf(t, student, false))
  }
  it('MobileNet from ResNet-50: mdistiller KD 70.50 over OFD\'s baselines, teacher 76.16, scratch 68.87 (0.22)', () => {
    expect(share('edge', 'mobilenetv2')).toBeCloseTo((70.50 - 68.87) / (76.16 - 68.87), 3)
  })
  it('ResNet-18 from a ResNet: mdistiller KD 71.03, teacher ResNet-34 73.31, scratch 69.76 (0.36)', () => {
    expect(share('edge', 'resnet18')).toBeCloseTo((71.03 - 69.76) / (73.31 - 69.76), 3)
  })
  it('DS-CNN-S: Hinton\'s MNIST student, 146 errors alone, 74 distilled, teacher 67 (0.91)', () => {
    expect(share('tiny', 'ds-cnn-s')).toBeCloseTo((146 - 74) / (146 - 67), 3)
  })
})

describe('channel pruning follows its published curves', () => {
  it('ResNet-50 at 2.0 and 1.0 GFLOPs of 4.1 loses about what MetaPruning measured (−1.2, −3.2 of 76.6), within the fit', () => {
    const drop = (s: number) => evaluate('edge', baselineRecipe('edge')).accuracy - evaluate('edge', { ...baselineRecipe('edge'), pattern: 'channels', sparsity: s }).accuracy
    expect(drop(1 - 2.0 / 4.1)).toBeCloseTo(1.2, 0)
    expect(drop(1 - 1.0 / 4.1)).toBeCloseTo(3.2, 0)
  })
  it('MobileNet-v2 at 70% of its work loses about AMC\'s point (70.854 vs 71.8)', () => {
    const r = { ...baselineRecipe('edge'), student: 'mobilenetv2' }
    expect(evaluate('edge', r).accuracy - evaluate('edge', { ...r, pattern: 'channels', sparsity: 0.3 }).accuracy).toBeCloseTo(71.8 - 70.854, 0)
  })
})
