// Accuracy-model constants that every track declares (each registered under its track for listSources).
import { k } from '../constants'
import type { TrackSpec } from '../spec'

type KdKeys = 'kdCompressionRecovery' | 'kdWidth'
export function kdConstants(track: string): Pick<TrackSpec, KdKeys> {
  return {
    kdCompressionRecovery: k(track, 'distillation: fraction of compression loss recovered', 0.5, '',
      'assumption after Polino et al. 2018 (qualitative) and Krishnamoorthi 2018 (QAT recovers ~half of the W8 PTQ loss of MobileNet-v2)', 'assumption'),
    kdWidth: k(track, 'distillation temperature tolerance', 0.8, 'ln T',
      'assumption: efficacy is a log-normal bump around the optimum (Hinton et al. 2015: T 3-5 work best)', 'assumption'),
  }
}
