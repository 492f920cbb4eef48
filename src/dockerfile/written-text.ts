import { lastAtOrBefore } from '../core/text.js'
import { unwrap, type Command, type Word } from '../shell/analyze.js'
import { parseArgs } from './command-line.js'
import type { DockerfileModel, Instruction } from './model.js'

/**
 * Text that a RUN writes into files: what `echo`/`printf` print into a redirect or a `tee`, what a
 * `sed` expression puts in, here-strings given to `tee`/`cat`, and data here-documents
 * (`cat <<EOF > /etc/yum.repos.d/x.repo`). Rules read it line by line as configuration: a
 * `gpgcheck=0` that lands in a repository file counts, the same words in a comment or on the
 * terminal do not.
 */
export interface WrittenText {
  text: string
  /** Document offset of `text[i]`. */
  at: (index: number) => number
  /** The command that writes it, when it is a command (not a here-document). */
  writer?: Command
  /** The file written, when the command line names it (`> /etc/yum.conf`, `tee -a ~/.curlrc`, `sed -i … f`). */
  destination?: string
}

export interface WrittenLine {
  text: string
  /** Document offset of `text[i]`. */
  at: (index: number) => number
}

const NOWHERE = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty'])
const OUTPUT_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>'])

export function writtenTexts(model: DockerfileModel, instruction: Instruction): WrittenText[] {
  const script = instruction.script
  if (!script) return []
  const out: WrittenText[] = []
  for (const command of script.commands) {
    const program = unwrap(command).program
    if ((program === 'echo' || program === 'printf') && destinationOf(command) !== undefined) out.push(...printed(command))
    else if (program === 'sed') out.push(...sedTexts(command))
    else if (program === 'tee' || program === 'cat') out.push(...hereStrings(command))
  }
  for (const heredoc of script.dataHeredocs) {
    const start = heredoc.start
    out.push({ text: model.index.text.slice(start, heredoc.end), at: (i) => start + i })
  }
  return out
}

/** The lines of a written text; a literal `\n` (echo -e, printf, sed) also breaks a line. */
export function writtenLines(written: WrittenText): WrittenLine[] {
  const lines: WrittenLine[] = []
  const text = written.text
  let from = 0
  for (let i = 0; i <= text.length; i++) {
    const literal = text[i] === '\\' && text[i + 1] === 'n'
    if (i < text.length && text[i] !== '\n' && !literal) continue
    const start = from
    lines.push({ text: text.slice(start, i), at: (k) => written.at(start + k) })
    from = literal ? i + 2 : i + 1
    if (literal) i++
  }
  return lines
}

/** The file a command's output goes to: a redirect, or a later `tee file` / `cat > file` of its pipeline. */
function destinationOf(command: Command): string | undefined {
  const own = fileRedirect(command)
  if (own !== undefined) return own
  const stages = command.pipeline?.commands ?? []
  for (const stage of stages.slice(stages.indexOf(command) + 1)) {
    const runner = unwrap(stage)
    if (runner.program === 'tee') {
      const file = parseArgs(runner.args, { valued: [] }).operands.find((w) => !NOWHERE.has(w.value))
      if (file) return file.value
    }
    if (runner.program === 'cat' && fileRedirect(stage) !== undefined) return fileRedirect(stage)
  }
  return undefined
}

function fileRedirect(command: Command): string | undefined {
  return command.redirects.find((r) => OUTPUT_REDIRECTS.has(r.operator) && !NOWHERE.has(r.target.value))?.target.value
}

/** `echo -e a b` prints `a b`: its words joined by blanks, options left out. */
function printed(command: Command): WrittenText[] {
  const runner = unwrap(command)
  let words = runner.args
  if (runner.program === 'echo') {
    const firstText = words.findIndex((w) => !/^-[neE]{1,3}$/.test(w.value))
    words = firstText < 0 ? [] : words.slice(firstText)
  }
  return words.length ? [{ ...joinWords(words, command), destination: destinationOf(command) }] : []
}

function joinWords(words: Word[], writer: Command): WrittenText {
  const starts: number[] = []
  let text = ''
  for (const word of words) {
    if (text) text += ' '
    starts.push(text.length)
    text += word.value
  }
  const at = (index: number): number => {
    // The last word starting at or before `index` (a binary search: commands can have many words).
    const k = lastAtOrBefore(starts, index)
    const word = words[k]
    return word.at(Math.min(index - starts[k], word.value.length))
  }
  return { text, at, writer }
}

/** Here-strings: `tee -a /etc/sudoers <<< 'app ALL=(ALL) NOPASSWD: ALL'`. */
function hereStrings(command: Command): WrittenText[] {
  return command.redirects
    .filter((r) => r.operator === '<<<')
    .map((r) => ({ text: r.target.value, at: r.target.at, writer: command, destination: hereStringDestination(command) }))
}

