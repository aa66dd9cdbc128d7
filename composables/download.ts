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
