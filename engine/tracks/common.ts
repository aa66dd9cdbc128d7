// Constants shared by tracks, each registered under its track for listSources (so every track's table lists it).
import { k } from '../constants'

/** ImageNet knowledge distillation: share of a student's gap to its teacher that logit distillation recovers. */
export const IMAGENET_KD_RECOVERY = (track: string) => k(track, 'distillation: fraction of the gap to the teacher recovered at the optimum',
  (71.70 - 69.76) / (73.31 - 69.76), '',
  'Zhao et al. CVPR 2022 (DKD, decoupled logit distillation), authors\' repo: ResNet-34 (73.31, torchvision) → ResNet-18 (69.76 from scratch, torchvision): DKD 71.70, i.e. (71.70 − 69.76)/(73.31 − 69.76); classic KD reaches 71.03 (0.36). Assumption: a student recovers the same share of any teacher gap (larger gaps recover a smaller share in practice: ResNet-50 → MobileNet-V1 0.44)', 'derived')

/** A native-precision path (FP16 on FP16 units, INT8 on INT8 units) does no dequantization work: every machine's
 *  fast paths run at full kernel efficiency. */
export const FAST_PATH_EFFICIENCY = (track: string) => k(track, 'fast-path kernel efficiency', 1, '', 'native precision: no dequantization work', 'assumption')
