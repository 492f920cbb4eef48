import { parserDirectives } from './directives.js'

/**
 * A port of what BuildKit (moby/buildkit 73ed6825) makes of a Dockerfile: `parser.Parse` (lines,
 * continuations, comments, here-documents), its per-instruction line parsers (`line_parsers.go`:
 * parseNameVal, parseWords, parseMaybeJSON, parseStringsWhitespaceDelimited, …) and the checks of
 * `instructions.ParseInstruction` (argument counts, flags each instruction takes, JSON form of SHELL,
 * ONBUILD triggers). It gives no positions beyond lines: the model keeps dockerfile-ast's, and takes from
 * here what BuildKit builds: each instruction's arguments and flags, and where the build is rejected.
 * Checked against BuildKit's own parser tests (__tests__/dockerfile/buildkit-parity).
 */
export interface BuildkitHeredoc {
  name: string
  fd: number
  expand: boolean
  chomp: boolean
  /** The body with its line breaks, tabs not yet stripped. */
  content: string
}

export interface BuildkitNode {
  /** The keyword as written (`node.Value`). */
  keyword: string
  /** 1-based lines, here-document bodies included. */
  start: number
  end: number
  /** As `extractBuilderFlags` returns them: quotes and escapes removed, `--` ends them. */
  flags: string[]
  /** `node.Next` values (for ONBUILD: the trigger's keyword then its arguments). */
  args: string[]
  json: boolean
  heredocs: BuildkitHeredoc[]
  trigger?: BuildkitNode
  /** The instruction's text with continuations joined (`node.Original`). */
  original: string
  /** What `instructions.ParseInstruction` rejects it with. */
  error?: string
}

export interface BuildkitReading {
  escape: string
  nodes: BuildkitNode[]
  /** `parser.Parse` rejected the file: nothing is built (the instructions read before it are still checked). */
  parseError?: { message: string; line: number }
}

class LineError extends Error {}

/** `[\t\v\f\r ]+` */
const WHITESPACE = /[\t\v\f\r ]+/
/** unicode.IsSpace for the characters a Dockerfile holds. */
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u00a0'

