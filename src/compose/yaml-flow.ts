import { lastAtOrBefore } from '../core/text.js'
/**
 * Inside a flow collection (`[...]`, `{...}`) indentation means nothing to go-yaml (libyaml), so Compose
 * accepts a multi-line list whose items or closing bracket sit left of its key:
 *
 *     test: [
 *         "CMD-SHELL", "curl -f http://localhost",
 *     ]
 *
 * js-yaml 5 refuses it ("deficient indentation"), and refuses a tab between flow entries; likewise a
 * quoted scalar's continuation line left of its key (`a: "x` then `y"` at column 0). When it does,
 * the parse is retried on a copy of the text in which every line that starts inside a flow collection is
 * indented past the collection's opening bracket, and tabs that separate flow entries are spaces. That
 * changes no value (in flow context leading white space of a line is folded away) and the offsets of the
 * events are mapped back to the original text, so positions stay those of the file.
 *
 * The scan is one linear pass. It knows what it must to find flow collections: comments, quoted
 * scalars, block scalars and where a `[`/`{` starts a node rather than sits inside a plain scalar.
 */
export interface PaddedText {
  text: string
  /** Maps an offset in `text` back to the original. */
  original(offset: number): number
}

const BLANK = new Set([' ', '\t'])

export function padFlowLines(source: string): PaddedText | undefined {
  const out: string[] = []
  const insertAt: number[] = [] // offsets in the padded text where inserted spaces start
  const insertLength: number[] = []
  const insertTotal: number[] = []
  let added = 0
  let depth = 0
  let target = 0
  let lineStart = 0
  let lineIndent = 0
  let blockScalarIndent = -1 // > -1 while skipping a block scalar's lines deeper than this
  let i = 0
  const n = source.length
  let copiedTo = 0

  const flush = (to: number) => {
    if (to > copiedTo) out.push(source.slice(copiedTo, to))
    copiedTo = to
  }
  const insert = (at: number, count: number) => {
    flush(at)
    out.push(' '.repeat(count))
    insertAt.push(at + added)
    insertLength.push(count)
    added += count
    insertTotal.push(added)
  }
  const replaceTab = (at: number) => {
    flush(at)
    out.push(' ')
    copiedTo = at + 1
  }
  const startsToken = (at: number): boolean => {
    if (depth > 0) return at === lineStart || BLANK.has(source[at - 1]) || '[{,:'.includes(source[at - 1])
    let j = at - 1
    while (j >= lineStart && BLANK.has(source[j])) j--
    if (j < lineStart) return true
    if (j === at - 1) return false
    if (':-?'.includes(source[j])) return true
    // after a tag or an anchor
    let k = j
    while (k > lineStart && !BLANK.has(source[k - 1])) k--
    return source[k] === '!' || source[k] === '&' || source.startsWith('---', k)
  }

  while (i < n) {
    const c = source[i]
    if (c === '\n' || c === '\r') {
      i++
      if (c === '\r' && source[i] === '\n') i++
      lineStart = i
      let j = i
      while (j < n && BLANK.has(source[j])) j++
      lineIndent = j - i
      const blank = j >= n || source[j] === '\n' || source[j] === '\r'
      if (blockScalarIndent >= 0) {
        if (blank || lineIndent > blockScalarIndent) {
          i = j
          continue
        }
        blockScalarIndent = -1
      }
      if (depth > 0 && !blank) {
        if (lineIndent < target) insert(i, target - lineIndent)
        for (let t = i; t < j; t++) if (source[t] === '\t') replaceTab(t)
        if (added > n + 1024) return undefined
      }
      i = j
      continue
    }
    if (c === '#' && (i === lineStart || BLANK.has(source[i - 1]))) {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++
      continue
    }
    if ((c === '"' || c === "'") && startsToken(i)) {
      // Outside flow collections too, go-yaml ignores the indentation of a quoted scalar's continuation
      // lines: they are indented past the opening quote.
      const quoteTarget = depth > 0 ? target : i - lineStart + 1
      i = skipQuoted(source, i, (at) => {
        lineStart = at
        let j = at
        while (j < n && BLANK.has(source[j])) j++
        if (j < n && source[j] !== '\n' && source[j] !== '\r' && j - at < quoteTarget) insert(at, quoteTarget - (j - at))
        for (let t = at; t < j; t++) if (source[t] === '\t') replaceTab(t)
      })
      continue
    }
    if (depth === 0 && (c === '|' || c === '>') && startsToken(i)) {
      blockScalarIndent = lineIndent
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++
      continue
    }
    if ((c === '[' || c === '{') && startsToken(i)) {
      if (depth === 0) target = i - lineStart + 1
      depth++
      i++
      continue
    }
    if (depth > 0 && (c === ']' || c === '}')) {
      depth--
      i++
      continue
    }
    if (depth > 0 && c === '\t') {
      // The whole run of blanks at once, so that a long run costs one pass: after its first character
      // every tab follows a blank and separates entries.
      const prev = source[i - 1]
      let j = i
      while (j < n && BLANK.has(source[j])) j++
      const next = source[j]
      const separates = BLANK.has(prev) || ',[{:'.includes(prev) || next === undefined || ',]}#\n\r'.includes(next)
      for (let t = i; t < j; t++) if (source[t] === '\t' && (t > i || separates)) replaceTab(t)
      i = j
      continue
    }
    i++
  }
  flush(n)
  const text = out.join('')
  if (text === source) return undefined
  return {
    text,
    original(offset: number): number {
      const k = lastAtOrBefore(insertAt, offset)
      if (!(insertAt[k] <= offset)) return offset
      const before = insertTotal[k] - insertLength[k]
      if (offset < insertAt[k] + insertLength[k]) return insertAt[k] - before
      return offset - insertTotal[k]
    }
  }
}

/** Skips a quoted scalar from its opening quote; calls `onLine` at the start of each continuation line. */
function skipQuoted(source: string, from: number, onLine: (at: number) => void): number {
  const quote = source[from]
  let i = from + 1
  while (i < source.length) {
    const c = source[i]
    if (quote === '"' && c === '\\' && source[i + 1] !== '\n' && source[i + 1] !== '\r') {
      i += 2
      continue
    }
    if (c === quote) {
      if (quote === "'" && source[i + 1] === "'") {
        i += 2
        continue
      }
      return i + 1
    }
    if (c === '\n' || c === '\r') {
      i++
      if (c === '\r' && source[i] === '\n') i++
      onLine(i)
      continue
    }
    i++
  }
  return i
}
