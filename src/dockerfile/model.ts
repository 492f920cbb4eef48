import {
  DockerfileParser,
  type Arg,
  type Env,
  type Flag as AstFlag,
  type Heredoc,
  type Instruction as AstInstruction,
  type JSONInstruction,
  type Onbuild
} from 'dockerfile-ast'
import type { Range } from '../core/finding.js'
import type { Command, ShellError } from '../shell/analyze.js'
import { isWindowsImage } from './base-images.js'
import { parseImageName, substitute, type ImageName } from './image.js'
import { astArguments, astHeredocs, healthcheckScript, instructionScript, isPosixShell, shellInstructionScript, type InstructionScript } from './script.js'
import { blankOversizedInstructions, MAX_INSTRUCTION_LENGTH } from './guard.js'
import { TextIndex } from '../core/text.js'
import { withArgumentsMemo } from './ast-memo.js'
import { parserDirectives, type ParserDirectives } from './directives.js'
import { readAsBuildkit, unquote, type BuildkitNode, type BuildkitReading } from './buildkit.js'

/**
 * The Dockerfile model every DF rule reads: stages and what they inherit, instructions with exact
 * positions, ARG-resolved image references, and the shell commands of RUN, CMD and ENTRYPOINT.
 */
export interface DockerfileModel {
  path: string
  index: TextIndex
  /** The escape character in force: `directives.escape` (one source for both). */
  escape: string
  /** `# syntax=`, `# escape=`, `# check=` as BuildKit reads them. */
  directives: ParserDirectives
  /** ARGs declared before the first FROM, with their defaults (undefined: no default). */
  globalArgs: Map<string, string | undefined>
  stages: Stage[]
  /** Every instruction in file order (ONBUILD triggers appear as their ONBUILD instruction). */
  instructions: Instruction[]
  /** Instructions before the first FROM (global ARGs, and mistakes). */
  preamble: Instruction[]
  /** What makes the file partly or wholly impossible to understand (DF023). */
  problems: Problem[]
  /** Comment lines, for suppressions: 1-based line and text after `#`. */
  comments: Array<{ line: number; text: string }>
  /** What BuildKit's parser makes of the file (src/dockerfile/buildkit.ts). */
  buildkit: BuildkitReading
}

export interface Problem {
  range: Range
  message: string
  snippet: string
  /**
   * BuildKit builds this (a JSON form that runs as shell text, shell text the shell parser cannot read):
   * a finding about what can be reviewed, not a build error.
   */
  buildkitAccepts?: boolean
}

export interface Flag {
  /** As written (BuildKit's flag names are case-sensitive: `--FROM` is an unknown flag). */
  name: string
  /** BuildKit's value: quotes and escapes removed. */
  value: string | undefined
  range: Range
  valueRange?: Range
}

export interface Argument {
  value: string
  range: Range
}

export interface KeyValue {
  name: string
  value: string | undefined
  nameRange: Range
  valueRange?: Range
}

export interface Instruction {
  /** Upper case: `RUN`, `FROM`, … */
  keyword: string
  range: Range
  keywordRange: Range
  /** Words as dockerfile-ast splits them: raw (quotes and JSON punctuation kept). */
  args: Argument[]
  /**
   * The arguments as BuildKit's parser gives them (`node.Next`): JSON forms decoded, shell-form text whole,
   * ENV/LABEL as name, value, separator triples, nothing for an unknown instruction, the flags left out.
   */
  words: string[]
  flags: Flag[]
  /** The stage the instruction belongs to; undefined before the first FROM. */
  stage?: Stage
  /** RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: what they run. */
  script?: InstructionScript
  /** ENV, ARG, LABEL: their properties. */
  properties: KeyValue[]
  /** RUN: `SHELL [..., "-o", "pipefail", ...]` in force. */
  pipefail: boolean
  /** COPY/ADD/RUN heredocs as written. */
  heredocs: HeredocDocument[]
  /** Set for an instruction that is the trigger of an ONBUILD. */
  onbuild: boolean
  /** ONBUILD: the instruction it registers. */
  trigger?: Instruction
  /** The instruction's full text, continuation lines included. */
  text: string
  /** BuildKit's reading of this instruction, when BuildKit starts one on the same line. */
  buildkit?: BuildkitNode
}

/** A here-document as BuildKit reads it. */
export interface HeredocDocument {
  name: string
  /** The marker (`<<-EOF`). */
  range: Range
  /** The body, each line with its line break, before `<<-` strips leading tabs. */
  content: string
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  chomp: boolean
  /** No quote in the marker: variables in the body are expanded. */
  expand: boolean
}

