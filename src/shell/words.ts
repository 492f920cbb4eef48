/**
 * Quote removal with an offset map: what the shell passes to a program for one word of source text, and
 * for every character of it the offset it came from, so that a `sh -c '…'` string can be parsed again
 * and its commands still point at the file.
 */
export interface DecodedWord {
  /** The word after quote removal. Expansions (`$x`, `${…}`, `$(…)`, backticks) are kept verbatim. */
  value: string
  /** `map[i]` is the offset in the source text of `value[i]`; `map[value.length]` is the word's end. */
  map: number[]
  /** The word contains an expansion whose value is unknown before run time. */
  dynamic: boolean
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
  const map: number[] = []
  let dynamic = false
  const emit = (char: string, offset: number) => {
    out.push(char)
    map.push(offset)
  }
  let i = start
  let quote: '"' | undefined
  while (i < end) {
    const c = text[i]
    if (quote === undefined && c === "'") {
      const close = text.indexOf("'", i + 1)
      const stop = close < 0 || close > end ? end : close
      for (let k = i + 1; k < stop; k++) emit(text[k], k)
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
      for (let k = i; k < stop; k++) emit(text[k], k)
      i = stop
    } else {
      emit(c, i)
      i++
    }
  }
  map.push(end)
  return { value: out.join(''), map, dynamic }
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
export function throughMap(map: number[], index: number): number {
  if (map.length === 0) return 0
  return map[Math.max(0, Math.min(index, map.length - 1))]
}
