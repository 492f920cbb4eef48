/**
 * go-yaml v3's syntax check, ported to TypeScript: its reader's character check, its scanner
 * (scannerc.go) and its parser's grammar (parserc.go), without the values (but those of scalars holding an
 * LS or PS, which js-yaml would read otherwise), events and comment attachment that the product does not
 * need from them. Docker Compose reads YAML with go-yaml v3, so a
 * file this refuses is a file Compose refuses, and one it accepts is one Compose reads (then the value
 * tree comes from js-yaml, see yaml.ts, checked against go-yaml by the differential table in
 * __tests__/fixtures/yaml-differential).
 *
 * It also returns where go-yaml saw comments: yaml.ts blanks them before handing the text to js-yaml,
 * which disagrees with go-yaml on a few of them (`"x"# note` is a value and a comment to go-yaml).
 *
 * The port keeps go-yaml's names and control flow so the two can be compared function by function. The
 * parser takes a token once no simple key pending before it can still insert a token ahead of it, as
 * go-yaml's does (a simple key go-yaml would find stale while fetching is found stale by the next `:` or
 * by the removal that follows, with the same outcome). Offsets are UTF-16 offsets into the text; columns and the 1,024-character bound on a
 * simple key count characters, as go-yaml does. Linear time: every loop moves forward through the text,
 * and a token is inserted at most 1,024 characters behind the end of the queue.
 */

export interface GoYamlSyntax {
  /** The first problem go-yaml reports, when it refuses the text. */
  error?: { offset: number; message: string }
  /** Comments as go-yaml scans them: [offset of `#`, offset of the line break or end]. */
  comments: Array<[number, number]>
  /**
   * White space go-yaml reads differently from js-yaml, as [start, end, what js-yaml should read at each
   * offset]: a run of tabs go-yaml skips between tokens (spaces), and a NEL, LS or PS it takes as a line
   * break (`\n`; an LS or PS inside a quoted scalar stays, as go-yaml keeps it in the value).
   */
  whitespace: Array<[number, number, string]>
  /** Where an anchor or alias name ends at a non-blank (`&a: 1`): js-yaml needs a space there. */
  separators: number[]
  /**
   * The value go-yaml gives each scalar holding an LS or PS, which go-yaml takes for a line break and keeps in
   * the value where js-yaml would not: by the offset the product's node starts at (a quoted scalar's quote, a
   * block scalar's first content line, js-yaml's valueStart).
   */
  scalarValues: Map<number, string>
  /**
   * Offsets of the `,`, `[` and `]` inside tags: URI characters to go-yaml, which reads `[!!str, 1]` as one
   * item tagged `!!str,`, and flow indicators to js-yaml, which should read another URI character there.
   */
  tagIndicators: number[]
}

const enum T {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar
}

interface Token {
  type: T
  offset: number
  /** %YAML: major.minor; %TAG and tags: the handle ('' when none). */
  major: number
  minor: number
  handle: string
}

function makeToken(type: T, offset: number, handle = '', major = 0, minor = 0): Token {
  return { type, offset, major, minor, handle }
}

interface Mark {
  offset: number
  index: number
  line: number
  column: number
}

interface SimpleKey {
  possible: boolean
  required: boolean
  tokenNumber: number
  mark: Mark
}

class SyntaxError_ extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string
  ) {
    super(problem)
  }
}

