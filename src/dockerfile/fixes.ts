import type { FixDraft, FixSafety, OffsetEdit } from '../core/fix.js'
import { rangeOffsets } from '../core/fix.js'
import { unwrap, type Word } from '../shell/analyze.js'
import { parseArgs } from './command-line.js'
import type { DockerfileModel, Instruction, KeyValue, Stage } from './model.js'

/**
 * Fixes for Dockerfile findings, as edits on the file's text at positions the parsers gave (shell words,
 * dockerfile-ast ranges). A builder that cannot make its edit exactly (a word glued to others, a switch
 * written through a variable) offers no fix.
 */

const BLANK = /[ \t]/

/**
 * Removes a shell word with the blanks that separate it from its neighbour; a word alone on a continued
 * line (`  -k \`) goes with its line.
 */
export function removeWords(model: DockerfileModel, words: Word[], description: string, safety: FixSafety = 'safe'): FixDraft | undefined {
  const edits: OffsetEdit[] = []
  for (const word of words) {
    const edit = wordRemoval(model, word)
    if (!edit) return undefined
    edits.push(edit)
  }
  return edits.length > 0 ? { description, safety, edits } : undefined
}

function wordRemoval(model: DockerfileModel, word: Word): OffsetEdit | undefined {
  const text = model.index.text
  // An exec-form (JSON) argument: removing it needs its comma too; no fix.
  if (/[,[\]]/.test(neighbour(text, word.start, -1) + neighbour(text, word.end, 1))) return undefined
  const lineStart = text.lastIndexOf('\n', word.start - 1) + 1
  let lineEnd = text.indexOf('\n', word.end)
  if (lineEnd < 0) lineEnd = text.length
  const before = text.slice(lineStart, word.start)
  const after = text.slice(word.end, lineEnd).replace(/\r$/, '')
  // The word alone on a continued line: the whole line goes.
  if (before.trim() === '' && after.trim() === model.escape) return { start: lineStart, end: Math.min(lineEnd + 1, text.length), text: '' }
  let start = word.start
  while (start > lineStart && BLANK.test(text[start - 1])) start--
  if (start < word.start) return { start, end: word.end, text: '' }
  let end = word.end
  while (end < lineEnd && BLANK.test(text[end])) end++
  if (end > word.end) return { start: word.start, end, text: '' }
  return undefined
}

/** The first non-blank character before (`step` -1) or from (`step` 1) an offset. */
function neighbour(text: string, offset: number, step: -1 | 1): string {
  let at = step < 0 ? offset - 1 : offset
  while (at >= 0 && at < text.length && BLANK.test(text[at])) at += step
  return text[at] ?? ''
}

/** Removes one letter from a cluster of short options (`-fsSLk` → `-fsSL`). */
export function removeOptionLetter(word: Word, letter: string, description: string): FixDraft | undefined {
  if (word.dynamic || !/^-[A-Za-z0-9]+$/.test(word.value)) return undefined
  const at = word.value.indexOf(letter, 1)
  if (at < 1) return undefined
  return { description, safety: 'safe', edits: [{ start: word.at(at), end: word.at(at + 1), text: '' }] }
}

/**
 * Removes a variable from an `ENV` or `ARG` instruction: the `NAME=value` pair, or the whole instruction
 * when it sets nothing else.
 */
