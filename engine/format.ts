// Significant digits: the one rounding every engine text (crisis sentences, lock keys, the lessons tables) and, through
// engine/index.ts, the deck's readouts use, so a number reads the same wherever it is quoted.

/** `x` rounded to `digits` significant digits, as a number (1234.5 → 1230, 0.000123456 → 0.000123). */
export const roundSig = (x: number, digits = 3): number => Number(x.toPrecision(digits))

// One formatter per number of digits, made once: toLocaleString with options builds a new one each time (~0.1 ms), which
// added up to milliseconds per slider step across the instruments. It counts significant digits, not fraction digits,
// so a number keeps its digits at every magnitude (a cap of six fraction digits printed 1.23e-7 as '0'); the value it
// is given is already rounded by roundSig, so it only lays the digits out and never rounds a second time.
const FORMATS = new Map<number, Intl.NumberFormat>()
const decimal = (digits: number) => FORMATS.get(digits)
  ?? FORMATS.set(digits, new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits })).get(digits)!

/** `x` rounded to `digits` (1–21) significant digits, trailing zeros dropped, with thousands separators ('1,230',
 *  '0.000000123'); '—' when there is no number to show (NaN, ±∞). */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—'
  if (x === 0) return '0' // also −0, which would print as '-0'
  return decimal(digits).format(roundSig(x, digits))
}