/** The characters that cannot start a plain scalar (`-`, `?` and `:` can, before a non-blank). */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`')

const MAX_FLOW_LEVEL = 10000
const MAX_INDENTS = 10000

function isAlphaChar(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_' || c === '-'
}
function isHexChar(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')
}

/** The reader's check: the characters YAML allows (a lone surrogate is not one). */
function readerError(text: string): { offset: number; message: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0x7e) || code === 0x85) continue
    if ((code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd)) continue
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        i++
        continue
      }
    }
    return { offset: i, message: 'control characters are not allowed' }
  }
  return undefined
}

class Scanner {
  readonly tokens: Token[] = []
  readonly comments: Array<[number, number]> = []
  readonly whitespace: Array<[number, number, string]> = []
  readonly separators: number[] = []
  readonly scalarValues = new Map<number, string>()
  readonly tagIndicators: number[] = []
  private pos: number
  private index = 0
  private line = 0
  private column = 0
  private newlines = 0
  private flowLevel = 0
  private indent = -1
  private readonly indents: number[] = []
  private simpleKeyAllowed = true
  private readonly simpleKeys: SimpleKey[] = []
  private readonly bomAtStart: boolean

  constructor(private readonly text: string) {
    // The reader drops a leading byte order mark; go-yaml's is_bom then looks at the start of its buffer.
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0
    this.bomAtStart = text.charCodeAt(this.pos) === 0xfeff
  }

  // --- Characters.

  private at(k = 0): string {
    const i = this.pos + k
    return i < this.text.length ? this.text[i] : '\0'
  }
  private isZ(k = 0): boolean {
    return this.pos + k >= this.text.length
  }
  private isBlank(k = 0): boolean {
    const c = this.text.charCodeAt(this.pos + k)
    return c === 0x20 || c === 0x09
  }
  private isBreak(k = 0): boolean {
    const c = this.text.charCodeAt(this.pos + k)
    return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029
  }
  private isBreakz(k = 0): boolean {
    return this.isBreak(k) || this.isZ(k)
  }
  private isBlankz(k = 0): boolean {
    const c = this.text.charCodeAt(this.pos + k)
    return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029 || this.pos + k >= this.text.length
  }
  private isAlpha(k = 0): boolean {
    return isAlphaChar(this.at(k))
  }
  private isDigit(k = 0): boolean {
    const c = this.at(k)
    return c >= '0' && c <= '9'
  }

  private mark(): Mark {
    return { offset: this.pos, index: this.index, line: this.line, column: this.column }
  }

  private skip(): void {
    if (!this.isBlank()) this.newlines = 0
    const code = this.text.charCodeAt(this.pos)
    const low = this.text.charCodeAt(this.pos + 1)
    this.pos += code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1
    this.index++
    this.column++
  }

  private skipLine(): void {
    const code = this.text.charCodeAt(this.pos)
    if (code === 0x85 || code === 0x2028 || code === 0x2029) this.whitespace.push([this.pos, this.pos + 1, '\n'])
    if (this.at() === '\r' && this.at(1) === '\n') {
      this.pos += 2
      this.index += 2
    } else if (this.isBreak()) {
      this.pos += 1
      this.index += 1
    } else {
      return
    }
    this.column = 0
    this.line++
    this.newlines++
  }

  /**
   * go-yaml's read_line counts a CRLF as one character. Returns the break as it appends it to a value: a
   * line feed for CR, LF, CRLF and NEL, the character itself for LS and PS ('' at the end of the text).
   */
  private readLine(quoted = false): string {
    const code = this.text.charCodeAt(this.pos)
    if (code === 0x85 || (!quoted && (code === 0x2028 || code === 0x2029))) this.whitespace.push([this.pos, this.pos + 1, '\n'])
    if (this.at() === '\r' && this.at(1) === '\n') {
      this.pos += 2
      this.index += 1
    } else if (this.isBreak()) {
      this.pos += 1
      this.index += 1
    } else {
      return ''
    }
    this.column = 0
    this.line++
    this.newlines++
    return code === 0x2028 || code === 0x2029 ? String.fromCharCode(code) : '\n'
  }

  private fail(problem: string): never {
    throw new SyntaxError_(this.pos, problem)
  }

  // --- Token queue.

  /** Tokens already handed to the parser and dropped; token numbers count from the stream's start. */
  private base = 0

  /** How many queued tokens are final: none is inserted before them (no simple key is pending there). */
  finalCount(): number {
    let count = this.tokens.length
    for (const key of this.simpleKeys) if (key.possible) count = Math.min(count, key.tokenNumber - this.base)
    return count
  }

  /** Drops the first `count` tokens (the parser is done with them). */
  drop(count: number): void {
    this.tokens.splice(0, count)
    this.base += count
  }

  /** Inserts at `number` (a few tokens from the end: a simple key is at most 1,024 characters back). */
  private insert(number: number, token: Token): void {
    const tokens = this.tokens
    if (number >= 0) number -= this.base
    if (number < 0 || number >= tokens.length) {
      tokens.push(token)
      return
    }
    tokens.push(tokens[tokens.length - 1])
    for (let i = tokens.length - 2; i > number; i--) tokens[i] = tokens[i - 1]
    tokens[number] = token
  }

  /** Scans to the stream's end; `progress` runs every 512 tokens fetched. */
  scan(progress: () => void): void {
    this.fetchStreamStart()
    for (let n = 1; ; n++) {
      if (this.fetchNextToken()) return
      if (n % 512 === 0) progress()
    }
  }

  /** Returns true after the stream end. */
  private fetchNextToken(): boolean {
    const scanMark = this.mark()
    this.scanToNextToken()
    void scanMark
    this.unrollIndent(this.column)
    if (this.isZ()) {
      this.fetchStreamEnd()
      return true
    }
    const c = this.at()
    if (this.column === 0 && c === '%') {
      this.fetchDirective()
      return false
    }
    if (this.column === 0 && c === '-' && this.at(1) === '-' && this.at(2) === '-' && this.isBlankz(3)) {
      this.fetchDocumentIndicator(T.DocumentStart)
      return false
    }
    if (this.column === 0 && c === '.' && this.at(1) === '.' && this.at(2) === '.' && this.isBlankz(3)) {
      this.fetchDocumentIndicator(T.DocumentEnd)
      return false
    }
    this.fetchToken(c)
    const last = this.tokens[this.tokens.length - 1]
    if (!(last && last.type === T.BlockEntry)) this.scanLineComment()
    return false
  }

  private fetchToken(c: string): void {
    if (c === '[') return this.fetchFlowCollectionStart(T.FlowSequenceStart)
    if (c === '{') return this.fetchFlowCollectionStart(T.FlowMappingStart)
    if (c === ']') return this.fetchFlowCollectionEnd(T.FlowSequenceEnd)
    if (c === '}') return this.fetchFlowCollectionEnd(T.FlowMappingEnd)
    if (c === ',') return this.fetchFlowEntry()
    if (c === '-' && this.isBlankz(1)) return this.fetchBlockEntry()
    if (c === '?' && (this.flowLevel > 0 || this.isBlankz(1))) return this.fetchKey()
    if (c === ':' && (this.flowLevel > 0 || this.isBlankz(1))) return this.fetchValue()
    if (c === '*') return this.fetchAnchor(T.Alias)
    if (c === '&') return this.fetchAnchor(T.Anchor)
    if (c === '!') return this.fetchTag()
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar(true)
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar(false)
    if (c === "'") return this.fetchFlowScalar(true)
    if (c === '"') return this.fetchFlowScalar(false)
    if (!(this.isBlankz() || INDICATORS.has(c)) || (c === '-' && !this.isBlank(1)) || (this.flowLevel === 0 && (c === '?' || c === ':') && !this.isBlankz(1))) {
      return this.fetchPlainScalar()
    }
    this.fail('found character that cannot start any token')
  }

  // --- Simple keys, flow levels, indentation.

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) throw new SyntaxError_(key.mark.offset, "could not find expected ':'")
      key.possible = false
      return false
    }
    return true
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = { possible: true, required, tokenNumber: this.base + this.tokens.length, mark: this.mark() }
      this.removeSimpleKey()
      this.simpleKeys[this.simpleKeys.length - 1] = key
    }
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]
    if (key.possible) {
      if (key.required) throw new SyntaxError_(key.mark.offset, "could not find expected ':'")
      key.possible = false
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.base + this.tokens.length, mark: this.mark() })
    this.flowLevel++
    if (this.flowLevel > MAX_FLOW_LEVEL) this.fail(`exceeded max depth of ${MAX_FLOW_LEVEL}`)
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--
      this.simpleKeys.pop()
    }
  }

  private rollIndent(column: number, number: number, type: T, mark: Mark): void {
    if (this.flowLevel > 0) return
    if (this.indent < column) {
      this.indents.push(this.indent)
      this.indent = column
      if (this.indents.length > MAX_INDENTS) this.fail(`exceeded max depth of ${MAX_INDENTS}`)
      this.insert(number, makeToken(type, mark.offset))
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return
    while (this.indent > column) {
      this.tokens.push(makeToken(T.BlockEnd, this.pos))
      this.indent = this.indents.pop()!
    }
  }

  // --- Fetchers.

  private fetchStreamStart(): void {
    this.indent = -1
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() })
    this.simpleKeyAllowed = true
    this.tokens.push(makeToken(T.StreamStart, this.pos))
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0
      this.line++
    }
    this.unrollIndent(-1)
    this.removeSimpleKey()
    this.simpleKeyAllowed = false
    this.tokens.push(makeToken(T.StreamEnd, this.pos))
  }

  private fetchDirective(): void {
    this.unrollIndent(-1)
    this.removeSimpleKey()
    this.simpleKeyAllowed = false
    this.tokens.push(this.scanDirective())
  }

  private fetchDocumentIndicator(type: T): void {
    this.unrollIndent(-1)
    this.removeSimpleKey()
    this.simpleKeyAllowed = false
    const offset = this.pos
    this.skip()
    this.skip()
    this.skip()
    this.tokens.push(makeToken(type, offset))
  }

  private fetchFlowCollectionStart(type: T): void {
    this.saveSimpleKey()
    this.increaseFlowLevel()
    this.simpleKeyAllowed = true
    const offset = this.pos
    this.skip()
    this.tokens.push(makeToken(type, offset))
  }

  private fetchFlowCollectionEnd(type: T): void {
    this.removeSimpleKey()
    this.decreaseFlowLevel()
    this.simpleKeyAllowed = false
    const offset = this.pos
    this.skip()
    this.tokens.push(makeToken(type, offset))
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey()
    this.simpleKeyAllowed = true
    const offset = this.pos
    this.skip()
    this.tokens.push(makeToken(T.FlowEntry, offset))
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('block sequence entries are not allowed in this context')
      this.rollIndent(this.column, -1, T.BlockSequenceStart, this.mark())
    }
    this.removeSimpleKey()
    this.simpleKeyAllowed = true
    const offset = this.pos
    this.skip()
    this.tokens.push(makeToken(T.BlockEntry, offset))
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('mapping keys are not allowed in this context')
      this.rollIndent(this.column, -1, T.BlockMappingStart, this.mark())
    }
    this.removeSimpleKey()
    this.simpleKeyAllowed = this.flowLevel === 0
    const offset = this.pos
    this.skip()
    this.tokens.push(makeToken(T.Key, offset))
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]
    if (this.simpleKeyIsValid(key)) {
      this.insert(key.tokenNumber, makeToken(T.Key, key.mark.offset))
      this.rollIndent(key.mark.column, key.tokenNumber, T.BlockMappingStart, key.mark)
      key.possible = false
      this.simpleKeyAllowed = false
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail('mapping values are not allowed in this context')
        this.rollIndent(this.column, -1, T.BlockMappingStart, this.mark())
      }
      this.simpleKeyAllowed = this.flowLevel === 0
    }
    const offset = this.pos
    this.skip()
    this.tokens.push(makeToken(T.Value, offset))
  }

  private fetchAnchor(type: T): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    this.tokens.push(this.scanAnchor(type))
  }

  private fetchTag(): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    this.tokens.push(this.scanTag())
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey()
    this.simpleKeyAllowed = true
    this.tokens.push(this.scanBlockScalar(literal))
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    this.tokens.push(this.scanFlowScalar(single))
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    this.tokens.push(this.scanPlainScalar())
  }

  // --- Whitespace and comments.

  private scanToNextToken(): void {
    for (;;) {
      if (this.column === 0 && this.bomAtStart && !this.isZ()) this.skip()
      while (this.at() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === '\t')) {
        if (this.at() === '\t') {
          const last = this.whitespace[this.whitespace.length - 1]
          if (last && last[1] === this.pos && last[2] === ' ') last[1]++
          else this.whitespace.push([this.pos, this.pos + 1, ' '])
        }
        this.skip()
      }
      if (this.at() === '#') this.scanComments()
      if (this.isBreak()) {
        this.skipLine()
        if (this.flowLevel === 0) this.simpleKeyAllowed = true
      } else {
        break
      }
    }
  }

  /** Consumes the comment up to the line break, recording it. */
  private consumeComment(): void {
    const start = this.pos
    while (!this.isBreakz()) this.skip()
    this.comments.push([start, this.pos])
  }

  /** A comment after a token on its line: go-yaml looks past blanks (tabs included) for a `#`. */
  private scanLineComment(): void {
    if (this.newlines > 0) return
    for (let peek = 0; peek < 512; peek++) {
      if (this.isZ(peek)) break
      if (this.isBlank(peek)) continue
      if (this.at(peek) === '#') {
        for (let k = 0; k < peek; k++) this.skip()
        this.consumeComment()
      }
      break
    }
  }

  /** Comment lines, possibly with blank lines between them, as go-yaml's scan_comments consumes them. */
  private scanComments(): void {
    let peek = 0
    for (; peek < 512; peek++) {
      if (this.isZ(peek)) break
      if (this.isBlank(peek)) continue
      const c = this.at(peek)
      const closeFlow = this.flowLevel > 0 && (c === ']' || c === '}')
      if (closeFlow || this.isBreakz(peek)) {
        if (!this.isBreak(peek)) break
        continue
      }
      if (c !== '#') break
      // Consume everything up to the `#` (blank lines included), then the comment.
      const target = this.pos + peek
      while (this.pos < target) {
        if (this.isBreak()) this.skipLine()
        else this.skip()
      }
      this.consumeComment()
      peek = 0
    }
  }

  // --- Directives.

  private scanDirective(): Token {
    const start = this.pos
    this.skip()
    const name = this.scanDirectiveName()
    let token: Token
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue()
      token = makeToken(T.VersionDirective, start, '', major, minor)
    } else if (name === 'TAG') {
      const [handle] = this.scanTagDirectiveValue()
      token = makeToken(T.TagDirective, start, handle)
    } else {
      throw new SyntaxError_(this.pos, 'found unknown directive name')
    }
    while (this.isBlank()) this.skip()
    if (this.at() === '#') this.consumeComment()
    if (!this.isBreakz()) this.fail('did not find expected comment or line break')
    if (this.isBreak()) this.skipLine()
    return token
  }

  private scanDirectiveName(): string {
    const from = this.pos
    while (this.isAlpha()) this.skip()
    if (this.pos === from) this.fail('could not find expected directive name')
    if (!this.isBlankz()) this.fail('found unexpected non-alphabetical character')
    return this.text.slice(from, this.pos)
  }

  private scanVersionDirectiveValue(): [number, number] {
    while (this.isBlank()) this.skip()
    const major = this.scanVersionDirectiveNumber()
    if (this.at() !== '.') this.fail("did not find expected digit or '.' character")
    this.skip()
    const minor = this.scanVersionDirectiveNumber()
    return [major, minor]
  }

  private scanVersionDirectiveNumber(): number {
    let value = 0
    let length = 0
    while (this.isDigit()) {
      length++
      if (length > 2) this.fail('found extremely long version number')
      value = value * 10 + (this.text.charCodeAt(this.pos) - 48)
      this.skip()
    }
    if (length === 0) this.fail('did not find expected version number')
    return value
  }

  private scanTagDirectiveValue(): [string, string] {
    while (this.isBlank()) this.skip()
    const handle = this.scanTagHandle(true)
    if (!this.isBlank()) this.fail('did not find expected whitespace')
    while (this.isBlank()) this.skip()
    const prefix = this.scanTagUri(true, '')
    if (!this.isBlankz()) this.fail('did not find expected whitespace or line break')
    return [handle, prefix]
  }

  // --- Anchors and tags.

  private scanAnchor(type: T): Token {
    const start = this.pos
    this.skip()
    const from = this.pos
    while (this.isAlpha()) this.skip()
    const c = this.at()
    if (this.pos === from || !(this.isBlankz() || '?:,]}%@`'.includes(c))) {
      this.fail('did not find expected alphabetic or numeric character')
    }
    if (!this.isBlankz()) this.separators.push(this.pos)
    return makeToken(type, start)
  }

  private scanTag(): Token {
    const start = this.pos
    let handle: string
    if (this.at(1) === '<') {
      this.skip()
      this.skip()
      this.scanTagUri(false, '')
      if (this.at() !== '>') this.fail("did not find the expected '>'")
      this.skip()
      handle = ''
    } else {
      handle = this.scanTagHandle(false)
      if (handle[0] === '!' && handle.length > 1 && handle[handle.length - 1] === '!') {
        this.scanTagUri(false, '')
      } else {
        const suffix = this.scanTagUri(false, handle)
        handle = '!'
        if (suffix.length === 0) handle = ''
      }
    }
    if (!this.isBlankz()) this.fail('did not find expected whitespace or line break')
    for (let i = start; i < this.pos; i++) if (',[]'.includes(this.text[i])) this.tagIndicators.push(i)
    return makeToken(T.Tag, start, handle)
  }

  private scanTagHandle(directive: boolean): string {
    if (this.at() !== '!') this.fail("did not find expected '!'")
    const from = this.pos
    this.skip()
    while (this.isAlpha()) this.skip()
    if (this.at() === '!') this.skip()
    else if (directive && this.pos - from !== 1) this.fail("did not find expected '!'")
    return this.text.slice(from, this.pos)
  }

  /** Returns the URI as written (escapes not decoded; only its emptiness matters here), after `head`. */
  private scanTagUri(directive: boolean, head: string): string {
    void directive
    let hasTag = head.length > 0
    const from = this.pos
    while (this.isAlpha() || ";/?:@&=+$,.!~*'()[]%".includes(this.at())) {
      if (this.at() === '%') this.scanUriEscapes()
      else this.skip()
      hasTag = true
    }
    if (!hasTag) this.fail('did not find expected tag URI')
    return head.slice(1) + this.text.slice(from, this.pos)
  }

  private scanUriEscapes(): void {
    let w = 1024
    while (w > 0) {
      if (!(this.at() === '%' && isHexChar(this.at(1)) && isHexChar(this.at(2)))) this.fail('did not find URI escaped octet')
      const octet = parseInt(this.at(1) + this.at(2), 16)
      if (w === 1024) {
        w = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0
        if (w === 0) this.fail('found an incorrect leading UTF-8 octet')
      } else if ((octet & 0xc0) !== 0x80) {
        this.fail('found an incorrect trailing UTF-8 octet')
      }
      this.skip()
      this.skip()
      this.skip()
      w--
    }
  }

  // --- Scalars.

  /**
   * Also computes the value as go-yaml does (scan_block_scalar), kept in `scalarValues` when the scalar holds
   * an LS or PS: go-yaml takes either for a line break and keeps the character in the value (read_line),
   * where js-yaml, reading a line feed there, would have one.
   */
  private scanBlockScalar(literal: boolean): Token {
    const start = this.pos
    this.skip()
    let increment = 0
    let chomping = 0
    if (this.at() === '+' || this.at() === '-') {
      chomping = this.at() === '+' ? 1 : -1
      this.skip()
      if (this.isDigit()) {
        if (this.at() === '0') this.fail('found an indentation indicator equal to 0')
        increment = this.text.charCodeAt(this.pos) - 48
        this.skip()
      }
    } else if (this.isDigit()) {
      if (this.at() === '0') this.fail('found an indentation indicator equal to 0')
      increment = this.text.charCodeAt(this.pos) - 48
      this.skip()
      if (this.at() === '+' || this.at() === '-') {
        chomping = this.at() === '+' ? 1 : -1
        this.skip()
      }
    }
    while (this.isBlank()) this.skip()
    if (this.at() === '#') {
      // scan_line_comment, then the rest of the line.
      this.scanLineComment()
      while (!this.isBreakz()) this.skip()
    }
    if (!this.isBreakz()) this.fail('did not find expected comment or line break')
    if (this.isBreak()) this.skipLine()
    const contentStart = this.pos
    const indent = { value: 0 }
    if (increment > 0) indent.value = this.indent >= 0 ? this.indent + increment : increment
    const parts: string[] = []
    let leadingBreak = ''
    let trailingBreaks = this.scanBlockScalarBreaks(indent)
    let leadingBlank = false
    while (this.column === indent.value && !this.isZ()) {
      const trailingBlank = this.isBlank()
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak === '\n') {
        if (trailingBreaks.length === 0) parts.push(' ')
      } else {
        parts.push(leadingBreak)
      }
      parts.push(trailingBreaks)
      leadingBlank = this.isBlank()
      const from = this.pos
      while (!this.isBreakz()) this.skip()
      parts.push(this.text.slice(from, this.pos))
      leadingBreak = this.readLine()
      trailingBreaks = this.scanBlockScalarBreaks(indent)
    }
    if (chomping !== -1) parts.push(leadingBreak)
    if (chomping === 1) parts.push(trailingBreaks)
    this.keepValue(contentStart, parts)
    return makeToken(T.Scalar, start)
  }

  /** The line breaks read, as go-yaml's read_line appends them. */
  private scanBlockScalarBreaks(indent: { value: number }): string {
    let maxIndent = 0
    let breaks = ''
    for (;;) {
      while ((indent.value === 0 || this.column < indent.value) && this.at() === ' ') this.skip()
      if (this.column > maxIndent) maxIndent = this.column
      if ((indent.value === 0 || this.column < indent.value) && this.at() === '\t') {
        this.fail('found a tab character where an indentation space is expected')
      }
      if (!this.isBreak()) break
      breaks += this.readLine()
    }
    if (indent.value === 0) {
      indent.value = maxIndent
      if (indent.value < this.indent + 1) indent.value = this.indent + 1
      if (indent.value < 1) indent.value = 1
    }
    return breaks
  }

  /** Also computes go-yaml's value (scan_flow_scalar), kept in `scalarValues` when the scalar holds an LS or PS. */
  private scanFlowScalar(single: boolean): Token {
    const start = this.pos
    this.skip()
    const parts: string[] = []
    let leadingBreak = ''
    let trailingBreaks = ''
    let whitespaces = ''
    for (;;) {
      if (
        this.column === 0 &&
        ((this.at() === '-' && this.at(1) === '-' && this.at(2) === '-') || (this.at() === '.' && this.at(1) === '.' && this.at(2) === '.')) &&
        this.isBlankz(3)
      ) {
        this.fail('found unexpected document indicator')
      }
      if (this.isZ()) this.fail('found unexpected end of stream')
      let leadingBlanks = false
      while (!this.isBlankz()) {
        const c = this.at()
        if (single && c === "'" && this.at(1) === "'") {
          parts.push("'")
          this.skip()
          this.skip()
        } else if (single && c === "'") {
          break
        } else if (!single && c === '"') {
          break
        } else if (!single && c === '\\' && this.isBreak(1)) {
          this.skip()
          this.skipLine()
          leadingBlanks = true
          break
        } else if (!single && c === '\\') {
          let codeLength = 0
          const e = this.at(1)
          if (e === 'x') codeLength = 2
          else if (e === 'u') codeLength = 4
          else if (e === 'U') codeLength = 8
          else if (!'0abt\tnvfre "\'\\NLP_'.includes(e) || this.isZ(1)) this.fail('found unknown escape character')
          else parts.push(ESCAPES[e])
          this.skip()
          this.skip()
          if (codeLength > 0) {
            let value = 0
            for (let k = 0; k < codeLength; k++) {
              if (!isHexChar(this.at(k))) this.fail('did not find expected hexdecimal number')
              value = value * 16 + parseInt(this.at(k), 16)
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.fail('found invalid Unicode character escape code')
            parts.push(String.fromCodePoint(value))
            for (let k = 0; k < codeLength; k++) this.skip()
          }
        } else {
          const from = this.pos
          this.skip()
          parts.push(this.text.slice(from, this.pos))
        }
      }
      if (single ? this.at() === "'" : this.at() === '"') break
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) whitespaces += this.at()
          this.skip()
        } else if (!leadingBlanks) {
          whitespaces = ''
          leadingBreak = this.readLine(true)
          leadingBlanks = true
        } else {
          trailingBreaks += this.readLine(true)
        }
      }
      if (leadingBlanks) {
        if (leadingBreak === '\n') parts.push(trailingBreaks.length === 0 ? ' ' : trailingBreaks)
        else parts.push(leadingBreak, trailingBreaks)
        leadingBreak = ''
        trailingBreaks = ''
      } else {
        parts.push(whitespaces)
        whitespaces = ''
      }
    }
    this.skip()
    this.keepValue(start, parts)
    return makeToken(T.Scalar, start)
  }

  /** Keeps go-yaml's value of the scalar that starts at `start` and ends here, when it holds an LS or PS. */
  private keepValue(start: number, parts: string[]): void {
    if (/[\u2028\u2029]/.test(this.text.slice(start, this.pos))) this.scalarValues.set(start, parts.join(''))
  }

  /** Also computes go-yaml's value (scan_plain_scalar), kept in `scalarValues` when the scalar holds an LS or PS. */
  private scanPlainScalar(): Token {
    let leadingBlanks = false
    const indent = this.indent + 1
    const start = this.pos
    let end = start
    const parts: string[] = []
    let leadingBreak = ''
    let trailingBreaks = ''
    let whitespaces = ''
    for (;;) {
      if (
        this.column === 0 &&
        ((this.at() === '-' && this.at(1) === '-' && this.at(2) === '-') || (this.at() === '.' && this.at(1) === '.' && this.at(2) === '.')) &&
        this.isBlankz(3)
      ) {
        break
      }
      if (this.at() === '#') break
      while (!this.isBlankz()) {
        const c = this.at()
        if ((c === ':' && this.isBlankz(1)) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break
        if (leadingBlanks) {
          if (leadingBreak === '\n') parts.push(trailingBreaks.length === 0 ? ' ' : trailingBreaks)
          else parts.push(leadingBreak, trailingBreaks)
          leadingBreak = ''
          trailingBreaks = ''
          leadingBlanks = false
        } else if (whitespaces.length > 0) {
          parts.push(whitespaces)
          whitespaces = ''
        }
        const from = this.pos
        this.skip()
        parts.push(this.text.slice(from, this.pos))
        end = this.pos
      }
      if (!(this.isBlank() || this.isBreak())) break
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.column < indent && this.at() === '\t') this.fail('found a tab character that violates indentation')
          if (!leadingBlanks) whitespaces += this.at()
          this.skip()
        } else if (!leadingBlanks) {
          whitespaces = ''
          leadingBreak = this.readLine()
          leadingBlanks = true
        } else {
          trailingBreaks += this.readLine()
        }
      }
      if (this.flowLevel === 0 && this.column < indent) break
    }
    if (/[\u2028\u2029]/.test(this.text.slice(start, end))) this.scalarValues.set(start, parts.join(''))
    if (leadingBlanks) this.simpleKeyAllowed = true
    return makeToken(T.Scalar, start)
  }
}

