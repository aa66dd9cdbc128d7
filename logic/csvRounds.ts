// The presenter's export of a lock (issue 19 #10): "Start over…" promises the earlier answers stay exportable, so the
// export holds every round, one CSV with the service's `round` column, not only the round now open.

/** The rounds an export holds: 1 … the current one. */
export const roundsUpTo = (current: number): number[] => Array.from({ length: Math.max(1, current) }, (_, i) => i + 1)

/** Several rounds' CSVs (each with the service's header line) as one: the first header, then every round's rows. */
export function mergeRoundCsvs(csvs: string[]): string {
  const lines = csvs.map((c) => c.split('\n').filter((l) => l.trim() !== ''))
  const header = lines.find((l) => l.length > 0)?.[0] ?? ''
  return [header, ...lines.flatMap((l) => l.slice(1))].join('\n') + '\n'
}

/** "distillation-round1.csv", or "distillation-rounds1-3.csv" when it holds several. */
export const exportName = (poll: string, rounds: number[]): string =>
  rounds.length > 1 ? `${poll}-rounds${rounds[0]}-${rounds.at(-1)}.csv` : `${poll}-round${rounds[0]}.csv`
