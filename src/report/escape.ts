/**
 * Escaping for text that comes from scanned files (paths, quoted tokens, suppression reasons) before it
 * reaches Markdown (PR comment, job summary) or the workflow log. Pure functions; every regex is a single
 * character class, linear on any input.
 */

const ZERO_WIDTH_SPACE = '\u200B'

/** HTML-significant characters become entities, so no tag, comment or entity survives. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Characters that need escaping anywhere in a line: the HTML ones above, and the punctuation GFM reads as
 * inline syntax: code spans, emphasis, links and images (`[` is enough to stop both), table cells,
 * strikethrough, math (`$`), autolinks (`:` in `https://`), mentions (`@`) and references (`#`). Other
 * punctuation stays as written, so messages read naturally in the raw Markdown too.
 */
const SPECIAL = /[&<>\\`*_[\]#|~$:@]/g

/** At the start of the text, what would open a block: a list item, a heading underline, an ordered list. */
const BLOCK_START = /^(?:[-+=]|\d{1,9}[.)])/

/**
 * Line breaks, other C0/C1 controls (ESC starts a terminal sequence), bidirectional marks, embeddings,
 * overrides and isolates, and characters that show nothing (zero-width, soft hyphen, fillers, tag
 * characters that smuggle text): they can split a table row, hide text, rewrite a terminal or reorder
 * what a reviewer reads. Markdown shows each as U+FFFD; logs, annotations, SARIF and the terminal as an
 * escape (`\x1b`, `\u202e`).
 */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu

/** Each invisible character as an escape a reader can see: `\n`, `\r`, `\xNN`, `\uNNNN`, `\u{NNNNN}`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    if (char === '\n') return '\\n'
    if (char === '\r') return '\\r'
    const code = char.codePointAt(0)!
    if (code < 0x100) return '\\x' + code.toString(16).padStart(2, '0')
    return code <= 0xffff ? '\\u' + code.toString(16).padStart(4, '0') : `\\u{${code.toString(16)}}`
  })
}

/**
 * Text from a scanned file inside an annotation's message or title: nothing invisible, one line, and
 * no longer than `max` code points (the runner escapes what makes a workflow command: `%`, CR, LF).
 */
export function annotationText(text: string, max = 1000): string {
  return showInvisible(truncateText(text, max))
}

/**
 * Text from a scanned file in a SARIF plain-text message: `[`, `]` and `\` escaped with a `\`, since a
 * viewer reads `[text](target)` as an embedded link (SARIF 3.11.6), then nothing invisible.
 */
export function sarifText(text: string): string {
  return showInvisible(text.replace(/[\\[\]]/g, (c) => '\\' + c))
}

/** Cuts text to at most `max` code points, ending with an ellipsis when it was longer. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const points = Array.from(text)
  if (points.length <= max) return text
  return points.slice(0, Math.max(0, max - 1)).join('') + '…'
}

/**
 * Makes text from a scanned file safe inside Markdown, on one line (a table cell, a list item, a link text):
 * no HTML, no Markdown syntax, no line break, no link (bare `https://` and `www.` included), no @mention
 * and no #reference (a zero-width space follows `@` and `#`, so GitHub links and notifies no one).
 */
export function escapeMarkdown(text: string, maxLength = 1000): string {
  const visible = truncateText(text, maxLength).replace(/\r\n|\r|\n/g, ' ').replace(INVISIBLE, '\uFFFD')
  const escaped = visible.replace(SPECIAL, (char) => (ENTITIES[char] ?? '\\' + char) + (char === '@' || char === '#' ? ZERO_WIDTH_SPACE : ''))
  return escaped.replace(BLOCK_START, (start) => start.slice(0, -1) + '\\' + start.slice(-1)).replace(/\bwww\./gi, (www) => www.slice(0, 3) + ZERO_WIDTH_SPACE + '.')
}

/** A Markdown link whose text is escaped and whose URL cannot end the link early. */
export function markdownLink(text: string, url: string, maxLength = 300): string {
  return `[${escapeMarkdown(text, maxLength)}](${escapeUrl(url)})`
}

/** Percent-encodes what would end or confuse a Markdown link destination. */
export function escapeUrl(url: string): string {
  return url.replace(/[\s()<>[\]\\`"'|]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
}

/** A repository path as a URL path: each segment percent-encoded, `/` kept. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    .join('/')
}

/**
 * Text for one line of the workflow log (`core.info`): line breaks, controls and invisible characters
 * shown as escapes (showInvisible); the legacy `##[` command prefix broken with a zero-width space, since
 * the runner looks for it anywhere in a line; a `::` at the start (after any white space) broken too. So
 * file content can never become a workflow command.
 */
export function sanitizeForLog(text: string, maxLength = 500): string {
  const out = showInvisible(truncateText(text, maxLength)).split('##[').join('#' + ZERO_WIDTH_SPACE + '#[')
  // The runner trims leading white space before it looks for `::`.
  const indent = /^\s*/.exec(out)![0].length
  return out.startsWith('::', indent) ? out.slice(0, indent + 1) + ZERO_WIDTH_SPACE + out.slice(indent + 1) : out
}

/** Bytes of text in UTF-8: GitHub's size limits are safest counted this way. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
