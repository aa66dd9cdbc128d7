import { describe, expect, it } from 'vitest'
import { byteTicks, formatBytes, formatCount, formatFactor, formatJoules, formatMetric, formatMs, plainSig, sig, unitFor, withMetricUnit } from '../../logic/format'

describe('display formatting', () => {
  it('an accuracy in percent sits against its sign, any other metric a space from its unit', () => {
    expect(formatMetric(75.66, '%')).toBe('75.7%')
    expect(formatMetric(31.24, 'mAP')).toBe('31.2 mAP')
    expect(withMetricUnit('72.09', '%')).toBe('72.09%') // digits chosen elsewhere (to tell a value from the floor) are kept
  })
  it('plain digits for formulas: no exponent, no thousands separator, at every magnitude', () => {
    expect(plainSig(1.23456e-7)).toBe('0.000000123')
    expect(plainSig(1234567)).toBe('1230000')
    expect(plainSig(1.5)).toBe('1.5')
    expect(plainSig(-0.02049, 2)).toBe('-0.02')
    expect(plainSig(Number.POSITIVE_INFINITY)).toBe('Infinity')
  })
  it('rounds to three significant digits', () => {
    expect(sig(141.1234)).toBe('141')
    expect(sig(0.0123456)).toBe('0.0123')
    expect(sig(Number.NaN)).toBe('—')
  })
  it('quotes datacenter memory in decimal units (H100 datasheet: 80 GB)', () => {
    expect(formatBytes(80e9, 'si')).toBe('80 GB')
    expect(formatBytes(70_553_706_496 * 2, 'si')).toBe('141 GB') // Llama-3-70B at FP16
  })
  it('quotes embedded memory in binary units (256 KiB of SRAM, a 1 MiB model)', () => {
    expect(formatBytes(256 * 1024, 'iec')).toBe('256 KiB')
    expect(formatBytes(1024 * 1024, 'iec')).toBe('1 MiB')
    expect(unitFor(300 * 1024, 'iec')).toEqual({ unit: 'KiB', scale: 1024 })
    expect(unitFor(80e9, 'si')).toEqual({ unit: 'GB', scale: 1e9 })
  })
  it('states factors with their direction in words', () => {
    expect(formatFactor(2, 'smaller', 'larger')).toBe('2× smaller')
    expect(formatFactor(0.5, 'faster', 'slower')).toBe('2× slower')
  })
  it('picks a readable unit for time and energy', () => {
    expect(formatMs(0.25)).toBe('250 µs')
    expect(formatMs(42.1)).toBe('42.1 ms')
    expect(formatJoules(0.0056)).toBe('5.6 mJ')
    expect(formatJoules(2.4e-6)).toBe('2.4 µJ')
  })
})

describe('formatCount', () => {
  it('names a parameter count on the short scale with three significant digits', () => {
    expect(formatCount(70_553_706_496)).toBe('70.6 B') // Llama-3-70B
    expect(formatCount(3_504_872)).toBe('3.5 M') // MobileNet-v2
    expect(formatCount(26_500)).toBe('26.5 k')
    expect(formatCount(512)).toBe('512')
  })
})

describe('byteTicks', () => {
  it('puts a log axis of bytes on round numbers of the track\'s units: KiB on the hearable, GB in the datacenter', () => {
    const kib = byteTicks(60 * 1024, 1.2 * 1024 * 1024, 'iec')
    expect(kib.map((b) => formatBytes(b, 'iec'))).toEqual(['100 KiB', '200 KiB', '500 KiB', '1 MiB'])
    const gb = byteTicks(3e9, 2e11, 'si')
    expect(gb.map((b) => formatBytes(b, 'si'))).toEqual(['5 GB', '10 GB', '20 GB', '50 GB', '100 GB', '200 GB'])
  })
  it('gives decades only, or every integer mantissa, when asked', () => {
    expect(byteTicks(5e5, 2e8, 'si', [1]).map((b) => formatBytes(b, 'si'))).toEqual(['1 MB', '10 MB', '100 MB'])
    expect(byteTicks(2e9, 5e9, 'si', [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([2e9, 3e9, 4e9, 5e9])
  })
})
