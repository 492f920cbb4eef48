import type { Range } from './finding.js'
import { TextIndex } from './text.js'

/**
 * A mechanical fix a rule offers with a finding: text edits on the scanned file, never a re-serialised
 * document, so indentation, quoting, comments and line endings stay as the author wrote them.
 *
 * `safe` fixes only remove a switch that weakens isolation (`privileged: true`, `curl -k`,
 * `--allow-untrusted`) or add one that cannot change what the service does (`no-new-privileges:true`,
 * a database port bound to loopback); `review` fixes may need the author's judgement (`cap_drop: [ALL]`,
 * `read_only: true`, a `USER` line).
 */
export type FixSafety = 'safe' | 'review'

export const FIX_SAFETIES: readonly FixSafety[] = ['safe', 'review']

/** Replace the text in `range` (1-based, end exclusive) with `text`; an empty range inserts. */
export interface TextEdit {
  range: Range
  text: string
}

export interface Fix {
  /** One line, imperative: "Remove `-k`". */
  description: string
  safety: FixSafety
  edits: TextEdit[]
}

/** A fix as rules build it: edits as offsets in the file's text, turned into ranges by the analyzer. */
export interface OffsetEdit {
  start: number
  end: number
  text: string
}

export interface FixDraft {
  description: string
  safety: FixSafety
  edits: OffsetEdit[]
}

export function fixFromDraft(draft: FixDraft, index: TextIndex): Fix {
  return {
    description: draft.description,
    safety: draft.safety,
    edits: draft.edits.map((edit) => ({ range: index.range(edit.start, edit.end), text: edit.text }))
  }
}

/** True when a fix of class `safety` is wanted at `level` (`safe` takes safe fixes, `all` takes every fix). */
export function fixWanted(safety: FixSafety, level: 'safe' | 'all'): boolean {
  return level === 'all' || safety === 'safe'
}

/** The text with the edits applied; undefined when two edits overlap (they cannot both be honoured). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const index = new TextIndex(text)
  const spans = edits
    .map((edit) => ({ start: offsetOf(index, edit.range.line, edit.range.column), end: offsetOf(index, edit.range.endLine, edit.range.endColumn), text: edit.text }))
    .sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  for (const span of spans) {
    if (span.start < at || span.end < span.start) return undefined
    out += text.slice(at, span.start) + span.text
    at = span.end
  }
  return out + text.slice(at)
}

function offsetOf(index: TextIndex, line: number, column: number): number {
  return Math.min(index.lineStart(line) + column - 1, index.text.length)
}

/** The offsets of a 1-based range (end exclusive) in the text the index was built on. */
export function rangeOffsets(index: TextIndex, range: Range): { start: number; end: number } {
  return { start: offsetOf(index, range.line, range.column), end: offsetOf(index, range.endLine, range.endColumn) }
}

/** The lines a fix touches and their replacement, as a GitHub suggested change needs them. */
export interface LineReplacement {
  /** 1-based, inclusive. */
  startLine: number
  endLine: number
  /** The new text of those lines, without the final line break ('' deletes them). */
  text: string
  /** True when the lines are deleted outright (no replacement line at all). */
  deletes: boolean
}

/**
 * Widens a fix to whole lines: GitHub suggestions replace lines. Undefined when the edits cannot be
 * applied. An edit that ends at column 1 of a line (a deleted line with its break) does not touch that line.
 */
export function lineReplacement(text: string, fix: Fix): LineReplacement | undefined {
  if (fix.edits.length === 0) return undefined
  const index = new TextIndex(text)
  let startLine = Infinity
  let endLine = 0
  for (const { range } of fix.edits) {
    startLine = Math.min(startLine, range.line)
    const last = range.endColumn === 1 && range.endLine > range.line ? range.endLine - 1 : range.endLine
    endLine = Math.max(endLine, last)
  }
  const from = index.lineStart(startLine)
  const to = endLine < index.lineCount ? index.lineStart(endLine + 1) : text.length
  const fixed = applyEdits(text, fix.edits)
  if (fixed === undefined) return undefined
  const removedTail = text.length - to
  const replaced = fixed.slice(from, fixed.length - removedTail)
  const body = replaced.replace(/\r?\n$/, '')
  return { startLine, endLine, text: body.replace(/\r\n/g, '\n'), deletes: replaced === '' }
}