export interface ImageReference {
  /** As written, e.g. `node:${NODE_VERSION}`. */
  text: string
  range: Range
  /** After ARG substitution; undefined when a variable has no known value. */
  resolved?: string
  kind: 'image' | 'stage' | 'scratch' | 'unresolved' | 'invalid'
  name?: ImageName
  stage?: Stage
}

export interface Stage {
  index: number
  /** The stage a file without FROM is read as (see implicitStage); never in `model.stages`. */
  implicit?: boolean
  /** The alias (`AS build`) as written; compare with `sameName`. */
  name?: string
  from: Instruction
  image: ImageReference
  platform?: string
  /** The stage this one is built on (`FROM build`). */
  parent?: Stage
  instructions: Instruction[]
  /** ARGs and ENVs known in this stage (ENV last wins), for substitution in flags. */
  variables: Map<string, string | undefined>
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

const KNOWN_KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'
])
const SCRIPTED = new Set(['RUN', 'CMD', 'ENTRYPOINT'])
const DEFAULT_SHELL = ['/bin/sh', '-c']
/** BuildKit's default shell on Windows images: shell-form text there is cmd, not POSIX shell. */
const WINDOWS_SHELL = ['cmd', '/S', '/C']

/**
 * Dockerfiles longer than this (once oversized instructions are blanked) are reported, not analysed:
 * analysis costs about 0.3 ms per instruction, and the largest real-world Dockerfile we know is 13 KB.
 */
export const MAX_ANALYSED_LENGTH = 128 * 1024

export function parseDockerfile(path: string, original: string): DockerfileModel {
  return withArgumentsMemo(() => buildModel(path, original))
}

/**
 * BuildKit splits lines at LF only (a CR before it is dropped), as git and GitHub count them; dockerfile-ast
 * also breaks lines at a lone CR, which would put instructions on lines the file does not have. A lone CR
 * becomes a blank of the same length, so offsets stay the file's and the instructions are BuildKit's.
 */
function withoutLoneCarriageReturns(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, ' ') : text
}

function buildModel(path: string, original: string): DockerfileModel {
  const guarded = blankOversizedInstructions(withoutLoneCarriageReturns(original))
  const tooLong = guarded.text.length > MAX_ANALYSED_LENGTH
  const { text, blanked } = tooLong ? { text: '', blanked: [] } : guarded
  const index = new TextIndex(text)
  const directives = parserDirectives(text)
  const ast = parseWithEscape(text, directives.escape)
  const buildkit = readAsBuildkit(text)
  const model: DockerfileModel = {
    path,
    index,
    escape: directives.escape,
    directives,
    buildkit,
    globalArgs: new Map(),
    stages: [],
    instructions: [],
    preamble: [],
    problems: [],
    comments: ast.getComments().map((c) => ({ line: c.getRange().start.line + 1, text: c.getContent() }))
  }
  const nodes = new Map(buildkit.nodes.map((n) => [n.start, n]))
  if (tooLong) {
    model.problems.push({
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      message: `the file has ${guarded.text.length} characters of instructions, more than the ${MAX_ANALYSED_LENGTH} analysed`,
      snippet: ''
    })
    return model
  }
  for (const { line, length } of blanked) {
    model.problems.push({
      range: { line, column: 1, endLine: line, endColumn: 1 },
      message: `an instruction of ${length} characters (over ${MAX_INSTRUCTION_LENGTH}) is too long to analyse`,
      snippet: ''
    })
  }
  const astInstructions = resynchronized(withoutInnerLines(ast.getInstructions(), buildkit), text, directives.escape, buildkit)
  // A file without FROM (a template, a snippet pasted into others) is DF023 once, and its instructions are
  // analysed as one implicit stage so that what they run is still reviewed.
  const snippet = astInstructions.length > 0 && !astInstructions.some((i) => i.getKeyword().toUpperCase() === 'FROM')
  let stage: Stage | undefined
  let shell = DEFAULT_SHELL
  // SHELL is part of the image: a stage built on another (`FROM build`) starts with its shell.
  const finalShells = new Map<Stage, string[]>()
  for (const astInstruction of astInstructions) {
    const instruction = toInstruction(astInstruction, index, model, false, nodes.get(astInstruction.getRange().start.line + 1))
    model.instructions.push(instruction)
    if (instruction.keyword === 'FROM') {
      stage = startStage(instruction, astInstruction, model)
      shell = (stage.parent && finalShells.get(stage.parent)) ?? (isWindowsStage(stage) ? WINDOWS_SHELL : DEFAULT_SHELL)
      finalShells.set(stage, shell)
      continue
    }
    if (!stage && snippet) {
      stage = implicitStage(instruction)
      problem(model, instruction, 'no FROM instruction: this is not a buildable Dockerfile (a template or snippet?); its instructions are analysed as if they followed an unknown base image')
    }
    if (!stage) {
      model.preamble.push(instruction)
      if (instruction.keyword === 'ARG') for (const p of instruction.properties) model.globalArgs.set(p.name, p.value)
      else if (KNOWN_KEYWORDS.has(instruction.keyword)) problem(model, instruction, `${instruction.keyword} before the first FROM`)
      continue
    }
    shell = addToStage(instruction, astInstruction, stage, shell, model, index)
    finalShells.set(stage, shell)
  }
  buildkitProblems(model)
  return model
}

