// ImageNet CNN backbones shared by the edge and mobile tracks, scaled to a track's input resolution.
import { BITS_PER_DECADE, k } from '../constants'
import { bitsHalfFromAnchor, channelCurve, fitPruneCurve, fitQuantCurve, quantCurve } from '../accuracy'
import type { ModelDef } from '../spec'

const TV = 'torchvision model zoo (ImageNet-1k top-1, params)'
const HE = 'He et al. 2016 Table 1 (multiply-adds at 224×224)'
export const IMAGENET_CHANCE = 0.1

// Post-training quantization (per-channel weights, 8-bit activations), measured on ResNet-v1-50 (FP 75.2):
const KRISH_PTQ = 'Krishnamoorthi 2018 Tables 3-5: ResNet-v1-50 per-channel PTQ, FP 75.2 → W8 75.1 → W4 54.0 (facts.md, V)'
/** the CNN post-training curve, exact through Krishnamoorthi's two ResNet-50 points */
export const CNN_PTQ = fitQuantCurve(75.2, IMAGENET_CHANCE, [[8, 75.1], [4, 54.0]])
// Training-aware quantization (LSQ: learned step size, weights and activations at b bits, fine-tuned from FP):
export const LSQ = 'Esser et al. 2020 "Learned Step Size Quantization" Table 1 (ImageNet top-1, weights and activations quantized)'
/** the CNN training-aware curve, least squares through LSQ's ResNet-50 points: FP 76.9 → 4 bit 76.7, 3 bit 75.8, 2 bit 73.7 */
export const CNN_TRAINED = fitQuantCurve(76.9, IMAGENET_CHANCE, [[4, 76.7], [3, 75.8], [2, 73.7]])

interface Curve { slope: number; bitsHalf: number; source: string; kind: 'derived' | 'assumption' }
/** Published channel-pruning results of a family after fine-tuning: (fraction of the work removed, top-1 drop vs the
 *  same paper's dense model). */
interface ChannelAnchors { points: [s: number, drop: number][]; source: string; kind: 'derived' | 'assumption' }
const RESNET_CHANNELS: ChannelAnchors = { points: [[1 - 2.0 / 4.1, 76.6 - 75.4], [1 - 1.0 / 4.1, 76.6 - 73.4]], kind: 'derived',
  source: 'MetaPruning (Liu et al. ICCV 2019, liuzechun/MetaPruning README): ResNet-50 76.6% at 4.1 GFLOPs → 75.4% at 2.0G, 73.4% at 1.0G, the pruned networks trained to convergence (HALP and EagleEye report 76.5/76.4% at 2G and 74.4/74.2% at 1G after fine-tuning; their baselines were not found)' }
/** the ResNet-50 curve's exponent, for families with a single published point */
export const RESNET_CHANNEL_EXPONENT = k('all', 'ResNet-50 channel pruning exponent (for one-point families)', fitPruneCurve(76.6 - IMAGENET_CHANCE, RESNET_CHANNELS.points).q, '', RESNET_CHANNELS.source, 'derived')
// Classic (Hinton) logit distillation on ImageNet, mdistiller (Zhao et al. CVPR 2022, megvii-research/mdistiller README;
// its ImageNet KD configs run at T = 1): the share of the student's gap to its teacher that KD recovers.
const MDISTILLER = 'mdistiller (Zhao et al. CVPR 2022 "DKD", megvii-research/mdistiller README, ImageNet, classic KD at T = 1)'
const KD_R34_R18 = { share: (71.03 - 69.76) / (73.31 - 69.76), kind: 'derived' as const,
  source: `${MDISTILLER}: ResNet-34 (73.31) → ResNet-18 (69.76 from scratch, torchvision): KD 71.03, (71.03 − 69.76)/(73.31 − 69.76); assumption: the same share from a ResNet-50 teacher (DKD, a newer loss, reaches 71.70)` }
const KD_R50_MOBILENET = { share: (70.50 - 68.87) / (76.16 - 68.87), kind: 'derived' as const,
  source: `${MDISTILLER}: ResNet-50 → MobileNet-V1, KD 70.50; teacher 76.16 and MobileNet from scratch 68.87 (top-1 errors 23.84 and 31.13 in the OFD authors' README, clovaai/overhaul-distillation, the baselines these tables share): (70.50 − 68.87)/(76.16 − 68.87). Fragile: earlier runs of plain KD on this pair (ReviewKD's table, as recalled, V2) land below scratch (68.58). Assumption: MobileNet-v2 recovers the same share as MobileNet-V1 (DKD reaches 72.05, a share of 0.44)` }
