import type { Range } from './finding.js'

/** Offsets to 1-based line and column (UTF-16 units) and back, for one file's text. */
export class TextIndex {
  readonly text: string
  private readonly lineStarts: number[]
  constructor(text: string) {
    this.text = text
    this.lineStarts = [0]
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
  }

  get lineCount(): number {
    return this.lineStarts.length
  }

  /** Offset of a 0-based line and character, as dockerfile-ast reports them. */
  offsetAt(line: number, character: number): number {
    const start = this.lineStarts[Math.min(Math.max(line, 0), this.lineStarts.length - 1)]
    return Math.min(start + character, this.text.length)
  }

  /** 1-based line and column of an offset. */
  positionAt(offset: number): { line: number; column: number } {
    const line = lastAtOrBefore(this.lineStarts, offset)
    return { line: line + 1, column: offset - this.lineStarts[line] + 1 }
  }

  range(start: number, end: number): Range {
    const from = this.positionAt(start)
    const to = this.positionAt(Math.max(start, end))
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column }
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1]
    if (start === undefined) return ''
    const next = this.lineStarts[line]
    const end = next === undefined ? this.text.length : next - 1
    const raw = this.text.slice(start, end)
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length
  }
}

/** Index of the last element of an ascending array that is at most `value` (0 when none is): a binary search. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (sorted[mid] <= value) lo = mid
    else hi = mid - 1
  }
  return lo
}
