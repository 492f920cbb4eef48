import type { Range } from '../core/finding.js'
import type { DockerfileModel, Flag, Instruction } from './model.js'

/**
 * Arguments of the instructions that take paths (COPY, ADD, VOLUME, WORKDIR) as BuildKit reads them:
 * the strings of the JSON form, or whitespace-separated words with their quotes removed. The model's
 * `args` are raw words: they keep quotes and JSON punctuation, and include here-document bodies.
 */
export interface PathArgument {
  value: string
  range: Range
  /** Document offsets of the value as written (inside quotes). */
  start: number
  end: number
  /** A here-document marker (`<<EOF`): inline content, not a path. */
  heredoc: boolean
}

export function offsetOf(model: DockerfileModel, range: Pick<Range, 'line' | 'column'>): number {
  return model.index.offsetAt(range.line - 1, range.column - 1)
}

export function pathArguments(model: DockerfileModel, instruction: Instruction): PathArgument[] {
  const words = argumentWords(instruction)
  if (words.length === 0) return []
  const start = offsetOf(model, words[0].range)
  const end = offsetOf(model, { line: words[words.length - 1].range.endLine, column: words[words.length - 1].range.endColumn })
  if (model.index.text[start] === '[') {
    const json = jsonArguments(model, start, end)
    if (json) return json
  }
  return words.map((word) => shellWord(model, word.value, offsetOf(model, word.range)))
}

/** WORKDIR's path: the whole rest of the line (it may hold blanks), without quotes. */
export function joinedArgument(model: DockerfileModel, instruction: Instruction): PathArgument | undefined {
  const words = argumentWords(instruction)
  if (words.length === 0) return undefined
  const start = offsetOf(model, words[0].range)
  const last = words[words.length - 1].range
  const end = offsetOf(model, { line: last.endLine, column: last.endColumn })
  return shellWord(model, model.index.text.slice(start, end), start)
}

/** The source and destination arguments of COPY and ADD (the last argument is the destination). */
export function copyArguments(model: DockerfileModel, instruction: Instruction): { sources: PathArgument[]; destination?: PathArgument } {
  const args = pathArguments(model, instruction)
  if (args.length < 2) return { sources: [], destination: args[0] }
  return { sources: args.slice(0, -1), destination: args[args.length - 1] }
}

/** `COPY --from=…`: the sources come from a stage or an image, not from the build context. */
export function copiesFromElsewhere(instruction: Instruction): boolean {
  return instruction.flags.some((f) => f.name === 'from')
}

/** The words before any here-document body: dockerfile-ast lists body lines as arguments too. */
function argumentWords(instruction: Instruction): Instruction['args'] {
  if (instruction.heredocs.length === 0) return instruction.args
  const lastMarkerLine = Math.max(...instruction.heredocs.map((h) => h.range.line))
  return instruction.args.filter((a) => a.range.line <= lastMarkerLine)
}

function shellWord(model: DockerfileModel, raw: string, start: number): PathArgument {
  const quote = raw[0]
  const quoted = raw.length >= 2 && (quote === '"' || quote === "'") && raw[raw.length - 1] === quote
  const from = quoted ? start + 1 : start
  const to = start + raw.length - (quoted ? 1 : 0)
  return {
    value: quoted ? raw.slice(1, -1) : raw,
    range: model.index.range(from, to),
    start: from,
    end: to,
    heredoc: /^<<-?["']?[A-Za-z0-9_]/.test(raw)
  }
}

/** The JSON form's strings with their positions, or undefined when the text is not a JSON array of strings. */
function jsonArguments(model: DockerfileModel, start: number, end: number): PathArgument[] | undefined {
  const text = model.index.text
  const out: PathArgument[] = []
  let i = skipBlanks(model, start + 1, end)
  if (text[i] === ']') return skipBlanks(model, i + 1, end) >= end ? out : undefined
  while (i < end) {
    if (text[i] !== '"') return undefined
    let j = i + 1
    while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
    if (j >= end) return undefined
    let value: unknown
    try {
      value = JSON.parse(text.slice(i, j + 1))
    } catch {
      return undefined
    }
    out.push({ value: String(value), range: model.index.range(i + 1, j), start: i + 1, end: j, heredoc: false })
    i = skipBlanks(model, j + 1, end)
    if (text[i] === ']') return skipBlanks(model, i + 1, end) >= end ? out : undefined
    if (text[i] !== ',') return undefined
    i = skipBlanks(model, i + 1, end)
  }
  return undefined
}

/** Skips blanks and line continuations (the escape character, then blanks and a line break). */
function skipBlanks(model: DockerfileModel, from: number, end: number): number {
  const text = model.index.text
  let i = from
  while (i < end) {
    const c = text[i]
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++
    else if (c === model.escape && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 64))) i++
    else break
  }
  return i
}

/** `key=value` options of a flag such as `--mount=type=cache,from=builder,target=/x`, with value positions. */
export function flagOptions(model: DockerfileModel, flag: Flag): Array<{ key: string; value: string; range: Range }> {
  if (!flag.valueRange) return []
  const start = offsetOf(model, flag.valueRange)
  const end = offsetOf(model, { line: flag.valueRange.endLine, column: flag.valueRange.endColumn })
  const raw = model.index.text.slice(start, end)
  const out: Array<{ key: string; value: string; range: Range }> = []
  let offset = 0
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) {
      const valueStart = start + offset + eq + 1
      out.push({ key: part.slice(0, eq).trim().toLowerCase(), value: part.slice(eq + 1), range: model.index.range(valueStart, valueStart + part.length - eq - 1) })
    }
    offset += part.length + 1
  }
  return out
}
