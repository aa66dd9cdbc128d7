// Significant digits: the one rounding every engine text (crisis sentences, lock keys, the lessons tables) and, through
// engine/index.ts, the deck's readouts use, so a number reads the same wherever it is quoted.

/** `x` rounded to `digits` significant digits, as a number (1234.5 → 1230, 0.000123456 → 0.000123). */
export const roundSig = (x: number, digits = 3): number => Number(x.toPrecision(digits))

// One formatter for every call: toLocaleString with options builds a new one each time (~0.1 ms), which added up to
// milliseconds per slider step across the instruments. Six fraction digits keep three significant ones down to 0.000100.
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })

/** `x` rounded to `digits` significant digits, trailing zeros dropped, with thousands separators ('1,230');
 *  '—' when there is no number to show (NaN, ±∞). */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—'
  if (x === 0) return '0' // also −0, which would print as '-0'
  return DECIMAL.format(roundSig(x, digits))
}