export function readAsBuildkit(text: string): BuildkitReading {
  const directives = parserDirectives(text)
  const escape = directives.escape
  const reading: BuildkitReading = { escape, nodes: [] }
  if (directives.error) {
    reading.parseError = { message: directives.error.message, line: directives.error.line }
    return reading
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const lines = scanLines(body)
  let current = 0
  while (current < lines.length) {
    const first = processLine(lines[current], true)
    current++
    const startLine = current
    let [piece, endOfLine] = trimContinuation(first, escape)
    if (endOfLine && piece.length === 0) continue
    let line = piece
    while (!endOfLine && current < lines.length) {
      const raw = lines[current]
      current++
      if (isComment(raw)) continue
      const next = processLine(raw, false)
      if (trimLeft(next).length === 0) continue
      ;[piece, endOfLine] = trimContinuation(next, escape)
      line += piece
    }
    let node: BuildkitNode
    try {
      node = nodeFromLine(line, escape)
    } catch (error) {
      if (!(error instanceof LineError)) throw error
      reading.parseError = { message: error.message, line: startLine }
      return checked(reading)
    }
    let heredocs: Array<Omit<BuildkitHeredoc, 'content'>> = []
    try {
      if (canContainHeredoc(node) && line.includes('<<')) heredocs = heredocsFromLine(line)
    } catch (error) {
      if (!(error instanceof LineError)) throw error
      reading.parseError = { message: error.message, line: startLine }
      return checked(reading)
    }
    {
      for (const heredoc of heredocs) {
        let terminated = false
        let content = ''
        while (current < lines.length) {
          const raw = lines[current]
          current++
          let candidate = trimNewline(raw)
          if (heredoc.chomp) candidate = candidate.replace(/^\t+/, '')
          if (candidate === heredoc.name) {
            terminated = true
            break
          }
          content += raw
        }
        if (!terminated) {
          reading.parseError = { message: 'unterminated heredoc', line: startLine }
          return checked(reading)
        }
        node.heredocs.push({ ...heredoc, content })
      }
    }
    node.start = startLine
    node.end = current
    reading.nodes.push(node)
  }
  return checked(reading)
}

/** Each instruction read is checked, also those before a parse error (they are the next thing a fix meets). */
function checked(reading: BuildkitReading): BuildkitReading {
  for (const node of reading.nodes) node.error = instructionError(node)
  return reading
}

/** Lines with their line break, as BuildKit's scanner returns them. */
function scanLines(text: string): string[] {
  const out: string[] = []
  let start = 0
  while (start < text.length) {
    const end = text.indexOf('\n', start)
    const stop = end < 0 ? text.length : end + 1
    out.push(text.slice(start, stop))
    start = stop
  }
  return out
}

function trimNewline(s: string): string {
  let end = s.length
  while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--
  return s.slice(0, end)
}

function trimLeft(s: string): string {
  let i = 0
  while (i < s.length && isSpace(s[i])) i++
  return s.slice(i)
}

function trimSpace(s: string): string {
  let end = s.length
  while (end > 0 && isSpace(s[end - 1])) end--
  return trimLeft(s.slice(0, end))
}

function isComment(line: string): boolean {
  return trimLeft(line).startsWith('#')
}

/** Line break removed, (first line) leading blanks removed, a comment becomes empty. */
function processLine(raw: string, stripLeft: boolean): string {
  let line = trimNewline(raw)
  if (stripLeft) line = trimLeft(line)
  return isComment(line) ? '' : line
}

/** BuildKit's `([^\e])\e[ \t]*$|^\e[ \t]*$`: an escape at the end continues the line (not an escaped one). */
function trimContinuation(line: string, escape: string): [string, boolean] {
  let end = line.length
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--
  if (end === 0 || line[end - 1] !== escape) return [line, true]
  if (end === 1) return ['', false]
  if (line[end - 2] === escape) return [line, true]
  return [line.slice(0, end - 1), false]
}

function canContainHeredoc(node: BuildkitNode): boolean {
  const target = node.keyword.toLowerCase() === 'onbuild' && node.trigger ? node.trigger : node
  return ['add', 'copy', 'run'].includes(target.keyword.toLowerCase()) && !target.json
}

function nodeFromLine(line: string, escape: string): BuildkitNode {
  const { command, flags, rest } = splitCommand(line, escape)
  const node: BuildkitNode = { keyword: command, start: 0, end: 0, flags, args: [], json: false, heredocs: [], original: line }
  const keyword = command.toLowerCase()
  if (keyword === 'onbuild') {
    if (rest !== '') {
      node.trigger = nodeFromLine(rest, escape)
      node.args = [node.trigger.keyword, ...node.trigger.args]
    }
    return node
  }
  const parsed = LINE_PARSERS[keyword]?.(rest, escape) ?? { args: [''] }
  node.args = parsed.args
  node.json = parsed.json ?? false
  return node
}

function splitCommand(line: string, escape: string): { command: string; flags: string[]; rest: string } {
  const trimmed = trimSpace(line)
  const match = WHITESPACE.exec(trimmed)
  if (!match) return { command: trimmed, flags: [], rest: '' }
  const { rest, flags } = extractBuilderFlags(trimmed.slice(match.index + match[0].length), escape)
  return { command: trimmed.slice(0, match.index), flags, rest: trimSpace(rest) }
}

/** The `--flags` that open the arguments; the rest of the line. */
function extractBuilderFlags(line: string, escape: string): { rest: string; flags: string[] } {
  const words: string[] = []
  let phase: 'spaces' | 'word' | 'quote' = 'spaces'
  let word = ''
  let quote = ''
  let blankOk = false
  for (let pos = 0; pos <= line.length; pos++) {
    let ch = pos < line.length ? line[pos] : ''
    if (phase === 'spaces') {
      if (pos === line.length) break
      if (isSpace(ch)) continue
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return { rest: line.slice(pos), flags: words }
      phase = 'word'
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOk || word.length > 0)) words.push(word)
      break
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces'
        if (word === '--') return { rest: line.slice(pos), flags: words }
        if (blankOk || word.length > 0) words.push(word)
        word = ''
        blankOk = false
        continue
      }
      if (ch === "'" || ch === '"') {
        quote = ch
        blankOk = true
        phase = 'quote'
        continue
      }
      if (ch === escape) {
        if (pos + 1 === line.length) continue
        pos++
        ch = line[pos]
      }
      word += ch
      continue
    }
    if (ch === quote) {
      phase = 'word'
      continue
    }
    if (ch === escape) {
      if (pos + 1 === line.length) {
        phase = 'word'
        continue
      }
      pos++
      ch = line[pos]
    }
    word += ch
  }
  return { rest: '', flags: words }
}