/** The characters go-yaml's double-quoted escapes stand for (`\x`, `\u` and `\U` apart). */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029'
}

const enum S {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End
}

/** parserc.go's state machine over the tokens, checking the grammar only. */
class Parser {
  head = 0
  private state = S.StreamStart
  private readonly states: S[] = []
  private tagHandles: string[] = []

  /** Where the scanner stopped, met when the parser reaches `limit`, the end of the tokens go-yaml's parser saw. */
  scanError?: SyntaxError_
  limit = Infinity

  constructor(private readonly tokens: Token[]) {}

  run(): void {
    while (this.state !== S.End) this.step()
  }

  /** Parses while the tokens a step may look at (a handful past the head) are below `limit`. */
  runBelow(limit: number): void {
    while (this.state !== S.End && this.head + 8 < limit) this.step()
  }

  /** How many tokens the parser is done with, counting from now on anew (the scanner drops them). */
  take(): number {
    const head = this.head
    this.head = 0
    return head
  }

  private peek(): Token {
    if (this.head >= this.limit || this.head >= this.tokens.length) throw this.scanError ?? new SyntaxError_(0, 'unexpected end of tokens')
    return this.tokens[this.head]
  }
  private skipToken(): void {
    this.head++
  }
  private pop(): void {
    this.state = this.states.pop()!
  }
  private fail(problem: string, token: Token): never {
    throw new SyntaxError_(token.offset, problem)
  }

