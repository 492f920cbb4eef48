import { isLineTerminator } from '../core/text.js'

/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) read as BuildKit's DirectiveParser reads
 * them: only in the comment lines that open the file (after a byte-order mark; leading blanks allowed),
 * names case-insensitive, the first line that is not a known directive ends them, and a directive
 * given twice is an error.
 */
export interface ParserDirectives {
  escape: string
  syntax?: string
  check?: string
  /** 1-based line of the escape directive, when one is in force. */
  escapeLine?: number
  error?: { line: number; message: string }
}

const KNOWN = new Set(['syntax', 'escape', 'check'])
/** The name and `=` of BuildKit's `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`; the value is read by `directiveValue`. */
const DIRECTIVE_NAME = /^([a-zA-Z][a-zA-Z0-9]*)[ \t\v\f\r]*=/

/** Directives can only open a file; 64 lines of them is more than any real file has. */
const MAX_DIRECTIVE_LINES = 64

export function parserDirectives(text: string): ParserDirectives {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const result = scan(body, 0)
  // The frontend is chosen (and `check` read) past a `#!` line; the escape only counts without one.
  if (body.startsWith('#!')) {
    const afterShebang = scan(body.slice(body.indexOf('\n') < 0 ? body.length : body.indexOf('\n') + 1), 1)
    result.syntax = afterShebang.syntax
    result.check = afterShebang.check
  }
  if (result.syntax === undefined) result.syntax = otherSyntax(body)
  return result
}

/**
 * BuildKit's DetectSyntax takes the frontend from other comment styles too, when no `#` directive names
 * one: `//syntax=…` lines, or a file that is a JSON object with a string `syntax`.
 */
function otherSyntax(body: string): string | undefined {
  const rest = body.startsWith('#!') ? body.slice(body.indexOf('\n') < 0 ? body.length : body.indexOf('\n') + 1) : body
  const slashes = scan(rest, 0, '//').syntax
  if (slashes !== undefined) return slashes
  if (!rest.trimStart().startsWith('{')) return undefined
  try {
    const value: unknown = JSON.parse(rest)
    const syntax = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).syntax : undefined
    return typeof syntax === 'string' ? syntax : undefined
  } catch {
    return undefined
  }
}

function scan(body: string, firstLine: number, prefix = '#'): ParserDirectives {
  const result: ParserDirectives = { escape: '\\' }
  const seen = new Set<string>()
  let start = 0
  for (let line = firstLine + 1; line <= MAX_DIRECTIVE_LINES && start <= body.length; line++) {
    const end = body.indexOf('\n', start)
    const raw = body.slice(start, end < 0 ? body.length : end)
    start = end < 0 ? body.length + 1 : end + 1
    const directive = directiveOf(raw.replace(/\r$/, '').trimStart(), prefix)
    if (!directive) break
    if (seen.has(directive.name)) {
      result.error = { line, message: `only one ${directive.name} parser directive can be used` }
      break
    }
    seen.add(directive.name)
    if (directive.name === 'escape') {
      if (directive.value !== '`' && directive.value !== '\\') {
        result.error = { line, message: `invalid escape token '${directive.value}' does not match \` or \\` }
        break
      }
      result.escape = directive.value
      result.escapeLine = line
    } else if (directive.name === 'syntax') {
      result.syntax = directive.value.split(' ')[0]
    } else {
      result.check = directive.value.split(' ')[0]
    }
  }
  return result
}

function directiveOf(line: string, prefix: string): { name: string; value: string } | undefined {
  if (!line.startsWith(prefix)) return undefined
  const text = line.slice(prefix.length).trimStart().slice(0, 4096)
  const match = DIRECTIVE_NAME.exec(text)
  if (!match) return undefined
  const value = directiveValue(text.slice(match[0].length))
  if (value === undefined) return undefined
  const name = match[1].toLowerCase()
  return KNOWN.has(name) ? { name, value } : undefined
}

/**
 * What `[ \t\v\f\r]*(.+?)[ \t\v\f\r]*$` captures in `rest` (the text after `=`), in one pass: that regex
 * is cubic on a long run of blanks followed by a line terminator. The value is `rest` without its blanks
 * at both ends, and must hold no line terminator (`.` matches none); when `rest` is only blanks the regex
 * backtracks into them and captures the last one that is not a `\r`.
 */
export function directiveValue(rest: string): string | undefined {
  let start = 0
  while (start < rest.length && BLANKS.has(rest[start])) start++
  let end = rest.length
  while (end > start && BLANKS.has(rest[end - 1])) end--
  if (start === end) {
    for (let i = rest.length - 1; i >= 0; i--) if (rest[i] !== '\r') return rest[i]
    return undefined
  }
  for (let i = start; i < end; i++) if (isLineTerminator(rest[i])) return undefined
  return rest.slice(start, end)
}

const BLANKS = new Set([' ', '\t', '\v', '\f', '\r'])