function hereStringDestination(command: Command): string | undefined {
  const runner = unwrap(command)
  if (runner.program === 'cat') return fileRedirect(command)
  return parseArgs(runner.args, { valued: [] }).operands.find((w) => !NOWHERE.has(w.value))?.value
}

/**
 * What a sed expression writes: the replacement of `s/…/…/`, the text of `a`, `i` and `c`. Only
 * in-place edits (`-i`) and edits whose output is redirected write files.
 */
function sedTexts(command: Command): WrittenText[] {
  const runner = unwrap(command)
  const parsed = parseArgs(runner.args, { valued: ['-e', '--expression', '-f', '--file', '-l', '--line-length'] })
  const inPlace = parsed.options.some((o) => o.name === '-i' || o.name === '--in-place')
  const destination = inPlace ? parsed.operands.at(-1)?.value : destinationOf(command)
  if (destination === undefined) return []
  const expressions = parsed.options.filter((o) => (o.name === '-e' || o.name === '--expression') && o.value).map((o) => o.value!)
  const files = [...parsed.operands]
  if (expressions.length === 0 && files.length > 0) expressions.push(files.shift()!)
  const out: WrittenText[] = []
  for (const expression of expressions) {
    for (const [from, to] of sedInsertions(expression.value)) {
      out.push({ text: expression.value.slice(from, to), at: (i) => expression.at(from + i), writer: command, destination })
    }
  }
  return out
}

/** Ranges of `[from, to)` in a sed script that are inserted text. Linear: one pass, no backtracking. */
export function sedInsertions(script: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let i = 0
  while (i < script.length) {
    i = skipAddress(script, i)
    const command = script[i]
    if (command === 's' && i + 1 < script.length) {
      const delimiter = script[i + 1]
      const patternEnd = delimited(script, i + 2, delimiter)
      const replacementEnd = delimited(script, patternEnd + 1, delimiter)
      out.push([patternEnd + 1, Math.min(replacementEnd, script.length)])
      i = nextCommand(script, replacementEnd + 1)
    } else if (command === 'a' || command === 'i' || command === 'c') {
      let from = i + 1
      if (script[from] === '\\') from++
      while (script[from] === ' ' || script[from] === '\t' || script[from] === '\n') from++
      const end = script.indexOf('\n', from)
      const to = end < 0 ? script.length : end
      out.push([from, to])
      i = to + 1
    } else {
      i = nextCommand(script, i + 1)
    }
  }
  return out
}

/** Skips blanks, `;`, braces, and an address (`/re/`, `\%re%`, `12`, `$`, ranges, `!`). */
function skipAddress(script: string, from: number): number {
  let i = from
  while (i < script.length && ' \t\n;{}'.includes(script[i])) i++
  for (let part = 0; part < 2; part++) {
    if (script[i] === '/') i = delimited(script, i + 1, '/') + 1
    else if (script[i] === '\\' && i + 1 < script.length) i = delimited(script, i + 2, script[i + 1]) + 1
    else while (i < script.length && /[0-9$~+]/.test(script[i])) i++
    if (script[i] !== ',') break
    i++
  }
  while (script[i] === '!' || script[i] === ' ') i++
  return i
}

/** Index of the next unescaped `delimiter` at or after `from` (or the end). */
function delimited(script: string, from: number, delimiter: string): number {
  let i = from
  while (i < script.length && script[i] !== delimiter) i += script[i] === '\\' ? 2 : 1
  return Math.min(i, script.length)
}

function nextCommand(script: string, from: number): number {
  let i = from
  while (i < script.length && script[i] !== ';' && script[i] !== '\n' && script[i] !== '}') i++
  return i + 1
}

/** A `key = value` (or `key: value`) line of an INI, YAML or rc file, with the key's document offsets. */
export interface Setting {
  key: string
  value: string
  /** Document offsets of the key. */
  start: number
  end: number
  /** Document offsets of the value. */
  valueStart: number
  valueEnd: number
}

const SETTING = /^([ \t]*)([A-Za-z0-9_.*-]{1,128})([ \t]*[=:][ \t]*["']?)([^\s"'#;]{0,128})/

/** The settings written: one per line that reads as `key = value`. */
export function settingsIn(written: WrittenText): Setting[] {
  const out: Setting[] = []
  for (const line of writtenLines(written)) {
    const match = SETTING.exec(line.text)
    if (!match) continue
    const from = match[1].length
    const keyEnd = from + match[2].length
    out.push({ key: match[2], value: match[4], start: line.at(from), end: line.at(keyEnd), valueStart: line.at(keyEnd + match[3].length), valueEnd: line.at(keyEnd + match[3].length + match[4].length) })
  }
  return out
}