  private step(): void {
    switch (this.state) {
      case S.StreamStart: {
        this.state = S.ImplicitDocumentStart
        this.skipToken()
        return
      }
      case S.ImplicitDocumentStart:
        return this.documentStart(true)
      case S.DocumentStart:
        return this.documentStart(false)
      case S.DocumentContent: {
        const t = this.peek().type
        if (t === T.VersionDirective || t === T.TagDirective || t === T.DocumentStart || t === T.DocumentEnd || t === T.StreamEnd) return this.pop()
        return this.node(true, false)
      }
      case S.DocumentEnd: {
        if (this.peek().type === T.DocumentEnd) this.skipToken()
        this.tagHandles = []
        this.state = S.DocumentStart
        return
      }
      case S.BlockNode:
        return this.node(true, false)
      case S.BlockNodeOrIndentlessSequence:
        return this.node(true, true)
      case S.FlowNode:
        return this.node(false, false)
      case S.BlockSequenceFirstEntry:
        this.skipToken()
        return this.blockSequenceEntry()
      case S.BlockSequenceEntry:
        return this.blockSequenceEntry()
      case S.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry()
      case S.BlockMappingFirstKey:
        this.skipToken()
        return this.blockMappingKey()
      case S.BlockMappingKey:
        return this.blockMappingKey()
      case S.BlockMappingValue:
        return this.blockMappingValue()
      case S.FlowSequenceFirstEntry:
        this.skipToken()
        return this.flowSequenceEntry(true)
      case S.FlowSequenceEntry:
        return this.flowSequenceEntry(false)
      case S.FlowSequenceEntryMappingKey: {
        const t = this.peek().type
        if (t !== T.Value && t !== T.FlowEntry && t !== T.FlowSequenceEnd) {
          this.states.push(S.FlowSequenceEntryMappingValue)
          return this.node(false, false)
        }
        this.skipToken()
        this.state = S.FlowSequenceEntryMappingValue
        return
      }
      case S.FlowSequenceEntryMappingValue: {
        if (this.peek().type === T.Value) {
          this.skipToken()
          const t = this.peek().type
          if (t !== T.FlowEntry && t !== T.FlowSequenceEnd) {
            this.states.push(S.FlowSequenceEntryMappingEnd)
            return this.node(false, false)
          }
        }
        this.state = S.FlowSequenceEntryMappingEnd
        return
      }
      case S.FlowSequenceEntryMappingEnd:
        this.state = S.FlowSequenceEntry
        return
      case S.FlowMappingFirstKey:
        this.skipToken()
        return this.flowMappingKey(true)
      case S.FlowMappingKey:
        return this.flowMappingKey(false)
      case S.FlowMappingValue: {
        if (this.peek().type === T.Value) {
          this.skipToken()
          const t = this.peek().type
          if (t !== T.FlowEntry && t !== T.FlowMappingEnd) {
            this.states.push(S.FlowMappingKey)
            return this.node(false, false)
          }
        }
        this.state = S.FlowMappingKey
        return
      }
      case S.FlowMappingEmptyValue:
        this.state = S.FlowMappingKey
        return
      case S.End:
        return
    }
  }

