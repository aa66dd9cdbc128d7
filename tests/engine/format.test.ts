// The engine's one significant-digit formatter: what every engine text and the deck's readouts round with.
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
})
