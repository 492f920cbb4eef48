/**
 * Compose variable interpolation, as docker compose does it: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`,
 * defaults that hold further substitutions. Values come from the `.env` beside the file; a variable it
 * does not set is treated as unset (its default applies), and a value that still depends on an unset
 * variable is *unknown*: rules never take an unknown value as dangerous.
 *
 * One pass over the text; nested `${…}` in a default are expanded by recursion on the substring, bounded
 * in depth, so the work is linear in the length of the text for any fixed nesting bound.
 */

/** A variable's value: a string; `null` when it is set but its value is unknown; undefined when unset. */
export type Lookup = (name: string) => string | null | undefined

export interface Interpolated {
  /** The text with known values substituted and each unknown part replaced by UNKNOWN. */
  shape: string
  /** The text once interpolated; undefined when some part of it is unknown. */
  value: string | undefined
}

/** Stands for an unknown part in `shape` (a character no path, port or name contains). */
export const UNKNOWN = '\u0000'

const MAX_NESTING = 16
const NAME_START = /[A-Za-z_]/
const NAME_CHAR = /[A-Za-z0-9_]/

export function interpolate(text: string, lookup: Lookup): Interpolated {
  if (!text.includes('$')) return { shape: text, value: text }
  const shape = expand(text, lookup, 0)
  return { shape, value: shape.includes(UNKNOWN) ? undefined : shape }
}

/** A lookup that knows no variable: defaults apply, bare references stay unknown. */
export const noVariables: Lookup = () => undefined

function expand(text: string, lookup: Lookup, depth: number): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const dollar = text.indexOf('$', i)
    if (dollar < 0) {
      out += text.slice(i)
      break
    }
    out += text.slice(i, dollar)
    const next = text[dollar + 1]
    if (next === '$') {
      out += '$'
      i = dollar + 2
    } else if (next === '{') {
      const close = matchingBrace(text, dollar + 2)
      if (close < 0) {
        // Compose refuses an unterminated `${`; its value cannot be known.
        out += UNKNOWN
        break
      }
      out += depth >= MAX_NESTING ? UNKNOWN : braced(text.slice(dollar + 2, close), lookup, depth)
      i = close + 1
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2
      while (end < text.length && NAME_CHAR.test(text[end])) end++
      out += valueOrUnknown(lookup(text.slice(dollar + 1, end)))
      i = end
    } else {
      out += '$'
      i = dollar + 1
    }
  }
  return out
}

/** The index of the `}` closing a `${` whose body starts at `from`, counting nested `${`. */
function matchingBrace(text: string, from: number): number {
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (c === '$' && text[i + 1] === '{') {
      depth++
      i++
    } else if (c === '$' && text[i + 1] === '$') {
      i++
    } else if (c === '}') {
      if (depth === 0) return i
      depth--
    }
  }
  return -1
}

function braced(body: string, lookup: Lookup, depth: number): string {
  let end = 0
  while (end < body.length && NAME_CHAR.test(body[end])) end++
  const name = body.slice(0, end)
  if (name === '' || !NAME_START.test(name[0])) return UNKNOWN
  const rest = body.slice(end)
  const value = lookup(name)
  if (rest === '') return valueOrUnknown(value)
  const colon = rest[0] === ':'
  const operator = colon ? rest[1] : rest[0]
  const word = rest.slice(colon ? 2 : 1)
  const unsetOrEmpty = value === undefined || (colon && value === '')
  switch (operator) {
    case '-':
      if (value === null) return UNKNOWN
      return unsetOrEmpty ? expand(word, lookup, depth + 1) : value!
    case '+':
      if (value === null) return UNKNOWN
      return unsetOrEmpty ? '' : expand(word, lookup, depth + 1)
    case '?':
      // Compose stops with the error message when the variable is missing: nothing is known.
      return unsetOrEmpty || value === null ? UNKNOWN : value!
    default:
      return UNKNOWN
  }
}

function valueOrUnknown(value: string | null | undefined): string {
  return value === undefined || value === null ? UNKNOWN : value
}

/**
 * The variables a `.env` file sets, as compose reads it: `KEY=value`, `export KEY=value`, `#` comments,
 * single quotes (literal), double quotes (escapes, may span lines), unquoted values (trailing ` #comment`
 * removed, trimmed); unquoted and double-quoted values interpolate the variables set before them.
 */
export function parseDotEnv(text: string): Map<string, string | null> {
  const vars = new Map<string, string | null>()
  const lookup: Lookup = (name) => vars.get(name)
  const lines = text.split(/\r?\n/)
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/^\s*export\s+/, '').trimStart()
    if (line === '' || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).trim()
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue
    let raw = line.slice(eq + 1).trimStart()
    if (raw.startsWith("'")) {
      const close = raw.indexOf("'", 1)
      vars.set(key, close < 0 ? raw.slice(1) : raw.slice(1, close))
      continue
    }
    if (raw.startsWith('"')) {
      let body = raw.slice(1)
      let close = closingDoubleQuote(body)
      while (close < 0 && n + 1 < lines.length) {
        body += '\n' + lines[++n]
        close = closingDoubleQuote(body)
      }
      const value = unescapeDouble(close < 0 ? body : body.slice(0, close))
      vars.set(key, interpolate(value, lookup).value ?? null)
      continue
    }
    const comment = raw.search(/\s#/)
    if (comment >= 0) raw = raw.slice(0, comment)
    vars.set(key, interpolate(raw.trim(), lookup).value ?? null)
  }
  return vars
}

function closingDoubleQuote(body: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++
    else if (body[i] === '"') return i
  }
  return -1
}

function unescapeDouble(body: string): string {
  return body.replace(/\\([\\"nrt$])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c)
}
