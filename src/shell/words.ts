/**
 * Quote removal with an offset map: what the shell passes to a program for one word of source text, and
 * for every character of it the offset it came from, so that a `sh -c '…'` string can be parsed again
 * and its commands still point at the file.
 */
export interface DecodedWord {
  /** The word after quote removal. Expansions (`$x`, `${…}`, `$(…)`, backticks) are kept verbatim. */
  value: string
  /** Source offset of every character of `value`, and of its end: read it with `throughMap`. */
  map: OffsetMap
  /** The word contains an expansion whose value is unknown before run time. */
  dynamic: boolean
}

/**
 * Source offsets of a decoded word, as runs of characters copied from consecutive source offsets. One
 * number per character made hostile words (20,000 nested `$(`, decoded again at every nesting level)
 * cost seconds in allocation alone; runs make a quoted or verbatim span one entry.
 */
export class OffsetMap {
  /** Index in the value where each run starts, ascending. */
  private readonly valueStarts: number[] = []
  /** Source offset of the first character of each run. */
  private readonly sourceStarts: number[] = []
  /** Length of the value mapped so far. */
  length = 0
  /** Source offset of the word's end: where `value.length` maps to. */
  end = 0

  /** Records that the next `count` characters of the value come from `source`, `source + 1`, … */
  add(source: number, count: number): void {
    if (count <= 0) return
    const last = this.valueStarts.length - 1
    const continues = last >= 0 && this.sourceStarts[last] + (this.length - this.valueStarts[last]) === source
    if (!continues) {
      this.valueStarts.push(this.length)
      this.sourceStarts.push(source)
    }
    this.length += count
  }

  /** Source offset of `value[index]`; indices past the value map to the word's end. */
  at(index: number): number {
    if (index >= this.length || this.valueStarts.length === 0) return this.end
    const starts = this.valueStarts
    let lo = 0
    let hi = starts.length - 1
    const target = Math.max(0, index)
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= target) lo = mid
      else hi = mid - 1
    }
    return this.sourceStarts[lo] + (target - starts[lo])
  }
}

const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n'])

const ANSI_C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"'
}

export function decodeWord(text: string, start: number, end: number): DecodedWord {
  const out: string[] = []
  const map = new OffsetMap()
  let dynamic = false
  /** Appends `text` to the value; its characters came from `offset` onwards. */
  const emit = (piece: string, offset: number) => {
    out.push(piece)
    map.add(offset, piece.length)
  }
  let i = start
  let quote: '"' | undefined
  while (i < end) {
    const c = text[i]
    if (quote === undefined && c === "'") {
      const close = text.indexOf("'", i + 1)
      const stop = close < 0 || close > end ? end : close
      emit(text.slice(i + 1, stop), i + 1)
      i = stop + 1
    } else if (quote === undefined && c === '$' && text[i + 1] === "'") {
      i = decodeAnsiC(text, i + 2, end, emit)
    } else if (c === '"') {
      quote = quote ? undefined : '"'
      i++
    } else if (c === '\\' && i + 1 < end) {
      const next = text[i + 1]
      if (next === '\n') i += 2
      else if (quote && !DOUBLE_QUOTE_ESCAPABLE.has(next)) {
        emit(c, i)
        i++
      } else {
        emit(next, i + 1)
        i += 2
      }
    } else if (c === '$' || c === '`') {
      dynamic = true
      const stop = expansionEnd(text, i, end)
      emit(text.slice(i, stop), i)
      i = stop
    } else {
      const stop = plainRunEnd(text, i + 1, end, quote !== undefined)
      emit(text.slice(i, stop), i)
      i = stop
    }
  }
  map.end = end
  return { value: out.join(''), map, dynamic }
}

/** End of a run of characters that quote removal copies as they are: one slice instead of one per character. */
function plainRunEnd(text: string, from: number, end: number, quoted: boolean): number {
  let k = from
  while (k < end) {
    const c = text[k]
    if (c === '"' || c === '\\' || c === '$' || c === '`' || (c === "'" && !quoted)) break
    k++
  }
  return k
}

function decodeAnsiC(text: string, from: number, end: number, emit: (c: string, at: number) => void): number {
  let i = from
  while (i < end && text[i] !== "'") {
    if (text[i] === '\\' && i + 1 < end) {
      const escaped = ANSI_C_ESCAPES[text[i + 1]]
      emit(escaped ?? text[i + 1], i)
      i += 2
    } else {
      emit(text[i], i)
      i++
    }
  }
  return i + 1
}

/** End of `$name`, `${…}`, `$(…)`, `$((…))` or a backtick string starting at `i`, quote-aware and linear. */
function expansionEnd(text: string, i: number, end: number): number {
  if (text[i] === '`') {
    let k = i + 1
    while (k < end && text[k] !== '`') k += text[k] === '\\' ? 2 : 1
    return Math.min(k + 1, end)
  }
  const open = text[i + 1]
  if (open === '(' || open === '{') return balancedEnd(text, i + 1, end)
  let k = i + 1
  if (k < end && /[@*#?$!0-9-]/.test(text[k])) return k + 1
  while (k < end && /[A-Za-z0-9_]/.test(text[k])) k++
  return k
}

function balancedEnd(text: string, openAt: number, end: number): number {
  const open = text[openAt]
  const close = open === '(' ? ')' : '}'
  let depth = 0
  let k = openAt
  while (k < end) {
    const c = text[k]
    if (c === '\\') {
      k += 2
      continue
    }
    if (c === "'" && open === '(') {
      const q = text.indexOf("'", k + 1)
      k = q < 0 || q >= end ? end : q + 1
      continue
    }
    if (c === open) depth++
    else if (c === close && --depth === 0) return k + 1
    k++
  }
  return end
}

/** Maps an offset inside a decoded word back to the source offset. */
export function throughMap(map: OffsetMap, index: number): number {
  return map.at(index)
}