type LineParser = (rest: string, escape: string) => { args: string[]; json?: boolean }

const LINE_PARSERS: Record<string, LineParser> = {
  add: maybeJsonToList,
  arg: (rest, escape) => ({ args: parseWords(rest, escape) }),
  cmd: maybeJson,
  copy: maybeJsonToList,
  entrypoint: maybeJson,
  env: (rest, escape) => ({ args: nameVal(rest, 'ENV', escape) }),
  expose: (rest) => ({ args: whitespaceDelimited(rest) }),
  from: (rest) => ({ args: whitespaceDelimited(rest) }),
  healthcheck: healthConfig,
  label: (rest, escape) => ({ args: nameVal(rest, 'LABEL', escape) }),
  maintainer: (rest) => ({ args: rest === '' ? [] : [rest] }),
  run: maybeJson,
  shell: maybeJson,
  stopsignal: (rest) => ({ args: rest === '' ? [] : [rest] }),
  user: (rest) => ({ args: rest === '' ? [] : [rest] }),
  volume: maybeJsonToList,
  workdir: (rest) => ({ args: rest === '' ? [] : [rest] })
}

/** Space-separated words; quotes and escapes are kept (they are removed when the value is expanded). */
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = []
  const chars = Array.from(rest)
  let phase: 'spaces' | 'word' | 'quote' = 'spaces'
  let quote = ''
  let blankOk = false
  let word = ''
  for (let pos = 0; pos <= chars.length; pos++) {
    let ch = pos < chars.length ? chars[pos] : ''
    if (phase === 'spaces') {
      if (pos === chars.length) break
      if (isSpace(ch)) continue
      phase = 'word'
    }
    if (pos === chars.length) {
      if (blankOk || word.length > 0) words.push(word)
      break
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces'
        if (blankOk || word.length > 0) words.push(word)
        word = ''
        blankOk = false
        continue
      }
      if (ch === "'" || ch === '"') {
        quote = ch
        blankOk = true
        phase = 'quote'
      }
      if (ch === escape) {
        if (pos + 1 === chars.length) continue
        word += ch
        pos++
        ch = chars[pos]
      }
      word += ch
      continue
    }
    if (ch === quote) phase = 'word'
    if (ch === escape && quote !== "'") {
      if (pos + 1 === chars.length) {
        phase = 'word'
        continue
      }
      pos++
      word += ch
      ch = chars[pos]
    }
    word += ch
  }
  return words
}