/** Re-reading from a line costs a parse of the file; hostile input could ask for one per line. */
const MAX_RESYNCHRONIZATIONS = 16

/**
 * Where BuildKit starts an instruction that dockerfile-ast reads as the continuation of the one before
 * (`RUN echo a\\` ends its line for BuildKit: the escape is escaped), the file is read again by dockerfile-ast
 * from that line on, the lines before it blanked (same offsets), and its instructions from there are taken.
 */
function resynchronized(instructions: AstInstruction[], text: string, escape: string, reading: BuildkitReading): AstInstruction[] {
  let current = instructions
  for (let round = 0; round < MAX_RESYNCHRONIZATIONS; round++) {
    const starts = new Set(current.map((i) => i.getRange().start.line + 1))
    const missing = reading.nodes.find((n) => !starts.has(n.start))
    if (!missing) return current
    const blankedBefore = blankLinesBefore(text, missing.start)
    const after = withoutInnerLines(parseWithEscape(blankedBefore, escape).getInstructions(), reading).filter((i) => i.getRange().start.line + 1 >= missing.start)
    if (!after.some((i) => i.getRange().start.line + 1 === missing.start)) return current
    current = [...current.filter((i) => i.getRange().start.line + 1 < missing.start), ...after]
  }
  return current
}

/** The text with every line before `line` (1-based) blanked, except the comment lines that open the file (its directives). */
function blankLinesBefore(text: string, line: number): string {
  const lines = text.split('\n')
  let header = true
  for (let k = 0; k < line - 1 && k < lines.length; k++) {
    if (header && /^[ \t]*#/.test(lines[k])) continue
    header = false
    lines[k] = ' '.repeat(lines[k].length)
  }
  return lines.join('\n')
}

/**
 * What dockerfile-ast starts as an instruction on a line BuildKit reads as part of another (the body of a
 * here-document after a file descriptor, `3<<EOF`) is not one: its text is that instruction's.
 */
function withoutInnerLines(instructions: AstInstruction[], reading: BuildkitReading): AstInstruction[] {
  const inner = new Set<number>()
  for (const node of reading.nodes) for (let line = node.start + 1; line <= node.end; line++) inner.add(line)
  if (inner.size === 0) return instructions
  return instructions.filter((i) => !inner.has(i.getRange().start.line + 1))
}

/**
 * dockerfile-ast reads `# escape=` wherever a comment block opens the file; BuildKit stops reading directives
 * at the first comment that is not one (`# foo=bar`). The AST is then parsed from a copy whose ignored
 * escape directive is renamed (same length: offsets stay the file's), so both read the same escape.
 */
function parseWithEscape(text: string, escape: string): ReturnType<typeof DockerfileParser.parse> {
  const ast = DockerfileParser.parse(text)
  if (ast.getEscapeCharacter() === escape || escape !== '\\') return ast
  const directive = ast.getDirectives().find((d) => d.getName().toLowerCase() === 'escape')
  if (!directive) return ast
  const lineStart = text.split('\n', directive.getNameRange().start.line).join('\n').length + (directive.getNameRange().start.line > 0 ? 1 : 0)
  const at = lineStart + directive.getNameRange().start.character
  return DockerfileParser.parse(`${text.slice(0, at)}x${text.slice(at + 1)}`)
}

/**
 * Where BuildKit rejects the file: its parser's error, and each instruction `instructions.ParseInstruction`
 * rejects (unknown instructions and flags, argument counts, SHELL not in JSON form, …). A line the model
 * already reports as a build error is not reported twice.
 */
function buildkitProblems(model: DockerfileModel): void {
  const reported = new Set(model.problems.filter((p) => !p.buildkitAccepts).map((p) => p.range.line))
  const byLine = new Map(model.instructions.filter((i) => !i.onbuild).map((i) => [i.range.line, i]))
  const add = (line: number, message: string, range?: Range): void => {
    if (reported.has(line)) return
    reported.add(line)
    // What was reported there as built (a JSON form read as shell text) is this rejection.
    model.problems = model.problems.filter((p) => !(p.buildkitAccepts && p.range.line === line))
    const at = range ?? { line, column: 1, endLine: line, endColumn: 1 }
    model.problems.push({ range: at, message, snippet: model.index.lineText(at.line).trim() })
  }
  const parseError = model.buildkit.parseError
  if (parseError && parseError.message !== 'file with no instructions') {
    const instruction = byLine.get(parseError.line)
    add(parseError.line, `BuildKit cannot parse the file here: ${parseError.message}`, instruction?.keywordRange)
  }
  for (const node of model.buildkit.nodes) {
    if (!node.error) continue
    const instruction = byLine.get(node.start)
    add(node.start, `BuildKit rejects this instruction: ${node.error}`, instruction && errorRange(instruction, node.error))
  }
  model.problems.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column)
}