  private documentStart(implicit: boolean): void {
    let token = this.peek()
    if (!implicit) {
      while (token.type === T.DocumentEnd) {
        this.skipToken()
        token = this.peek()
      }
    }
    if (implicit && token.type !== T.VersionDirective && token.type !== T.TagDirective && token.type !== T.DocumentStart && token.type !== T.StreamEnd) {
      this.processDirectives()
      this.states.push(S.DocumentEnd)
      this.state = S.BlockNode
    } else if (token.type !== T.StreamEnd) {
      this.processDirectives()
      token = this.peek()
      if (token.type !== T.DocumentStart) this.fail('did not find expected <document start>', token)
      this.states.push(S.DocumentEnd)
      this.state = S.DocumentContent
      this.skipToken()
    } else {
      this.state = S.End
      this.skipToken()
    }
  }

  private processDirectives(): void {
    let version = false
    let token = this.peek()
    while (token.type === T.VersionDirective || token.type === T.TagDirective) {
      if (token.type === T.VersionDirective) {
        if (version) this.fail('found duplicate %YAML directive', token)
        if (token.major !== 1 || token.minor !== 1) this.fail('found incompatible YAML document', token)
        version = true
      } else {
        if (this.tagHandles.includes(token.handle)) this.fail('found duplicate %TAG directive', token)
        this.tagHandles.push(token.handle)
      }
      this.skipToken()
      token = this.peek()
    }
    for (const handle of ['!', '!!']) if (!this.tagHandles.includes(handle)) this.tagHandles.push(handle)
  }