/** ENV and LABEL: `name value` (old form) or `name=value …`; triples of name, value, separator. */
function nameVal(rest: string, key: string, escape: string): string[] {
  const words = parseWords(rest, escape)
  if (words.length === 0) return []
  if (!words[0].includes('=')) {
    const match = WHITESPACE.exec(rest)
    if (!match) throw new LineError(`${key} must have two arguments`)
    return [rest.slice(0, match.index), rest.slice(match.index + match[0].length), '']
  }
  const out: string[] = []
  for (const word of words) {
    const eq = word.indexOf('=')
    if (eq < 0) throw new LineError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`)
    out.push(word.slice(0, eq), word.slice(eq + 1), '=')
  }
  return out
}

function goQuote(s: string): string {
  return JSON.stringify(s)
}

function whitespaceDelimited(rest: string): string[] {
  if (rest === '') return []
  return rest.split(/[\t\v\f\r ]+/)
}

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only'

/** The strings of a JSON array, undefined when the text is not one; throws for an array of other values. */
function parseJson(rest: string): string[] | undefined {
  const text = trimLeft(rest)
  if (!text.startsWith('[')) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Array.isArray(value)) return undefined
  if (!value.every((v) => typeof v === 'string')) throw new LineError(NOT_STRING_ARRAY)
  return value as string[]
}

function maybeJson(rest: string): { args: string[]; json?: boolean } {
  if (rest === '') return { args: [] }
  const json = parseJson(rest)
  return json ? { args: json, json: true } : { args: [rest] }
}

function maybeJsonToList(rest: string): { args: string[]; json?: boolean } {
  const json = parseJson(rest)
  return json ? { args: json, json: true } : { args: whitespaceDelimited(rest) }
}

function healthConfig(rest: string): { args: string[]; json?: boolean } {
  let sep = 0
  while (sep < rest.length && !isSpace(rest[sep])) sep++
  let next = sep
  while (next < rest.length && isSpace(rest[next])) next++
  if (sep === 0) return { args: [] }
  const command = maybeJson(rest.slice(next))
  return { args: [rest.slice(0, sep), ...command.args], json: command.json }
}

/**
 * The here-documents a line opens: its words as BuildKit's shell lexer splits them (quotes and escapes
 * kept), each matched against `^(\d*)<<(-?)\s*([^<]*)$`.
 */
function heredocsFromLine(line: string): Array<Omit<BuildkitHeredoc, 'content'>> {
  const out: Array<Omit<BuildkitHeredoc, 'content'>> = []
  for (const word of lexWords(line, true, true) ?? []) {
    const heredoc = parseHeredoc(word, true)
    if (heredoc) out.push(heredoc)
  }
  return out
}

/** BuildKit's `^(\d*)<<(-?)\s*([^<]*)$` on one word, then its lexer on the name; `strict` throws where BuildKit fails. */
export function parseHeredoc(word: string, strict = false): Omit<BuildkitHeredoc, 'content'> | undefined {
  let i = 0
  while (i < word.length && word[i] >= '0' && word[i] <= '9') i++
  if (!word.startsWith('<<', i)) return undefined
  const fd = word.slice(0, i)
  i += 2
  const chomp = word[i] === '-'
  if (chomp) i++
  while (i < word.length && (word[i] === ' ' || word[i] === '\t' || word[i] === '\n' || word[i] === '\f' || word[i] === '\r')) i++
  const rest = word.slice(i)
  if (rest.length === 0 || rest.includes('<')) return undefined
  const words = lexWords(rest, false, false)
  if (!words) {
    if (strict) throw new LineError(`unexpected end of statement in the here-document word ${rest}`)
    return undefined
  }
  if (words.length !== 1) return undefined
  const raw = lexWords(rest, true, false)
  const quotes = (s: string): number => (s.match(/['"]/g) ?? []).length
  return {
    name: words[0],
    fd: fd ? Number(fd) : 0,
    chomp,
    expand: raw !== undefined && quotes(words[0]) === quotes(raw[0] ?? '')
  }
}

/**
 * BuildKit's shell lexer (`shell.Lex` with escape `\`, unset variables kept) reduced to word splitting:
 * quotes removed or kept, escapes applied or kept, `<<` keeps the blanks after it. Undefined for an
 * unterminated quote.
 */
function lexWords(text: string, rawQuotes: boolean, rawEscapes: boolean): string[] | undefined {
  const words: string[] = []
  let word = ''
  let inWord = false
  const flush = (): void => {
    if (inWord) words.push(word)
    word = ''
    inWord = false
  }
  for (let i = 0; i < text.length; ) {
    const ch = text[i]
    if (ch === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) return undefined
      word += rawQuotes ? text.slice(i, end + 1) : text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      let j = i + 1
      let value = rawQuotes ? '"' : ''
      for (;;) {
        if (j >= text.length) return undefined
        const c = text[j]
        if (c === '"') break
        if (c === '\\') {
          if (rawEscapes) value += c
          const next = text[j + 1]
          if (next === undefined) {
            j++
            continue
          }
          if (next === '"' || next === '$' || next === '\\') {
            value += next
            j += 2
            continue
          }
          if (!rawEscapes) value += c
          j++
          continue
        }
        value += c
        j++
      }
      word += value + (rawQuotes ? '"' : '')
      inWord = true
      i = j + 1
    } else if (ch === '<' && text[i + 1] === '<') {
      let j = i + 2
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')) j++
      word += text.slice(i, j)
      inWord = true
      i = j
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      flush()
      i++
    } else if (ch === '\\') {
      if (rawEscapes) word += ch
      if (i + 1 >= text.length) break
      word += text[i + 1]
      inWord = true
      i += 2
    } else {
      word += ch
      inWord = true
      i++
    }
  }
  flush()
  return words
}

type FlagType = 'bool' | 'string' | 'strings'

const RUN_FLAGS: Record<string, FlagType> = { device: 'strings', mount: 'strings', network: 'string', security: 'string' }
const COPY_FLAGS: Record<string, FlagType> = { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' }
const ADD_FLAGS: Record<string, FlagType> = {
  chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', unpack: 'bool', exclude: 'strings'
}
const HEALTHCHECK_FLAGS: Record<string, FlagType> = {
  interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string'
}

/** BFlags.Parse: the flags an instruction declares, each once (a list flag may repeat), with a value of its type. */
function flagError(flags: string[], declared: Record<string, FlagType>): string | undefined {
  const used = new Set<string>()
  for (const flag of flags) {
    if (flag === '--') return undefined
    if (!flag.startsWith('--')) return `arg should start with -- : ${flag}`
    const eq = flag.indexOf('=')
    const name = eq < 0 ? flag : flag.slice(0, eq)
    const value = eq < 0 ? '' : flag.slice(eq + 1)
    const type = Object.prototype.hasOwnProperty.call(declared, name.slice(2)) ? declared[name.slice(2)] : undefined
    if (!type) return `unknown flag: ${name}`
    if (used.has(name) && type !== 'strings') return `duplicate flag specified: ${name}`
    used.add(name)
    if (type === 'bool') {
      if (eq >= 0 && value === '') return `missing a value on flag: ${name}`
      if (!['true', '', 'false'].includes(value.toLowerCase())) return `expecting boolean value for flag ${name}, not: ${value}`
    } else if (eq < 0) {
      return `missing a value on flag: ${name}`
    }
  }
  return undefined
}

function flagValue(flags: string[], name: string): string | undefined {
  let value: string | undefined
  for (const flag of flags) {
    if (flag === '--') break
    if (flag.startsWith(`--${name}=`)) value = flag.slice(name.length + 3)
  }
  return value
}

const atLeastOne = (command: string): string => `${command} requires at least one argument`
const exactlyOne = (command: string): string => `${command} requires exactly one argument`
const noDestination = (command: string): string =>
  `${command} requires at least two arguments, but only one was provided. Destination could not be determined`

/** `instructions.ParseInstruction`: the first thing it rejects in one instruction, in its order of checks. */
function instructionError(node: BuildkitNode): string | undefined {
  const args = node.args
  const flags = node.flags
  const keyword = node.keyword.toLowerCase()
  const upper = keyword.toUpperCase()
  switch (keyword) {
    case 'env':
    case 'label':
      return flagError(flags, {}) ?? keyValueError(args, upper)
    case 'maintainer':
    case 'workdir':
    case 'user':
      return args.length !== 1 ? exactlyOne(upper) : flagError(flags, {})
    case 'stopsignal':
      return args.length !== 1 ? exactlyOne(upper) : undefined
    case 'add':
    case 'copy': {
      if (args.length < 2) return noDestination(upper)
      const error = flagError(flags, keyword === 'add' ? ADD_FLAGS : COPY_FLAGS)
      if (error) return error
      return parseHeredoc(args[args.length - 1]) ? `${upper} cannot accept a heredoc as a destination` : undefined
    }
    case 'from': {
      if (args.length === 3 && args[1].toLowerCase() === 'as') {
        if (!/^[a-z][a-z0-9-_.]*$/.test(args[2].toLowerCase())) {
          return `invalid name for build stage: ${goQuote(args[2])}, name can't start with a number or contain symbols`
        }
      } else if (args.length !== 1) {
        return 'FROM requires either one or three arguments'
      }
      return flagError(flags, { platform: 'string' })
    }
    case 'onbuild': {
      if (args.length === 0) return atLeastOne('ONBUILD')
      const error = flagError(flags, {})
      if (error) return error
      const trigger = args[0].trim().toUpperCase()
      if (trigger === 'ONBUILD') return 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'
      if (trigger === 'MAINTAINER' || trigger === 'FROM') return `${trigger} isn't allowed as an ONBUILD trigger`
      return undefined
    }
    case 'run': {
      const error = flagError(flags, RUN_FLAGS)
      if (error) return error
      const network = flagValue(flags, 'network')
      if (network !== undefined && !['default', 'none', 'host'].includes(network)) return `invalid network mode ${goQuote(network)}`
      const security = flagValue(flags, 'security')
      if (security !== undefined && !['sandbox', 'insecure'].includes(security)) return `security ${goQuote(security)} is not valid`
      return undefined
    }
    case 'cmd':
    case 'entrypoint':
      return flagError(flags, {})
    case 'healthcheck':
      return healthcheckError(node)
    case 'expose':
      return args.length === 0 ? atLeastOne('EXPOSE') : flagError(flags, {})
    case 'volume':
      if (args.length === 0) return atLeastOne('VOLUME')
      return flagError(flags, {}) ?? (args.some((a) => trimSpace(a) === '') ? 'VOLUME specified can not be an empty string' : undefined)
    case 'arg':
      if (args.length === 0) return atLeastOne('ARG')
      return args.some((a) => a.startsWith('=')) ? 'ARG names can not be blank' : undefined
    case 'shell': {
      const error = flagError(flags, {})
      if (error) return error
      if (args.length === 0) return atLeastOne('SHELL')
      return node.json ? undefined : 'SHELL requires the arguments to be in JSON form'
    }
    default:
      return `unknown instruction: ${node.keyword}`
  }
}

