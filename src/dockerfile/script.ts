import type { Argument, Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast'
import { analyzeShell, baseName, SHELLS, unwrap, type Command, type ShellError, type Word } from '../shell/analyze.js'
import { lastAtOrBefore, type TextIndex } from '../core/text.js'

/**
 * What a RUN, CMD or ENTRYPOINT runs, as shell commands whose offsets point into the Dockerfile: the
 * physical line and column of each word, through line continuations, JSON strings, `sh -c` strings and
 * here-documents.
 */
export interface InstructionScript {
  form: 'shell' | 'exec'
  commands: Command[]
  errors: ShellError[]
  /** Here-documents that are data for a program (`cat <<EOF > /file`), not commands. */
  dataHeredocs: Array<{ name: string; start: number; end: number }>
  /** Shell form: the text the shell is given, continuations joined as BuildKit joins them (here-document bodies apart). */
  text?: string
  /** Exec form: the program and its arguments, decoded. */
  argv?: string[]
}

/** Maps offsets of a joined text back to the Dockerfile (BuildKit drops `\`-newlines and comment lines). */
class SegmentMap {
  private readonly joinedStarts: number[] = []
  private readonly docStarts: number[] = []
  length = 0
  add(docStart: number, length: number): void {
    if (length <= 0) return
    this.joinedStarts.push(this.length)
    this.docStarts.push(docStart)
    this.length += length
  }
  toDoc(index: number): number {
    if (this.joinedStarts.length === 0) return 0
    const piece = lastAtOrBefore(this.joinedStarts, index)
    return this.docStarts[piece] + (index - this.joinedStarts[piece])
  }
}

export interface ScriptOptions {
  escape: string
  /** The SHELL in force: shell-form text runs as `[...shell, text]`. */
  shell: string[]
  /**
   * BuildKit's reading (src/dockerfile/buildkit.ts): the exec form only when the whole text is a JSON array
   * of strings (`["a",]` and `["a"] && b` are shell text); without it, dockerfile-ast's brackets decide.
   */
  json?: boolean
  /**
   * The here-documents BuildKit reads for the instruction, by name (none for CMD, ENTRYPOINT or a JSON form);
   * without it, dockerfile-ast's.
   */
  heredocs?: string[]
  /**
   * How many of dockerfile-ast's leading arguments are BuildKit's flags (and the `--` that ends them), words
   * dockerfile-ast keeps as arguments (it reads no flags on CMD or ENTRYPOINT): the command starts after them.
   */
  skip?: number
}

const EMPTY: InstructionScript = { form: 'shell', commands: [], errors: [], dataHeredocs: [] }

export function instructionScript(instruction: JSONInstruction, index: TextIndex, options: ScriptOptions): InstructionScript {
  const args = astArguments(instruction).slice(options.skip ?? 0)
  if (args.length === 0) return EMPTY
  if (options.skip) {
    // dockerfile-ast's brackets include the flags' words; BuildKit reads the JSON form from the first word after them.
    if (options.json) {
      const start = args[0].getRange().start
      const end = instruction.getRange().end
      const strings = scanJsonStrings(index.text, index.offsetAt(start.line, start.character), index.offsetAt(end.line, end.character), options.escape)
      if (strings) return { ...execForm(strings), argv: strings.map((s) => s.value) }
    }
  } else if (instruction.getOpeningBracket() && (options.json === true || (options.json === undefined && instruction.getClosingBracket() !== null))) {
    const closed = instruction.getClosingBracket() !== null
    // dockerfile-ast reads no array where a comment line sits inside the continued one; BuildKit drops the line.
    const strings = (closed ? jsonStrings(instruction, index) : undefined) ?? (options.json ? scannedStrings(instruction, index, options.escape) : undefined)
    if (strings) return { ...execForm(strings), argv: strings.map((s) => s.value) }
  }
  const read = options.heredocs
  const heredocs = read ? astHeredocs(instruction).filter((h) => read.includes(h.getName())) : astHeredocs(instruction)
  const markers = markersOf(heredocs, index)
  const joined = joinLines(index, args[0].getRange().start, lastLineOf(instruction, heredocs), options.escape, markers)
  if (!isPosixShell(options.shell)) return { ...EMPTY, text: joined.raw }
  return { ...shellForm(joined, index, markers, read), text: joined.raw }
}

/**
 * HEALTHCHECK CMD: the words after `CMD`, as shell text or (BuildKit's `json`) the exec form. dockerfile-ast
 * reads HEALTHCHECK as plain words, so the JSON strings are found in the text here.
 */
export function healthcheckScript(instruction: Instruction, index: TextIndex, options: ScriptOptions): InstructionScript {
  const args = astArguments(instruction)
  if (args.length < 2) return { ...EMPTY, text: '' }
  const first = args[1].getRange().start
  if (options.json) {
    const end = instruction.getRange().end
    const strings = scanJsonStrings(index.text, index.offsetAt(first.line, first.character), index.offsetAt(end.line, end.character), options.escape)
    if (strings) return { ...execForm(strings), argv: strings.map((s) => s.value) }
  }
  const joined = joinLines(index, first, instruction.getRange().end.line, options.escape, [])
  if (!isPosixShell(options.shell)) return { ...EMPTY, text: joined.raw }
  return { ...shellForm(joined, index, []), text: joined.raw }
}

/** SHELL names the shell later instructions run in; it runs nothing itself (no commands). */
export function shellInstructionScript(instruction: JSONInstruction, index: TextIndex, options: ScriptOptions): InstructionScript {
  const script = instructionScript(instruction, index, { ...options, shell: [] })
  return { form: script.form, commands: [], errors: [], dataHeredocs: [], text: script.text, argv: script.argv }
}

function scannedStrings(instruction: JSONInstruction, index: TextIndex, escape: string): JsonString[] | undefined {
  const open = instruction.getOpeningBracket()!.getRange().start
  const end = instruction.getRange().end
  return scanJsonStrings(index.text, index.offsetAt(open.line, open.character), index.offsetAt(end.line, end.character), escape)
}

/** The strings of a JSON array written from `start` (its `[`) to `end`, through line continuations and the comment lines in them. */
function scanJsonStrings(text: string, start: number, end: number, escape: string): JsonString[] | undefined {
  if (text[start] !== '[') return undefined
  const out: JsonString[] = []
  const blanks = (from: number): number => {
    let i = from
    for (;;) {
      if (i < end && text[i] === '\n' && /^[ \t]*#/.test(text.slice(i + 1, i + 4097))) {
        const next = text.indexOf('\n', i + 1)
        i = next < 0 ? end : next
      } else if (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++
      else if (i < end && text[i] === escape && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 64))) i++
      else return i
    }
  }
  let i = blanks(start + 1)
  if (text[i] === ']') return out
  while (i < end) {
    if (text[i] !== '"') return undefined
    let j = i + 1
    while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
    if (j >= end) return undefined
    const decoded = decodeJsonString(text, i, j + 1)
    if (!decoded) return undefined
    out.push(decoded)
    i = blanks(j + 1)
    if (text[i] === ']') return out
    if (text[i] !== ',') return undefined
    i = blanks(i + 1)
  }
  return undefined
}