/** The flag a flag error names, else the keyword. */
function errorRange(instruction: Instruction, error: string): Range {
  const flag = /flag(?: specified)?: --([^\s=]+)$|flag --([^\s=]+),/.exec(error)
  const name = flag?.[1] ?? flag?.[2]
  return instruction.flags.find((f) => f.name === name)?.range ?? instruction.keywordRange
}

/** Adds an instruction to its stage and works out what it runs; returns the SHELL in force after it. */
function addToStage(instruction: Instruction, astInstruction: AstInstruction, stage: Stage, shell: string[], model: DockerfileModel, index: TextIndex): string[] {
  instruction.stage = stage
  stage.instructions.push(instruction)
  const inForce = instruction.keyword === 'SHELL' ? shellOf(astInstruction as JSONInstruction, index) ?? shell : shell
  if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') learnVariables(stage, instruction, model)
  withScript(instruction, astInstruction, index, model, inForce)
  if (instruction.keyword === 'ONBUILD') addTrigger(instruction, astInstruction as Onbuild, index, model, stage, inForce)
  return inForce
}

/**
 * The stage a file without FROM is read as. It is not in `model.stages`: nothing is known of its base
 * (user, health check, image), so the rules about a final stage or a base image make no claim about it.
 */
function implicitStage(first: Instruction): Stage {
  return {
    index: 0,
    implicit: true,
    from: first,
    image: { text: '', range: first.range, kind: 'unresolved' },
    instructions: [],
    variables: new Map()
  }
}

/** A stage whose base is a Windows image (or `--platform=windows/…`): its shell form is cmd. */
function isWindowsStage(stage: Stage): boolean {
  if (stage.platform?.toLowerCase().startsWith('windows')) return true
  return stage.image.kind === 'image' && stage.image.name !== undefined && isWindowsImage(stage.image.name)
}

function toInstruction(ast: AstInstruction, index: TextIndex, model: DockerfileModel, onbuild: boolean, node?: BuildkitNode): Instruction {
  const keyword = ast.getKeyword().toUpperCase()
  const astRange = withinFile(toRange(ast.getRange()), index)
  const range = throughNode(astRange, node, index)
  // dockerfile-ast continued it past BuildKit's end (an escaped escape at the end of a line): its words there are not its own.
  const clamped = node !== undefined && node.start > 0 && node.end < astRange.endLine
  const heredocs = astHeredocs(ast)
  const args = astArguments(ast)
    .map((a) => ({ value: a.getValue(), range: toRange(a.getRange()) }))
    .filter((a) => !clamped || a.range.line <= node.end)
  const astFlags = 'getFlags' in ast ? (ast as unknown as { getFlags(): AstFlag[] }).getFlags().map(toFlag) : []
  const instruction: Instruction = {
    keyword,
    range,
    keywordRange: toRange(ast.getInstructionRange()),
    args,
    words: node ? node.args : args.map((a) => a.value),
    flags: node ? buildkitFlags(node.flags, astFlags, index, range) : astFlags,
    properties: propertiesOf(ast, keyword, node, index, clamped),
    pipefail: false,
    heredocs: node && !onbuild ? buildkitHeredocs(node, heredocs, index, range) : heredocs.map((h) => heredocDocument(h, index)),
    onbuild,
    buildkit: node,
    text: index.text.slice(
      index.offsetAt(ast.getRange().start.line, ast.getRange().start.character),
      index.offsetAt(ast.getRange().end.line, ast.getRange().end.character)
    )
  }
  // Unknown instructions are BuildKit's to reject (buildkitProblems); an unknown ONBUILD trigger is built.
  // RUN reports its own through the shell layer; COPY and ADD here-documents are checked here.
  if (!SCRIPTED.has(keyword)) {
    for (const heredoc of heredocs) {
      // BuildKit read the instruction, so every here-document it opens was terminated (else Parse fails).
      if (heredoc.getDelimiterRange() === null && !node) {
        problem(model, instruction, `here-document "${heredoc.getName()}" is never terminated: the rest of the file becomes its content`, toRange(heredoc.getStartRange()))
      }
    }
  }
  return instruction
}

