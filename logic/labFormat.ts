// Formatting shared by the lab bench panels (measured numbers: percent with one decimal, times in µs).
import { percentFixed } from '../engine'
import { DATASET, STUDENT, TEACHER } from '../lab'

/** A measured accuracy: one decimal, fixed, unlike the deck's modelled percentages, because the lab's tables compare
 *  cells (scratch vs distilled, one ratio vs the next) that differ by tenths of a point: a tenth is three of the 3,000
 *  held-out rows (lab/config.ts DATASET.testSize), and a fixed decimal keeps a column's digits aligned. */
export const pct = (x: number): string => percentFixed(x, 1)
export const us = (ns: number): string => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1000).toPrecision(3)} µs`)
export const kb = (bytes: number): string => `${(bytes / 1000).toPrecision(3)} kB`
export const times = (x: number): string => `${x.toPrecision(2)}×`
export const CHANCE = 1 / DATASET.classes

/** The configuration line shown on every panel: what was measured, with its seed. */
export const TEACHER_CONFIG
  = `Teacher MLP ${TEACHER.sizes.join('-')}, synthetic ${DATASET.classes}-class data (seed ${DATASET.seed}), `
    + `test accuracy on ${DATASET.testSize.toLocaleString('en-US')} held-out rows`

export const STUDENT_CONFIG
  = `Student MLP ${DATASET.dim}-h-${DATASET.classes}, ${STUDENT.trainRows} labelled rows, ${STUDENT.train.epochs} epochs, `
    + `seeds ${STUDENT.initSeed}/${STUDENT.train.seed}, KD γ = ${STUDENT.gamma}; teacher ${TEACHER.sizes.join('-')} saw ${DATASET.trainSize.toLocaleString('en-US')} rows`