  private node(block: boolean, indentlessSequence: boolean): void {
    let token = this.peek()
    if (token.type === T.Alias) {
      this.pop()
      this.skipToken()
      return
    }
    let anchor = false
    let tag: Token | undefined
    if (token.type === T.Anchor) {
      anchor = true
      this.skipToken()
      token = this.peek()
      if (token.type === T.Tag) {
        tag = token
        this.skipToken()
        token = this.peek()
      }
    } else if (token.type === T.Tag) {
      tag = token
      this.skipToken()
      token = this.peek()
      if (token.type === T.Anchor) {
        anchor = true
        this.skipToken()
        token = this.peek()
      }
    }
    if (tag && tag.handle !== '' && !this.tagHandles.includes(tag.handle)) this.fail('found undefined tag handle', tag)
    if (indentlessSequence && token.type === T.BlockEntry) {
      this.state = S.IndentlessSequenceEntry
      return
    }
    switch (token.type) {
      case T.Scalar:
        this.pop()
        this.skipToken()
        return
      case T.FlowSequenceStart:
        this.state = S.FlowSequenceFirstEntry
        return
      case T.FlowMappingStart:
        this.state = S.FlowMappingFirstKey
        return
    }
    if (block && token.type === T.BlockSequenceStart) {
      this.state = S.BlockSequenceFirstEntry
      return
    }
    if (block && token.type === T.BlockMappingStart) {
      this.state = S.BlockMappingFirstKey
      return
    }
    if (anchor || tag) {
      this.pop()
      return
    }
    this.fail('did not find expected node content', token)
  }

