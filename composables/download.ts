// Saving a file from the deck (the ledger's Markdown and JSON, the presenter's CSV of a round): one Blob, one temporary
// <a download>, the object URL released once the browser has taken it.
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Opens a generated page (a takeaway, a report) in a new tab, to read or print; the object URL is released once the tab
 *  has had time to load it. Returns false when the browser blocked the tab (the caller offers the download instead). */
export function openBlob(blob: Blob): boolean {
  const url = URL.createObjectURL(blob)
  const tab = window.open(url, '_blank')
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return tab !== null
}
