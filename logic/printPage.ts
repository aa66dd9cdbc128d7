// One self-contained, print-ready HTML page (a student's takeaway, the instructor's report): opened in a tab to print or
// save as PDF, or downloaded to keep. No scripts, no outside resources; every text goes through `esc`.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c])

const STYLE = `
body { font: 15px/1.4 system-ui, sans-serif; color: #111; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.3rem; } h2 { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; } h3 { font-size: 1rem; margin: 0.8rem 0 0.2rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.4rem; border-bottom: 1px solid #ccc; }
thead th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; }
.muted { color: #444; font-size: 0.85rem; } .key { font-weight: 700; } p { margin: 0.3rem 0; }
/* a student's takeaway fits one A4 or Letter page */
@page { margin: 12mm; }
@media print { body { margin: 0; max-width: none; font-size: 9pt; } h1 { font-size: 14pt; } h2 { font-size: 11pt; margin-top: 0.8em; } .screen-only { display: none; } }
`

/** A whole document around `body` (already escaped HTML). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${esc(title)}</title><style>${STYLE}</style></head><body>\n`
    + `<p class="screen-only muted">Print this page (Ctrl+P / ⌘P) to keep it as a PDF.</p>\n${body}\n</body></html>\n`
}