const MOBILENET_CHANNELS: ChannelAnchors = { points: [[0.3, 71.8 - 70.854], [1 - 140 / 313, 72.0 - 68.2], [1 - 43 / 313, 72.0 - 58.3]], kind: 'derived',
  source: 'AMC (He et al. ECCV 2018, mit-han-lab/amc README): MobileNet-v2 at 70% of the FLOPs 70.854% vs the full model\'s 71.8% (the MobileNet-v2 baseline AMC compares with, as recalled, V2); MetaPruning README: MobileNet-v2 140M MACs 68.2%, 43M 58.3% against the 313M uniform-width model\'s 72.0%' }
interface CnnRow {
  id: string
  name: string
  params: number
  top1: number
  macs224: number
  macsSrc: string
  outChannels: number
  fmap224: number
  peak224: number
  fragility: number
  ptq: Curve
  trained: Curve
  channels: ChannelAnchors
  /** classic KD's share of the gap to a ResNet-50 teacher (none for the teacher itself) */
  kd?: { share: number; source: string; kind: 'derived' | 'assumption' }
}
/** assumption: each 10× fewer parameters moves the half-loss bit width up by BITS_PER_DECADE (smaller is more fragile) */
const shift = (p: number) => BITS_PER_DECADE.value * Math.log10(25.557e6 / p)
const shiftedPtq = (p: number): Curve => ({ slope: CNN_PTQ.slope, bitsHalf: CNN_PTQ.bitsHalf + shift(p), kind: 'assumption',
  source: `assumption: the ResNet-50 post-training curve (${KRISH_PTQ}) + ${BITS_PER_DECADE.value} bit per decade fewer parameters` })
/** LSQ's own rows for a ResNet, least squares through its 3- and 2-bit points (its 4-bit points sit at or above FP) */
const lsqFit = (fp: number, a3: number, a2: number, name: string): Curve => ({ ...fitQuantCurve(fp, IMAGENET_CHANCE, [[3, a3], [2, a2]]), kind: 'derived',
  source: `fit to ${LSQ}, ${name}: FP ${fp} → 3 bit ${a3}, 2 bit ${a2}` })

const ROWS: CnnRow[] = [
  { id: 'resnet50', name: 'ResNet-50', params: 25_557_032, top1: 76.13, macs224: 3.8e9, macsSrc: HE, outChannels: 27_560, fmap224: 9.3e6, peak224: 1.6e6, fragility: 1,
    ptq: { ...CNN_PTQ, kind: 'derived', source: `fit to ${KRISH_PTQ}` },
    trained: { ...CNN_TRAINED, kind: 'derived', source: `least-squares fit to ${LSQ}, ResNet-50: FP 76.9 → 4 bit 76.7, 3 bit 75.8, 2 bit 73.7` }, channels: RESNET_CHANNELS },
  { id: 'resnet34', name: 'ResNet-34', params: 21_797_672, top1: 73.31, macs224: 3.6e9, macsSrc: HE, outChannels: 9_512, fmap224: 3.6e6, peak224: 1.6e6, fragility: 1.2,
    ptq: shiftedPtq(21_797_672), trained: lsqFit(74.1, 73.4, 71.6, 'ResNet-34'), kd: KD_R34_R18, channels: { ...RESNET_CHANNELS, kind: 'assumption', source: `assumption: the ResNet-50 curve (${RESNET_CHANNELS.source})` } },
  { id: 'resnet18', name: 'ResNet-18', params: 11_689_512, top1: 69.76, macs224: 1.8e9, macsSrc: HE, outChannels: 5_800, fmap224: 2.3e6, peak224: 1.6e6, fragility: 1.4,
    ptq: shiftedPtq(11_689_512), trained: lsqFit(70.5, 70.2, 67.6, 'ResNet-18'), kd: KD_R34_R18, channels: { ...RESNET_CHANNELS, kind: 'assumption', source: `assumption: the ResNet-50 curve (${RESNET_CHANNELS.source})` } },
  { id: 'mobilenetv2', name: 'MobileNet-v2', params: 3_504_872, top1: 71.88, macs224: 0.3e9, macsSrc: 'Sandler et al. 2018: 300M multiply-adds', outChannels: 17_000, fmap224: 6.5e6, peak224: 2.4e6, fragility: 2,
    ptq: { slope: CNN_PTQ.slope, bitsHalf: bitsHalfFromAnchor(71.9, IMAGENET_CHANCE, 8, 69.7, CNN_PTQ.slope), kind: 'derived',
      source: 'Krishnamoorthi 2018 Table 3: MobileNet-v2 W8A8 per-channel PTQ 71.9 → 69.7 (depthwise nets are fragile; W4 PTQ collapses to 0.1), with the ResNet-50 post-training slope' },
    trained: { slope: CNN_TRAINED.slope, bitsHalf: bitsHalfFromAnchor(71.88, IMAGENET_CHANCE, 4, 71.88 - 1.48, CNN_TRAINED.slope), kind: 'derived',
      source: `Park & Yoo 2020 "PROFIT" (abstract): 4-bit MobileNets within 1.48 points of full precision after training-aware quantization, with the ResNet-50 LSQ slope (Krishnamoorthi 2018's plain QAT reaches 62: PROFIT's progressive freezing is what closes it)` },
    channels: MOBILENET_CHANNELS, kd: KD_R50_MOBILENET },
]