function keyValueError(args: string[], command: string): string | undefined {
  if (args.length === 0) return atLeastOne(command)
  if (args.length % 3 !== 0) return `Bad input to ${command}, too many arguments`
  for (let j = 0; j < args.length; j += 3) if (args[j].length === 0) return `${command} names can not be blank`
  return undefined
}

function healthcheckError(node: BuildkitNode): string | undefined {
  if (node.args.length === 0) return atLeastOne('HEALTHCHECK')
  const type = node.args[0].toUpperCase()
  if (type === 'NONE') return node.args.length !== 1 ? 'HEALTHCHECK NONE takes no arguments' : undefined
  const error = flagError(node.flags, HEALTHCHECK_FLAGS)
  if (error) return error
  if (type !== 'CMD') return `Unknown type ${goQuote(type)} in HEALTHCHECK (try CMD)`
  const command = node.json ? node.args.slice(1) : node.args.length > 1 ? [node.args.slice(1).join(' ')] : []
  if (command.length === 0) return 'Missing command after HEALTHCHECK CMD'
  for (const name of ['interval', 'timeout', 'start-period', 'start-interval']) {
    const value = flagValue(node.flags, name)
    if (value === undefined || value === '') continue
    const duration = parseDuration(value)
    if (duration === undefined) return `time: invalid duration ${goQuote(value)}`
    if (duration !== 0 && duration < 1e6) return `Interval ${goQuote(name)} cannot be less than 1ms`
  }
  const retries = flagValue(node.flags, 'retries')
  if (retries !== undefined && retries !== '') {
    if (!/^[+-]?\d+$/.test(retries) || Math.abs(Number(retries)) > 2147483647) {
      return `strconv.ParseInt: parsing ${goQuote(retries)}: invalid syntax`
    }
    if (Number(retries) < 0) return `--retries cannot be negative (${Number(retries)})`
  }
  return undefined
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }

