// What a track says in words, as data beside its physics: the crisis sentence and the badge's headline (from the
// FP16 baseline's evaluation), the impact rows of any evaluation, and the units its field quotes. Generic code calls
// these; it never asks which track it is on. Every number comes from the evaluation or the spec's sourced constants.
import type { Evaluation, TrackId } from '../types'
import type { TrackSpec } from '../spec'

export interface ImpactInputs { latencyS: number; energyJ: number; powerW: number; batteryMin: number; totalBytes: number }
export type ImpactRow = Evaluation['impact'][number]

export interface TrackStory {
  crisis(e: Evaluation, spec: TrackSpec): string
  headline(e: Evaluation, spec: TrackSpec): string
  impact(x: ImpactInputs, spec: TrackSpec): ImpactRow[]
  /** 'si': datacenter capacities in decimal units (1 GB = 10⁹ B); 'iec': embedded SRAM and flash in KiB */
  byteUnits: 'si' | 'iec'
  /** the unit energy per inference is quoted in */
  energyUnit: 'J' | 'mJ' | 'µJ'
}

/** The evaluation's check of one budget. */
export const check = (e: Evaluation, name: string) => {
  const c = e.checks.find((x) => x.name === name)
  if (!c) throw new Error(`no ${name} budget`)
  return c
}
/** A budget's sourced limit in the spec. */
export const limitOf = (spec: TrackSpec, name: string) => {
  const b = spec.budgets.find((x) => x.name === name)
  if (!b) throw new Error(`no ${name} budget on ${spec.id}`)
  return b.limit
}
export const teacherName = (spec: TrackSpec) => spec.models.find((m) => m.id === spec.baseline)!.name
export type Stories = Record<TrackId, TrackStory>