/*
 * dockerfile-ast recomputes an instruction's arguments on every getArguments() and getHeredocs() call,
 * in time superlinear in the instruction's length (character-by-character string building, a Range per
 * argument): a RUN of 100,000 `&&` costs over half a second per call. These ask it once per instruction
 * and keep the answer; callers must not modify the arrays.
 */
const argumentsCache = new WeakMap<Instruction, readonly Argument[]>()
const heredocsCache = new WeakMap<Instruction, readonly Heredoc[]>()

/** `instruction.getArguments()`, computed once per instruction. */
export function astArguments(instruction: Instruction): readonly Argument[] {
  let args = argumentsCache.get(instruction)
  if (!args) {
    args = instruction.getArguments()
    argumentsCache.set(instruction, args)
  }
  return args
}

/** The instruction's here-documents, computed once; none unless an argument opens one (as dockerfile-ast decides). */
export function astHeredocs(instruction: Instruction): readonly Heredoc[] {
  let heredocs = heredocsCache.get(instruction)
  if (!heredocs) {
    const opensOne = 'getHeredocs' in instruction && astArguments(instruction).some((a) => a.getValue().startsWith('<<'))
    heredocs = opensOne ? (instruction as unknown as { getHeredocs(): Heredoc[] }).getHeredocs() : []
    heredocsCache.set(instruction, heredocs)
  }
  return heredocs
}

/** `["/bin/bash", "-o", "pipefail", "-c"]` and the default `/bin/sh -c` are POSIX shells; PowerShell and cmd are not. */
export function isPosixShell(shell: string[]): boolean {
  return shell.length > 0 && SHELLS.has(baseName(shell[0]).toLowerCase())
}