/** Go's time.ParseDuration, in nanoseconds; undefined where Go fails. */
function parseDuration(text: string): number | undefined {
  let s = text
  let sign = 1
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1
    s = s.slice(1)
  }
  if (s === '0') return 0
  if (s === '') return undefined
  let total = 0
  // Go's duration syntax, digits then an optional fraction: `\d+\.?\d*` would split a run of digits in
  // quadratically many ways before failing.
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/
  while (s.length > 0) {
    const match = part.exec(s)
    if (!match) return undefined
    total += Number(match[1]) * UNITS[match[2]]
    s = s.slice(match[0].length)
  }
  return sign * total
}

/**
 * A value as BuildKit expands it, variables aside: quotes removed, the escape character taken off what it
 * escapes (in double quotes only before `"`, `$` and itself; nothing is escaped in single quotes).
 */
export function unquote(value: string, escape = '\\'): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === "'") {
      const end = value.indexOf("'", i + 1)
      if (end < 0) return out + value.slice(i + 1)
      out += value.slice(i + 1, end)
      i = end
    } else if (ch === '"') {
      let j = i + 1
      for (; j < value.length && value[j] !== '"'; j++) {
        if (value[j] === escape && j + 1 < value.length && ['"', '$', escape].includes(value[j + 1])) j++
        out += value[j]
      }
      i = j
    } else if (ch === escape && i + 1 < value.length) {
      out += value[++i]
    } else {
      out += ch
    }
  }
  return out
}
