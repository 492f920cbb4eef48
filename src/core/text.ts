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

/**
 * `text` without the run of `char` (one UTF-16 unit) that ends it: `text.replace(/x+$/, '')` in one pass.
 * That regex is quadratic: on a long run of `x` followed by anything else it retries the run from each of
 * its characters.
 */
export function trimEndOf(text: string, char: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === char) end--
  return end === text.length ? text : text.slice(0, end)
}

/**
 * `path.replace(/(.)\/+$/, '$1')` in one pass: the trailing slashes go, but not all of them when no other
 * character precedes them on their line (`/` stays `/`, `a\n//` becomes `a\n/`: `.` does not match a line
 * terminator). The regex is quadratic on a long run of slashes that does not end the text.
 */
export function trimTrailingSlashesKeepOne(path: string): string {
  const end = trimEndOf(path, '/').length
  if (end === path.length) return path
  return end === 0 || isLineTerminator(path[end - 1]) ? path.slice(0, end + 1) : path.slice(0, end)
}

/** The characters `.` does not match (ECMA-262 LineTerminator). */
export function isLineTerminator(char: string | undefined): boolean {
  return char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029'
}