/**
 * The here-documents BuildKit reads (none for CMD or a JSON form; the body up to the terminator line), at
 * dockerfile-ast's marker when it has one of the same name, else at the `<<` in the instruction's text.
 */
function buildkitHeredocs(node: BuildkitNode, heredocs: readonly Heredoc[], index: TextIndex, range: Range): HeredocDocument[] {
  const used = new Set<Heredoc>()
  let cursor = index.offsetAt(range.line - 1, range.column - 1)
  return node.heredocs.map((h) => {
    const known = heredocs.find((a) => a.getName() === h.name && !used.has(a))
    let marker: Range
    if (known) {
      used.add(known)
      marker = toRange(known.getStartRange())
    } else {
      const at = index.text.indexOf('<<', cursor)
      marker = at < 0 ? range : index.range(at, at + 2)
      cursor = at < 0 ? cursor : at + 2
    }
    return { name: h.name, range: marker, content: h.content, chomp: h.chomp, expand: h.expand }
  })
}

function heredocDocument(heredoc: Heredoc, index: TextIndex): HeredocDocument {
  const start = heredoc.getStartRange()
  const marker = index.text.slice(index.offsetAt(start.start.line, start.start.character), index.offsetAt(start.end.line, start.end.character))
  const content = heredoc.getContentRange()
  const delimiter = heredoc.getDelimiterRange()
  const bodyStart = content ? index.offsetAt(content.start.line, content.start.character) : 0
  const bodyEnd = delimiter ? index.lineStart(delimiter.start.line + 1) : content ? index.offsetAt(content.end.line, content.end.character) : 0
  return {
    name: heredoc.getName(),
    range: toRange(start),
    content: content ? index.text.slice(bodyStart, bodyEnd) : '',
    chomp: /^\d*<<-/.test(marker),
    expand: !/['"]/.test(marker)
  }
}

function withScript(instruction: Instruction, ast: AstInstruction, index: TextIndex, model: DockerfileModel, shell: string[]): void {
  const json = ast as JSONInstruction
  if (SCRIPTED.has(instruction.keyword)) {
    const brokenJson = json.getOpeningBracket() !== null && looksLikeJsonArray(json, index) && !isJsonStringArray(json, index, model.escape)
    if (brokenJson) {
      const found = problem(model, instruction, `${instruction.keyword} looks like a JSON array but is not valid JSON (double quotes, commas, a closing bracket): it runs as a shell command instead`)
      found.buildkitAccepts = true
    }
    const node = instruction.onbuild ? undefined : instruction.buildkit
    const skip = flagWords(ast, instruction.buildkit)
    instruction.script = instructionScript(json, index, { escape: model.escape, shell, json: instruction.buildkit?.json, heredocs: node?.heredocs.map((h) => h.name), skip })
    instruction.pipefail = shell.includes('pipefail')
    // The shell's complaints about a broken JSON form repeat the finding above.
    if (!brokenJson) for (const error of instruction.script.errors) shellProblem(model, instruction, error)
  } else if (instruction.keyword === 'HEALTHCHECK' && instruction.args[0]?.value.toUpperCase() === 'CMD') {
    // The container runs it, in the image's shell: a command like any other.
    instruction.script = healthcheckScript(ast, index, { escape: model.escape, shell, json: instruction.buildkit?.json })
    for (const error of instruction.script.errors) shellProblem(model, instruction, error)
  } else if (instruction.keyword === 'SHELL') {
    instruction.script = shellInstructionScript(json, index, { escape: model.escape, shell, json: instruction.buildkit?.json, skip: flagWords(ast, instruction.buildkit) })
  }
}

/**
 * How many of dockerfile-ast's leading arguments BuildKit reads as flags: the `--` words dockerfile-ast did
 * not take as flags (it reads none on CMD or ENTRYPOINT), and the `--` that ends them.
 */
function flagWords(ast: AstInstruction, node: BuildkitNode | undefined): number {
  if (!node) return 0
  const astFlags = 'getFlags' in ast ? (ast as unknown as { getFlags(): AstFlag[] }).getFlags().length : 0
  const unseen = node.flags.length - astFlags
  const args = astArguments(ast)
  let skip = 0
  let seen = 0
  while (skip < args.length) {
    const value = args[skip].getValue()
    if (value === '--') return skip + 1
    if (!value.startsWith('--') || seen >= unseen) break
    seen++
    skip++
  }
  return skip
}

/**
 * `["a", …` or `['a']`: a quoted string then a comma or bracket. `RUN [ "$x" = 1 ] && …` is the test
 * command in shell form, not a JSON array gone wrong.
 */
function looksLikeJsonArray(ast: JSONInstruction, index: TextIndex): boolean {
  const open = ast.getOpeningBracket()!
  const start = index.offsetAt(open.getRange().start.line, open.getRange().start.character)
  return /^\[[ \t]*(?:"(?:[^"\\\n]|\\.){0,4096}"|'[^'\n]{0,4096}')[ \t]*(?:[,\]\r\n]|$)/.test(index.text.slice(start, start + 8200))
}

/**
 * BuildKit runs the exec form only when the text from the bracket on is a JSON array of strings; anything
 * else (single quotes, a trailing comma, no closing bracket) runs as shell-form text.
 */
function isJsonStringArray(ast: JSONInstruction, index: TextIndex, escape: string): boolean {
  const open = ast.getOpeningBracket()
  if (!open) return false
  const start = index.offsetAt(open.getRange().start.line, open.getRange().start.character)
  const end = index.offsetAt(ast.getRange().end.line, ast.getRange().end.character)
  const joined = joinContinuations(index.text.slice(start, end), escape)
  try {
    const value: unknown = JSON.parse(joined)
    return Array.isArray(value) && value.every((v) => typeof v === 'string')
  } catch {
    return false
  }
}

/** Drops line continuations (escape, blanks, line break) and comment lines inside them, as BuildKit does. */
function joinContinuations(text: string, escape: string): string {
  const lines = text.split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i]
    if (i > 0 && /^[ \t]*#/.test(line)) continue
    let end = line.length
    while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--
    out.push(end > 0 && line[end - 1] === escape ? line.slice(0, end - 1) : line)
  }
  return out.join('')
}