/** The last line of the instruction's own text: with here-documents, the line of the last marker. */
function lastLineOf(instruction: Instruction, heredocs: readonly Heredoc[]): number {
  // A loop, not Math.max(...): hostile input can hold more heredoc markers than a call takes arguments.
  let lastLine = heredocs.length ? 0 : instruction.getRange().end.line
  for (const heredoc of heredocs) lastLine = Math.max(lastLine, heredoc.getStartRange().end.line)
  return lastLine
}

interface Marker {
  heredoc: Heredoc
  start: number
  end: number
}

function markersOf(heredocs: readonly Heredoc[], index: TextIndex): Marker[] {
  return heredocs.map((h) => {
    const r = h.getStartRange()
    return { heredoc: h, start: index.offsetAt(r.start.line, r.start.character), end: index.offsetAt(r.end.line, r.end.character) }
  })
}

function shellForm(joined: JoinedLines, index: TextIndex, markers: Marker[], terminated?: string[]): InstructionScript {
  const { text, map } = joined
  const script = analyzeShell(text, (i) => map.toDoc(i))
  const result: InstructionScript = { form: 'shell', commands: [...script.commands], errors: [...script.errors], dataHeredocs: [] }
  for (const marker of markers) addHeredoc(result, marker, index, script.commands, terminated)
  result.commands.sort((a, b) => a.name.start - b.name.start)
  return result
}

/**
 * Joins the physical lines of an instruction as BuildKit does: an escape at the end of a line continues
 * it, and comment lines and blank lines inside a continuation are dropped. Here-document markers are
 * replaced by a same-length file redirect (`<<EOT` becomes `<hhhh`): tree-sitter-bash reads the bodies
 * of a marker placed before the command name as commands (tree-sitter-bash#305), and the bodies are
 * handled here instead.
 */
interface JoinedLines {
  /** Markers neutralised, for the shell parser. */
  text: string
  /** As BuildKit hands it to the shell. */
  raw: string
  map: SegmentMap
}