/** The backbones at `w×h` input with detection/recognition heads adding `headFactor` to the MACs. */
export function cnnModels(track: string, ids: string[], w: number, h: number, headFactor: number, why: string): ModelDef[] {
  k(track, 'input width', w, 'px', 'assumption: camera crop fed to the network', 'assumption')
  k(track, 'input height', h, 'px', 'assumption: camera crop fed to the network', 'assumption')
  k(track, 'head MACs factor', headFactor, '×', why, 'assumption')
  const scale = (w * h) / (224 * 224)
  return ids.map((id) => {
    const r = ROWS.find((x) => x.id === id)
    if (!r) throw new Error(`unknown CNN ${id}`)
    const n = r.name
    return {
      id: r.id, name: n,
      params: k(track, `${n} parameters`, r.params, 'weights', `${TV}; assumption: the classifier is replaced by heads of similar size`, 'published'),
      accuracy: k(track, `${n} top-1 (FP32/FP16)`, r.top1, '%', TV, 'published'),
      macs: k(track, `${n} MACs per frame`, r.macs224 * scale * headFactor, 'MAC', `${r.macsSrc} × ${scale.toFixed(2)} (pixels ${w}×${h} vs 224²) × ${headFactor} (${why})`, 'derived'),
      outChannels: k(track, `${n} output channels (sum)`, r.outChannels, 'channels', 'counted from the architecture table; approximate', 'derived'),
      actPeakBytes16: k(track, `${n} activation peak`, r.peak224 * scale * 2, 'B', `assumption: 2 × the largest feature map (${(r.peak224 / 2e6).toFixed(1)} M elements at 224²) × pixel scale × 2 B`, 'assumption'),
      actTrafficBytes16: k(track, `${n} activation traffic per frame`, r.fmap224 * scale * 2, 'B', `assumption: every feature map (Σ ≈ ${(r.fmap224 / 1e6).toFixed(1)} M elements at 224²) written and read once after layer fusion, 2 B each`, 'assumption'),
      layers: k(track, `${n} layers`, 0, 'layers', 'per-layer overhead not modelled for CNNs (folded into pre/post time)', 'assumption'),
      quant: {
        ptq: quantCurve(track, `${n} post-training quantization`, r.ptq.slope, r.ptq.bitsHalf, r.ptq.source, r.ptq.kind),
        trained: quantCurve(track, `${n} training-aware quantization`, r.trained.slope, r.trained.bitsHalf, r.trained.source, r.trained.kind),
      },
      channelCurve: channelCurve(track, n, r.top1 - IMAGENET_CHANCE, r.channels.points, r.channels.source, r.channels.kind),
      ...(r.kd ? { kdRecovery: k(track, `${n} distillation: share of the gap to the teacher recovered`, r.kd.share, '', r.kd.source, r.kd.kind) } : {}),
      pruneFragility: k(track, `${n} pruning fragility`, r.fragility, '× ResNet-50 curve', r.fragility === 1 ? 'Gale, Elsen, Hooker 2019: this is the reference model' : 'assumption: smaller/compact nets lose more per pruned weight', r.fragility === 1 ? 'published' : 'assumption'),
    }
  })
}