function addTrigger(onbuild: Instruction, ast: Onbuild, index: TextIndex, model: DockerfileModel, stage: Stage, shell: string[]): void {
  const trigger = ast.getTriggerInstruction()
  if (!trigger) return
  const instruction = toInstruction(trigger, index, model, true, onbuild.buildkit?.trigger)
  onbuild.trigger = instruction
  instruction.stage = stage
  withScript(instruction, trigger, index, model, shell)
  onbuild.script = instruction.script
}

function shellProblem(model: DockerfileModel, instruction: Instruction, error: ShellError): void {
  const at = model.index.positionAt(error.offset)
  model.problems.push({
    range: { line: at.line, column: at.column, endLine: at.line, endColumn: at.column },
    message: `${instruction.keyword} cannot be parsed as shell: ${error.message}`,
    snippet: model.index.lineText(at.line).trim(),
    // BuildKit hands the text to the shell as it is; only a here-document it cannot end stops the build.
    buildkitAccepts: !error.message.includes('is never terminated')
  })
}

function startStage(instruction: Instruction, ast: AstInstruction, model: DockerfileModel): Stage {
  const args = instruction.args
  const platform = instruction.flags.find((f) => f.name === 'platform')?.value
  const alias = args.length >= 3 && args[1].value.toUpperCase() === 'AS' ? args[2].value : undefined
  if (args.length === 0) problem(model, instruction, 'FROM names no image')
  else if (args.length !== 1 && args.length !== 3) problem(model, instruction, 'FROM takes an image and an optional "AS name"')
  const stage: Stage = {
    index: model.stages.length,
    name: alias,
    from: instruction,
    image: { text: args[0]?.value ?? '', range: args[0]?.range ?? instruction.range, kind: 'invalid' },
    platform: platform ?? undefined,
    instructions: [],
    variables: new Map(model.globalArgs)
  }
  instruction.stage = stage
  stage.image = resolveImage(args[0]?.value ?? '', args[0]?.range ?? instruction.range, model, (name) => model.globalArgs.get(name))
  stage.parent = stage.image.stage
  if (stage.parent) for (const [k, v] of stage.parent.variables) if (!stage.variables.has(k)) stage.variables.set(k, v)
  void ast
  model.stages.push(stage)
  return stage
}

/** Resolves an image reference in FROM, `COPY --from` or `RUN --mount=from=`: a stage, scratch, or an image. */
export function resolveImage(
  text: string,
  range: Range,
  model: DockerfileModel,
  lookup: (name: string) => string | undefined,
  beforeStage = model.stages.length
): ImageReference {
  const resolved = substitute(text, lookup)
  if (resolved === undefined) return { text, range, kind: 'unresolved' }
  if (resolved.toLowerCase() === 'scratch') return { text, range, resolved, kind: 'scratch' }
  const stage = model.stages.slice(0, beforeStage).reverse().find((s) => s.name !== undefined && sameName(s.name, resolved))
  if (stage) return { text, range, resolved, kind: 'stage', stage }
  if (/^\d+$/.test(resolved) && Number(resolved) < beforeStage) {
    return { text, range, resolved, kind: 'stage', stage: model.stages[Number(resolved)] }
  }
  const name = parseImageName(resolved)
  return name ? { text, range, resolved, kind: 'image', name } : { text, range, resolved, kind: 'invalid' }
}

