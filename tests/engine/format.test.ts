// The engine's one significant-digit formatter: what every engine text and the deck's readouts round with.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { roundSig, sig } from '../../engine'

describe('roundSig', () => {
  it('rounds to significant digits, as a number', () => {
    expect(roundSig(1234.5)).toBe(1230)
    expect(roundSig(0.000123456)).toBe(0.000123)
    expect(roundSig(-2.345, 2)).toBe(-2.3)
    expect(roundSig(0)).toBe(0)
  })
})

describe('sig', () => {
  it('shows three significant digits by default, with thousands separators and no trailing zeros', () => {
    expect(sig(1234.5)).toBe('1,230')
    expect(sig(141.1234)).toBe('141')
    expect(sig(2)).toBe('2')
    expect(sig(1.5)).toBe('1.5')
    expect(sig(8192)).toBe('8,190')
    expect(sig(70_553_706_496)).toBe('70,600,000,000')
  })
  it('keeps three significant digits of small numbers', () => {
    expect(sig(0.000123456)).toBe('0.000123')
    expect(sig(0.0123456)).toBe('0.0123')
  })
  it('rounds negatives the same way', () => {
    expect(sig(-1234.5)).toBe('-1,230')
    expect(sig(-0.0456789, 2)).toBe('-0.046')
  })
  it('takes the number of digits', () => {
    expect(sig(1.96298, 2)).toBe('2')
    expect(sig(12.34, 2)).toBe('12')
    expect(sig(1234.5, 2)).toBe('1,200')
    expect(sig(0.05678, 2)).toBe('0.057')
  })
  it('shows zero as 0 (negative zero too) and no number as —', () => {
    expect(sig(0)).toBe('0')
    expect(sig(-0)).toBe('0')
    expect(sig(Number.NaN)).toBe('—')
    expect(sig(Number.POSITIVE_INFINITY)).toBe('—')
    expect(sig(Number.NEGATIVE_INFINITY)).toBe('—')
  })
  it('keeps its digits far from 1 too (six fraction digits printed 1.23e-7 as "0")', () => {
    expect(sig(1.23e-7)).toBe('0.000000123')
    expect(sig(-9.876e-9)).toBe('-0.00000000988')
    expect(sig(4.56789e-12, 2)).toBe('0.0000000000046')
    expect(sig(1.23e25)).toBe('12,300,000,000,000,000,000,000,000')
  })
  it('at every magnitude, reads back as roundSig of the number, with at most that many significant digits', () => {
    const magnitudes = fc.record({ mantissa: fc.double({ min: -10, max: 10, noNaN: true }), exponent: fc.integer({ min: -300, max: 300 }) })
      .map(({ mantissa, exponent }) => mantissa * 10 ** exponent)
      .filter((x) => Number.isFinite(x) && x !== 0)
    fc.assert(fc.property(magnitudes, fc.integer({ min: 1, max: 6 }), (x, digits) => {
      const text = sig(x, digits)
      expect(Number(text.replaceAll(',', ''))).toBe(roundSig(x, digits))
      expect(text.replace(/[-,.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length).toBeLessThanOrEqual(digits)
    }))
  })
})
