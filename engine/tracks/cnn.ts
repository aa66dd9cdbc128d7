// ImageNet CNN backbones shared by the edge and mobile tracks, scaled to a track's input resolution.
import { BITS_PER_DECADE, k } from '../constants'
import { bitsHalfFromAnchor, fitQuantCurve } from '../accuracy'
import type { ModelDef } from '../spec'

const TV = 'torchvision model zoo (ImageNet-1k top-1, params)'
const HE = 'He et al. 2016 Table 1 (multiply-adds at 224×224)'
export const TEXTBOOK = 'textbook illustrative free-lunch curve, CNN 76.1 at 16/8/4/3/2 bits: 76.1/76.0/74.5/55.0/10.0 (facts.md)'
export const IMAGENET_CHANCE = 0.1

/** quantization curve of ResNet-50, fitted through the textbook's 4/3/2-bit points (8 bits is then flat by construction) */
export const CNN_FIT = fitQuantCurve(76.1, IMAGENET_CHANCE, [[4, 74.5], [3, 55.0], [2, 10.0]])

interface CnnRow {
  id: string; name: string; params: number; top1: number; macs224: number; macsSrc: string
  outChannels: number; fmap224: number; peak224: number; fragility: number; kdT: number
  bitsHalf: number; bitsHalfSrc: string
}
const shift = (p: number) => BITS_PER_DECADE.value * Math.log10(25.557e6 / p)
const ROWS: CnnRow[] = [
  { id: 'resnet50', name: 'ResNet-50', params: 25_557_032, top1: 76.13, macs224: 3.8e9, macsSrc: HE, outChannels: 27_560, fmap224: 9.3e6, peak224: 1.6e6,
    fragility: 1, kdT: 4, bitsHalf: CNN_FIT.bitsHalf, bitsHalfSrc: `logistic fit to the ${TEXTBOOK}` },
  { id: 'resnet34', name: 'ResNet-34', params: 21_797_672, top1: 73.31, macs224: 3.6e9, macsSrc: HE, outChannels: 9_512, fmap224: 3.6e6, peak224: 1.6e6,
    fragility: 1.2, kdT: 4, bitsHalf: CNN_FIT.bitsHalf + shift(21.8e6), bitsHalfSrc: 'assumption: ResNet-50 fit + 0.3 bit per decade fewer parameters' },
  { id: 'resnet18', name: 'ResNet-18', params: 11_689_512, top1: 69.76, macs224: 1.8e9, macsSrc: HE, outChannels: 5_800, fmap224: 2.3e6, peak224: 1.6e6,
    fragility: 1.4, kdT: 4, bitsHalf: CNN_FIT.bitsHalf + shift(11.7e6), bitsHalfSrc: 'assumption: ResNet-50 fit + 0.3 bit per decade fewer parameters' },
  { id: 'mobilenetv2', name: 'MobileNet-v2', params: 3_504_872, top1: 71.88, macs224: 0.3e9, macsSrc: 'Sandler et al. 2018: 300M multiply-adds', outChannels: 17_000, fmap224: 6.5e6, peak224: 2.4e6,
    fragility: 2, kdT: 3,
    bitsHalf: bitsHalfFromAnchor(71.9, IMAGENET_CHANCE, 8, 69.7, CNN_FIT.slope),
    bitsHalfSrc: 'Krishnamoorthi 2018 Table 3: W8A8 per-channel PTQ 71.9 → 69.7 (depthwise nets are fragile), with the ResNet-50 slope' },
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
      bitsHalf: k(track, `${n} quantization half-loss bit width`, r.bitsHalf, 'bit', r.bitsHalfSrc, r.bitsHalfSrc.startsWith('assumption') ? 'assumption' : 'derived'),
      pruneFragility: k(track, `${n} pruning fragility`, r.fragility, '× ResNet-50 curve', r.fragility === 1 ? 'Gale, Elsen, Hooker 2019: this is the reference model' : 'assumption: smaller/compact nets lose more per pruned weight', r.fragility === 1 ? 'published' : 'assumption'),
      kdTemperature: k(track, `${n} distillation temperature optimum`, r.kdT, '', 'assumption within Hinton et al. 2015 "typically 3 to 5" (smaller students prefer lower T)', 'assumption'),
    }
  })
}