/** Stage ARGs take the global default when they have none of their own (BuildKit's rule). */
function learnVariables(stage: Stage, instruction: Instruction, model: DockerfileModel): void {
  for (const p of instruction.properties) {
    if (instruction.keyword === 'ARG' && p.value === undefined) {
      stage.variables.set(p.name, model.globalArgs.get(p.name) ?? stage.variables.get(p.name))
    } else {
      const value = p.value === undefined ? undefined : substitute(p.value, (n) => stage.variables.get(n))
      stage.variables.set(p.name, value)
    }
  }
}

function shellOf(ast: JSONInstruction, index: TextIndex): string[] | undefined {
  if (!ast.getOpeningBracket() || !ast.getClosingBracket()) return undefined
  const strings = ast.getJSONStrings().map((s) => {
    const r = s.getRange()
    const raw = index.text.slice(index.offsetAt(r.start.line, r.start.character), index.offsetAt(r.end.line, r.end.character))
    try {
      return JSON.parse(raw) as string
    } catch {
      return s.getValue()
    }
  })
  return strings.length ? strings : undefined
}

/**
 * ENV, ARG and LABEL properties: the names BuildKit reads (`ARG a b=1` declares two; `ENV a b c` sets one),
 * with dockerfile-ast's positions and decoded values where it reads the same name.
 */
function propertiesOf(ast: AstInstruction, keyword: string, node: BuildkitNode | undefined, index: TextIndex, clamped = false): KeyValue[] {
  if (keyword !== 'ENV' && keyword !== 'ARG' && keyword !== 'LABEL') return []
  const properties: KeyValue[] = ((ast as Env | Arg).getProperties?.() ?? []).map((p) => ({
    name: p.getName(),
    value: p.getValue() ?? undefined,
    nameRange: toRange(p.getNameRange()),
    valueRange: p.getValueRange() ? toRange(p.getValueRange()!) : undefined
  }))
  if (!node || node.error) return properties
  const pairs = buildkitPairs(node, keyword)
  if (!clamped && pairs.length === properties.length && pairs.every((p, k) => p.name === properties[k].name)) return properties
  const used = new Set<KeyValue>()
  const start = index.offsetAt(ast.getRange().start.line, ast.getRange().start.character)
  const end = index.offsetAt(ast.getRange().end.line, ast.getRange().end.character)
  let cursor = index.offsetAt(ast.getInstructionRange().end.line, ast.getInstructionRange().end.character)
  return pairs.map((pair) => {
    const known = properties.find((p) => p.name === pair.name && !used.has(p))
    if (known) {
      used.add(known)
      cursor = index.offsetAt(known.nameRange.endLine - 1, known.nameRange.endColumn - 1)
      // dockerfile-ast read another split (`ARG a b=1` as a="b=1"): BuildKit's value stands.
      return known.value === pair.value ? known : { name: known.name, value: pair.value, nameRange: known.nameRange }
    }
    const at = index.text.indexOf(pair.name, cursor)
    const from = at >= 0 && at < end ? at : start
    cursor = from + pair.name.length
    return { name: pair.name, value: pair.value, nameRange: index.range(from, from + pair.name.length) }
  })
}

function buildkitPairs(node: BuildkitNode, keyword: string): Array<{ name: string; value: string | undefined }> {
  const words = node.args
  if (keyword === 'ARG') {
    return words.map((w) => (w.includes('=') ? { name: w.slice(0, w.indexOf('=')), value: unquote(w.slice(w.indexOf('=') + 1)) } : { name: w, value: undefined }))
  }
  const out: Array<{ name: string; value: string | undefined }> = []
  for (let k = 0; k + 1 < words.length; k += 3) out.push({ name: words[k], value: unquote(words[k + 1]) })
  return out
}

/**
 * BuildKit's flags with dockerfile-ast's positions: names as written, values with quotes and escapes
 * removed; a flag dockerfile-ast does not see (on MAINTAINER, after an escaped blank) is found in the text.
 */
