import type { TrackId } from '../types'
import type { TrackSpec } from '../spec'
import { cloud } from './cloud'
import { edge } from './edge'
import { mobile } from './mobile'
import { tiny } from './tiny'

export const SPECS: Record<TrackId, TrackSpec> = { cloud, edge, mobile, tiny }