function joinLines(
  index: TextIndex,
  first: { line: number; character: number },
  lastLine: number,
  escape: string,
  markers: Array<{ start: number; end: number }>
): JoinedLines {
  const { line: firstLine, character: firstCharacter } = first
  const map = new SegmentMap()
  const pieces: string[] = []
  const raw: string[] = []
  for (let line = firstLine; line <= lastLine; line++) {
    const lineStart = index.lineStart(line + 1)
    const full = index.lineText(line + 1)
    const isFirst = line === firstLine
    if (!isFirst && (/^[ \t]*#/.test(full) || /^[ \t]*$/.test(full))) continue
    const from = isFirst ? firstCharacter : 0
    let body = full.slice(from)
    const escapeAt = trailingEscape(body, escape)
    if (escapeAt >= 0) body = body.slice(0, escapeAt)
    pieces.push(neutralizeMarkers(body, lineStart + from, markers))
    raw.push(body)
    map.add(lineStart + from, body.length)
    if (escapeAt < 0) break
  }
  // BuildKit trims the instruction's text (a continuation into the end of the file leaves a blank).
  return { text: pieces.join(''), raw: trimEnd(raw.join('')), map }
}

function trimEnd(text: string): string {
  let end = text.length
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\r' || text[end - 1] === '\v' || text[end - 1] === '\f')) end--
  return text.slice(0, end)
}

/** Index of the escape that continues the line (`\` then blanks at the end, not `\\`: BuildKit's rule), or -1. */
function trailingEscape(body: string, escape: string): number {
  let end = body.length
  while (end > 0 && (body[end - 1] === ' ' || body[end - 1] === '\t')) end--
  if (end === 0 || body[end - 1] !== escape) return -1
  return end > 1 && body[end - 2] === escape ? -1 : end - 1
}

function neutralizeMarkers(piece: string, pieceStart: number, markers: Array<{ start: number; end: number }>): string {
  const parts: string[] = []
  let copied = 0
  for (const marker of markers) {
    const from = marker.start - pieceStart
    const to = marker.end - pieceStart
    if (from < copied || to > piece.length) continue
    parts.push(piece.slice(copied, from), '<', 'h'.repeat(to - from - 1))
    copied = to
  }
  if (copied === 0) return piece
  parts.push(piece.slice(copied))
  return parts.join('')
}

/** A here-document is a script when nothing consumes it (`RUN <<EOF`) or a shell does; else it is data. */
function addHeredoc(
  result: InstructionScript,
  marker: { heredoc: Heredoc; start: number },
  index: TextIndex,
  commands: Command[],
  terminated?: string[]
): void {
  const content = marker.heredoc.getContentRange()
  // BuildKit ends the body at the terminator line even after a line ending in `\` (dockerfile-ast does not).
  if (marker.heredoc.getDelimiterRange() === null && !terminated?.includes(marker.heredoc.getName())) {
    result.errors.push({ offset: marker.start, message: `here-document "${marker.heredoc.getName()}" is never terminated` })
  }
  if (!content) return
  const start = index.offsetAt(content.start.line, content.start.character)
  const end = index.offsetAt(content.end.line, content.end.character)
  const owner = commands.find((c) => c.redirects.some((r) => r.operator === '<' && r.target.start === marker.start + 1))
  const body = index.text.slice(start, end)
  const runsAsShell = owner ? SHELLS.has(unwrap(owner).program) : !hasForeignShebang(body)
  if (!runsAsShell) {
    result.dataHeredocs.push({ name: marker.heredoc.getName(), start, end })
    return
  }
  const script = analyzeShell(body, (i) => start + i, owner ? 1 : 0)
  result.commands.push(...script.commands)
  result.errors.push(...script.errors)
}

function hasForeignShebang(body: string): boolean {
  const first = body.slice(0, body.indexOf('\n') < 0 ? body.length : body.indexOf('\n'))
  if (!first.startsWith('#!')) return false
  const words = first.slice(2).trim().split(/\s+/)
  const program = baseName(words[0] ?? '') === 'env' ? words[1] ?? '' : baseName(words[0] ?? '')
  return !SHELLS.has(program)
}

interface JsonString {
  /** Offsets of the string token, quotes included. */
  start: number
  end: number
  value: string
  /** Document offset of each character of `value`, and of its end. */
  map: number[]
}

/** The exec form's strings, decoded with a per-character map (dockerfile-ast's own decoding drops blanks). */
function jsonStrings(instruction: JSONInstruction, index: TextIndex): JsonString[] | undefined {
  const out: JsonString[] = []
  for (const string of instruction.getJSONStrings()) {
    const r = string.getRange()
    const start = index.offsetAt(r.start.line, r.start.character)
    const end = index.offsetAt(r.end.line, r.end.character)
    const decoded = decodeJsonString(index.text, start, end)
    if (!decoded) return undefined
    out.push(decoded)
  }
  return out
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

function decodeJsonString(text: string, start: number, end: number): JsonString | undefined {
  if (text[start] !== '"') return undefined
  let value = ''
  const map: number[] = []
  let i = start + 1
  const stop = text[end - 1] === '"' ? end - 1 : end
  while (i < stop) {
    const c = text[i]
    if (c === '\\') {
      const next = text[i + 1]
      if (next === 'u') {
        const code = Number.parseInt(text.slice(i + 2, i + 6), 16)
        if (Number.isNaN(code)) return undefined
        value += String.fromCharCode(code)
        map.push(i)
        i += 6
        continue
      }
      const escaped = JSON_ESCAPES[next]
      if (escaped === undefined) return undefined
      value += escaped
      map.push(i)
      i += 2
      continue
    }
    value += c
    map.push(i)
    i++
  }
  map.push(stop)
  return { start, end, value, map }
}

/** Exec form: the first string is the program. `["sh", "-c", "…"]` runs its script through the shell parser. */
function execForm(strings: JsonString[]): InstructionScript {
  if (strings.length === 0) return EMPTY
  const words: Word[] = strings.map((s) => ({
    value: s.value,
    start: s.start,
    end: s.end,
    dynamic: false,
    at: (i: number) => s.map[Math.max(0, Math.min(i, s.map.length - 1))]
  }))
  const command: Command = {
    name: words[0],
    program: baseName(words[0].value),
    args: words.slice(1),
    assignments: [],
    redirects: [],
    start: words[0].start,
    end: words[words.length - 1].end,
    depth: 0
  }
  const result: InstructionScript = { form: 'exec', commands: [command], errors: [], dataHeredocs: [] }
  const runner = unwrap(command)
  if (!SHELLS.has(runner.program)) return result
  const flagIndex = runner.args.findIndex((a) => /^-[abd-zA-Z]*c[a-zA-Z]*$/.test(a.value))
  const scriptWord = flagIndex >= 0 ? runner.args[flagIndex + 1] : undefined
  if (!scriptWord) return result
  const script = analyzeShell(scriptWord.value, scriptWord.at, 1)
  result.commands.push(...script.commands)
  result.errors.push(...script.errors)
  return result
}