function buildkitFlags(written: string[], astFlags: Flag[], index: TextIndex, range: Range): Flag[] {
  const used = new Set<Flag>()
  let cursor = index.offsetAt(range.line - 1, range.column - 1)
  return written.map((flag) => {
    const eq = flag.indexOf('=')
    const name = (eq < 0 ? flag : flag.slice(0, eq)).slice(2)
    const value = eq < 0 ? undefined : flag.slice(eq + 1)
    const known = astFlags.find((f) => f.name.toLowerCase() === name.toLowerCase() && !used.has(f))
    if (known) {
      used.add(known)
      cursor = index.offsetAt(known.range.endLine - 1, known.range.endColumn - 1)
      return { ...known, name, value }
    }
    const at = index.text.indexOf(`--${name}`, cursor)
    const from = at >= 0 ? at : cursor
    cursor = from + name.length + 2
    return { name, value, range: index.range(from, from + name.length + 2) }
  })
}


function toFlag(flag: AstFlag): Flag {
  const valueRange = flag.getValueRange()
  return {
    name: flag.getName(),
    value: flag.getValue() ?? undefined,
    range: toRange(flag.getRange()),
    valueRange: valueRange ? toRange(valueRange) : undefined
  }
}

/** An instruction ends where BuildKit ends it when that is later (a here-document dockerfile-ast does not see). */
function throughNode(range: Range, node: BuildkitNode | undefined, index: TextIndex): Range {
  if (!node || node.start === 0 || node.end === range.endLine) return range
  const lastLine = index.lineText(node.end)
  return { ...range, endLine: node.end, endColumn: lastLine.length + 1 }
}

/**
 * dockerfile-ast ends an instruction continued into the end of the file on the empty line after the last
 * line break, a line the file does not have (BuildKit counts lines as git does); it ends on the last one.
 */
function withinFile(range: Range, index: TextIndex): Range {
  const text = index.text
  if (!text.endsWith('\n') || range.endLine === range.line) return range
  const last = index.positionAt(text.length - 1)
  if (range.endLine <= last.line) return range
  return { ...range, endLine: last.line, endColumn: last.column }
}

/** dockerfile-ast ranges are 0-based; findings are 1-based. */
export function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1
  }
}

function problem(model: DockerfileModel, instruction: Instruction, message: string, range: Range = instruction.range): Problem {
  const found: Problem = { range, message, snippet: model.index.lineText(range.line).trim() }
  model.problems.push(found)
  return found
}

/** The user a stage runs as at its end: its last USER, else what it inherits. */
export interface EffectiveUser {
  /** `root` when nothing sets a user (and the base image is not known to be non-root). */
  user: string
  /** The USER instruction that set it, when one did. */
  instruction?: Instruction
  /** The stage whose USER or FROM decided it. */
  decidedBy: Stage
  /** True when the base image (not a USER) decided: a known non-root image, or root by default. */
  fromBaseImage: boolean
}

export function effectiveUser(stage: Stage, isNonRootImage: (image: ImageReference) => boolean): EffectiveUser {
  const seen = new Set<Stage>()
  for (let current: Stage | undefined = stage; current && !seen.has(current); current = current.parent) {
    seen.add(current)
    const users = current.instructions.filter((i) => i.keyword === 'USER' && !i.onbuild)
    const last = users[users.length - 1]
    if (last) {
      const resolved = substitute(last.args[0]?.value ?? '', (n) => current!.variables.get(n))
      return { user: resolved ?? last.args[0]?.value ?? '', instruction: last, decidedBy: current, fromBaseImage: false }
    }
    if (!current.parent) {
      return { user: isNonRootImage(current.image) ? 'non-root' : 'root', decidedBy: current, fromBaseImage: true }
    }
  }
  return { user: 'root', decidedBy: stage, fromBaseImage: true }
}

/** `root`, `0`, `root:*`, `0:*`. A variable that cannot be resolved is not assumed to be root. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim()
  return name === 'root' || name === '0'
}

/** All commands of the RUN instructions of a stage, or of the whole file. */
export function runCommands(model: DockerfileModel, stage?: Stage): Array<{ instruction: Instruction; command: Command }> {
  const out: Array<{ instruction: Instruction; command: Command }> = []
  for (const instruction of model.instructions) {
    if (stage && instruction.stage !== stage) continue
    const isRun = instruction.keyword === 'RUN' || (instruction.keyword === 'ONBUILD' && instruction.script !== undefined)
    if (!isRun || !instruction.script) continue
    for (const command of instruction.script.commands) out.push({ instruction, command })
  }
  return out
}

/** The stage a build ends with: the named target, else the last. */
export function targetStage(model: DockerfileModel, target?: string): Stage | undefined {
  if (target) return model.stages.find((s) => s.name !== undefined && sameName(s.name, target))
  return model.stages[model.stages.length - 1]
}

export { isPosixShell }