  private blockSequenceEntry(): void {
    let token = this.peek()
    if (token.type === T.BlockEntry) {
      this.skipToken()
      token = this.peek()
      if (token.type !== T.BlockEntry && token.type !== T.BlockEnd) {
        this.states.push(S.BlockSequenceEntry)
        return this.node(true, false)
      }
      this.state = S.BlockSequenceEntry
      return
    }
    if (token.type === T.BlockEnd) {
      this.pop()
      this.skipToken()
      return
    }
    this.fail("did not find expected '-' indicator", token)
  }

  private indentlessSequenceEntry(): void {
    let token = this.peek()
    if (token.type === T.BlockEntry) {
      this.skipToken()
      token = this.peek()
      if (token.type !== T.BlockEntry && token.type !== T.Key && token.type !== T.Value && token.type !== T.BlockEnd) {
        this.states.push(S.IndentlessSequenceEntry)
        return this.node(true, false)
      }
      this.state = S.IndentlessSequenceEntry
      return
    }
    this.pop()
  }

  private blockMappingKey(): void {
    let token = this.peek()
    if (token.type === T.Key) {
      this.skipToken()
      token = this.peek()
      if (token.type !== T.Key && token.type !== T.Value && token.type !== T.BlockEnd) {
        this.states.push(S.BlockMappingValue)
        return this.node(true, true)
      }
      this.state = S.BlockMappingValue
      return
    }
    if (token.type === T.BlockEnd) {
      this.pop()
      this.skipToken()
      return
    }
    this.fail('did not find expected key', token)
  }