export function removeProperty(model: DockerfileModel, instruction: Instruction, property: KeyValue, description: string): FixDraft | undefined {
  if (instruction.onbuild) return undefined
  if (instruction.properties.length === 1) {
    const { start, end } = rangeOffsets(model.index, instruction.range)
    const text = model.index.text
    const lineStart = text.lastIndexOf('\n', start - 1) + 1
    if (text.slice(lineStart, start).trim() !== '') return undefined
    const lineEnd = text.indexOf('\n', end)
    return { description, safety: 'safe', edits: [{ start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' }] }
  }
  const from = rangeOffsets(model.index, property.nameRange).start
  const to = rangeOffsets(model.index, property.valueRange ?? property.nameRange).end
  const text = model.index.text
  let start = from
  while (start > 0 && BLANK.test(text[start - 1])) start--
  return { description, safety: 'safe', edits: [{ start, end: to, text: '' }] }
}

/**
 * A `USER` line for a stage that creates a user of its own but never switches to it. It goes after the
 * stage's last RUN or USER (so the build steps keep running as they did), or before its first
 * CMD/ENTRYPOINT when the stage has no RUN. A `review` fix: files the service writes may belong to root.
 */
export function addUserLine(model: DockerfileModel, stage: Stage, user: string): FixDraft | undefined {
  const own = stage.instructions.filter((instruction) => !instruction.onbuild)
  const lastBuildStep = [...own].reverse().find((instruction) => instruction.keyword === 'RUN' || instruction.keyword === 'USER')
  const before = lastBuildStep
    ? model.instructions[model.instructions.indexOf(lastBuildStep) + 1]
    : own.find((instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') ??
      model.instructions[model.instructions.indexOf(own[own.length - 1] ?? stage.from) + 1]
  const text = model.index.text
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const line = `USER ${user}`
  const fix = (at: number, inserted: string): FixDraft => ({ description: `Add \`${line}\``, safety: 'review', edits: [{ start: at, end: at, text: inserted }] })
  if (before) return fix(model.index.lineStart(firstLineOf(model, before)), `${line}${eol}`)
  return text.endsWith('\n') ? fix(text.length, `${line}${eol}`) : fix(text.length, `${eol}${line}${eol}`)
}

/** The first line of an instruction with the comment lines written right above it, which belong to it. */
function firstLineOf(model: DockerfileModel, instruction: Instruction): number {
  let line = instruction.range.line
  while (line > 1 && model.index.lineText(line - 1).trim().startsWith('#') && !isDirective(model, line - 1)) line--
  return line
}

/** `# syntax=…` and friends at the top of the file are parser directives, not comments about an instruction. */
function isDirective(model: DockerfileModel, line: number): boolean {
  return model.instructions.every((instruction) => instruction.range.line > line) && /^#\s*[a-z]+\s*=/i.test(model.index.lineText(line).trim())
}

const USERADD_VALUED = ['-b', '--base-dir', '-c', '--comment', '-d', '--home-dir', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid', '-G', '--groups', '-k', '--skel', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '-s', '--shell', '-u', '--uid', '-Z', '--selinux-user']
const ADDUSER_VALUED = ['--home', '--shell', '--uid', '--gid', '--ingroup', '--gecos', '--comment', '--firstuid', '--lastuid', '--conf', '--add-extra-groups', '-h', '-g', '-s', '-G', '-u', '-k']

/**
 * The last user a stage (or a stage it is built on) creates with `useradd`/`adduser`, when its name is
 * written literally: the user a `USER` line can switch to.
 */
export function createdUser(stage: Stage): string | undefined {
  for (let current: Stage | undefined = stage; current; current = current.parent) {
    let found: string | undefined
    for (const instruction of current.instructions) {
      for (const command of instruction.script?.commands ?? []) {
        const runner = unwrap(command)
        const name = userNameOf(runner.program, runner.args)
        if (name) found = name
      }
    }
    if (found) return found
  }
  return undefined
}

function userNameOf(program: string, args: Word[]): string | undefined {
  if (program !== 'useradd' && program !== 'adduser') return undefined
  const parsed = parseArgs(args, { valued: program === 'useradd' ? USERADD_VALUED : ADDUSER_VALUED })
  if (parsed.options.some((option) => option.name === '-u' || option.name === '--uid') && parsed.options.some((o) => o.value?.value === '0')) return undefined
  const operand = program === 'useradd' ? parsed.operands[parsed.operands.length - 1] : parsed.operands[0]
  if (!operand || operand.dynamic || !/^[a-z_][a-z0-9_.-]{0,31}\$?$/i.test(operand.value) || operand.value === 'root') return undefined
  return operand.value
}
