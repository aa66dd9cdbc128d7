// Constants shared by tracks, each registered under its track for listSources (so every track's table lists it).
import { k } from '../constants'

/** A native-precision path (FP16 on FP16 units, INT8 on INT8 units) does no dequantization work: every machine's
 *  fast paths run at full kernel efficiency. */
export const FAST_PATH_EFFICIENCY = (track: string) => k(track, 'fast-path kernel efficiency', 1, '', 'native precision: no dequantization work', 'assumption')