  private blockMappingValue(): void {
    let token = this.peek()
    if (token.type === T.Value) {
      this.skipToken()
      token = this.peek()
      if (token.type !== T.Key && token.type !== T.Value && token.type !== T.BlockEnd) {
        this.states.push(S.BlockMappingKey)
        return this.node(true, true)
      }
    }
    this.state = S.BlockMappingKey
  }

  private flowSequenceEntry(first: boolean): void {
    let token = this.peek()
    if (token.type !== T.FlowSequenceEnd) {
      if (!first) {
        if (token.type === T.FlowEntry) {
          this.skipToken()
          token = this.peek()
        } else {
          this.fail("did not find expected ',' or ']'", token)
        }
      }
      if (token.type === T.Key) {
        this.state = S.FlowSequenceEntryMappingKey
        this.skipToken()
        return
      }
      if (token.type !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntry)
        return this.node(false, false)
      }
    }
    this.pop()
    this.skipToken()
  }

  private flowMappingKey(first: boolean): void {
    let token = this.peek()
    if (token.type !== T.FlowMappingEnd) {
      if (!first) {
        if (token.type === T.FlowEntry) {
          this.skipToken()
          token = this.peek()
        } else {
          this.fail("did not find expected ',' or '}'", token)
        }
      }
      if (token.type === T.Key) {
        this.skipToken()
        token = this.peek()
        if (token.type !== T.Value && token.type !== T.FlowEntry && token.type !== T.FlowMappingEnd) {
          this.states.push(S.FlowMappingValue)
          return this.node(false, false)
        }
        this.state = S.FlowMappingValue
        return
      }
      if (token.type !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingEmptyValue)
        return this.node(false, false)
      }
    }
    this.pop()
    this.skipToken()
  }
}

/** go-yaml v3's verdict on the text's syntax, and where it saw comments. */
export function goYamlSyntax(text: string): GoYamlSyntax {
  const reader = readerError(text)
  if (reader) return { error: reader, comments: [], whitespace: [], separators: [], scalarValues: new Map(), tagIndicators: [] }
  const scanner = new Scanner(text)
  const parser = new Parser(scanner.tokens)
  const result = (error?: SyntaxError_): GoYamlSyntax => ({
    error: error && { offset: Math.min(error.offset, text.length), message: error.problem },
    comments: scanner.comments,
    whitespace: scanner.whitespace,
    separators: scanner.separators,
    scalarValues: scanner.scalarValues,
    tagIndicators: scanner.tagIndicators
  })
  // As in go-yaml, the parser takes each token once it is final, so a grammar error is met before a
  // scanner error further on; the tokens it is done with are dropped.
  let parseError: SyntaxError_ | undefined
  const stop = new Error('parse error')
  try {
    scanner.scan(() => {
      try {
        parser.runBelow(scanner.finalCount())
      } catch (error) {
        if (!(error instanceof SyntaxError_)) throw error
        parseError = error
        throw stop
      }
      if (parser.head > 4096) scanner.drop(parser.take())
    })
  } catch (error) {
    if (error === stop) return result(parseError)
    if (!(error instanceof SyntaxError_)) throw error
    parser.scanError = error
    // go-yaml hands its parser a token once two more follow it and no simple key waits on it.
    parser.limit = Math.min(scanner.finalCount(), scanner.tokens.length - 2)
  }
  try {
    parser.run()
  } catch (error) {
    if (!(error instanceof SyntaxError_)) throw error
    // A token behind a simple key still pending is not handed to go-yaml's parser until the key is
    // resolved: a required key that never finds its `:` is reported first.
    const scanError = parser.scanError
    return result(scanError && scanError.problem === "could not find expected ':'" && scanError.offset <= error.offset ? scanError : error)
  }
  return result()
}
