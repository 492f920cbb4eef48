import { readFileSync } from 'node:fs'
import { parseDockerfile, type DockerfileModel, type Instruction } from '../../../src/dockerfile/model.js'

/** One row of table.json: a Dockerfile and what BuildKit's parser and instruction parser make of it. */
export interface ParityCase {
  id: string
  /** `buildkit`: taken from BuildKit's tests (`source` names the file and test); `own`: written from its parser code. */
  origin: 'buildkit' | 'own'
  source: string
  text: string
  buildkit: BuildkitResult
}

export interface BuildkitResult {
  escape?: string
  syntax?: string
  check?: string
  instructions: BuildkitInstruction[]
  /** The parser rejected the file (parser.Parse); then there are no instructions. */
  parseError?: { message: string; line: number }
  /** instructions.Parse rejected it: the first instruction error, or no build stage. */
  buildError?: { message: string; line: number }
  emptyContinuationWarnings?: number
}

export interface BuildkitInstruction {
  /** Lower case, as BuildKit's Dump prints it. */
  name: string
  start: number
  end: number
  /** As written after quote and escape removal: `--from=build`, `--link`. */
  flags: string[]
  /** node.Next values: for shell-form RUN/CMD/ENTRYPOINT the whole text, for JSON forms the strings. */
  args: string[]
  json?: boolean
  heredocs?: Array<{ name: string; expand: boolean; chomp: boolean; content: string; fd?: number }>
  trigger?: BuildkitInstruction
  /** What instructions.ParseInstruction says of it. */
  error?: string
}

export function parityCases(): ParityCase[] {
  const table = JSON.parse(readFileSync(new URL('./table.json', import.meta.url), 'utf8')) as { cases: ParityCase[] }
  return table.cases
}

/** The aspects compared, each a projection of one instruction that analysis depends on. */
export const ASPECTS = ['instructions', 'lines', 'flags', 'commandText', 'args', 'heredocs', 'escape', 'directives', 'errors'] as const
export type Aspect = (typeof ASPECTS)[number]

export type Projection = Record<Aspect, unknown>

const SCRIPTED = new Set(['run', 'cmd', 'entrypoint', 'shell'])

/** BuildKit's answer, projected. */
export function expectedProjection(result: BuildkitResult): Projection {
  const instructions = result.instructions
  return {
    instructions: instructions.map((i) => [i.name, i.trigger?.name]),
    lines: instructions.map((i) => [i.start, i.end]),
    flags: instructions.map((i) => [i.flags, i.trigger?.flags]),
    commandText: instructions.map((i) => [commandOf(i), i.trigger && commandOf(i.trigger)]),
    args: instructions.map((i) => [plainArgs(i), i.trigger && plainArgs(i.trigger)]),
    heredocs: instructions.map((i) => [heredocsOf(i), i.trigger && heredocsOf(i.trigger)]),
    escape: result.escape,
    directives: { syntax: result.syntax, check: result.check },
    errors: expectedErrorLines(result)
  }
}

function commandOf(i: BuildkitInstruction): unknown {
  if (i.name === 'healthcheck') {
    if (i.args[0]?.toUpperCase() !== 'CMD') return undefined
    return i.json ? { argv: i.args.slice(1) } : { text: i.args[1] ?? '' }
  }
  if (!SCRIPTED.has(i.name)) return undefined
  if (i.json) return { argv: i.args }
  return { text: i.args[0] ?? '' }
}

/** The arguments of instructions that are not commands; ENV/LABEL/ARG compare their names (values are quoted text at this stage). */
function plainArgs(i: BuildkitInstruction): unknown {
  if (SCRIPTED.has(i.name) || i.name === 'healthcheck' || i.name === 'onbuild') return undefined
  if (i.name === 'env' || i.name === 'label') return i.args.filter((_, k) => k % 3 === 0)
  if (i.name === 'arg') return i.args.map((a) => a.split('=')[0])
  return i.args
}

function heredocsOf(i: BuildkitInstruction): unknown {
  return (i.heredocs ?? []).map((h) => ({ name: h.name, expand: h.expand, chomp: h.chomp, content: h.content }))
}

/**
 * Lines where BuildKit stops: a parse error, the first instruction it rejects, or the first instruction
 * outside a stage. A file with no instructions (empty, comments only) is left out: nothing in it goes
 * unreviewed, and the product does not report it.
 */
function expectedErrorLines(result: BuildkitResult): number[] {
  const lines = new Set<number>()
  if (result.parseError && result.parseError.message !== 'file with no instructions') {
    const { message, line } = result.parseError
    // Directive errors carry the 0-based line that was being read; the others the 1-based instruction start.
    lines.add(/parser directive|escape token/.test(message) ? line + 1 : line)
  }
  for (const i of result.instructions) if (i.error) lines.add(i.start)
  const build = result.buildError
  if (build && !result.instructions.some((i) => i.error)) lines.add(build.line || result.instructions[0]?.start || 1)
  return [...lines].sort((a, b) => a - b)
}

/** The product's model, projected the same way. */
export function actualProjection(c: ParityCase): Projection {
  const model = parseDockerfile('Dockerfile', c.text)
  const top = topLevel(model)
  return {
    instructions: top.map(({ i, trigger }) => [i.keyword.toLowerCase(), trigger?.keyword.toLowerCase()]),
    lines: top.map(({ i }) => [i.range.line, i.range.endLine]),
    flags: top.map(({ i, trigger }) => [flagsOf(i), trigger && flagsOf(trigger)]),
    commandText: top.map(({ i, trigger }) => [modelCommand(i), trigger && modelCommand(trigger)]),
    args: top.map(({ i, trigger }) => [modelArgs(i), trigger && modelArgs(trigger)]),
    heredocs: top.map(({ i, trigger }) => [modelHeredocs(i), trigger && modelHeredocs(trigger)]),
    escape: model.escape,
    directives: { syntax: model.directives.syntax, check: model.directives.check },
    errors: actualErrorLines(model)
  }
}

/** Instructions in file order with their ONBUILD trigger (the model lists triggers as separate entries). */
function topLevel(model: DockerfileModel): Array<{ i: Instruction; trigger?: Instruction }> {
  return model.instructions.filter((i) => !i.onbuild).map((i) => ({ i, trigger: i.trigger }))
}

function flagsOf(i: Instruction): string[] {
  return i.flags.map((f) => (f.value === undefined ? `--${f.name}` : `--${f.name}=${f.value}`))
}

function modelCommand(i: Instruction): unknown {
  const keyword = i.keyword.toLowerCase()
  if (keyword === 'healthcheck') {
    if (i.args[0]?.value.toUpperCase() !== 'CMD') return undefined
  } else if (!SCRIPTED.has(keyword)) return undefined
  const script = i.script
  if (!script) return undefined
  return script.argv ? { argv: script.argv } : { text: script.text ?? '' }
}

function modelArgs(i: Instruction): unknown {
  const keyword = i.keyword.toLowerCase()
  if (SCRIPTED.has(keyword) || keyword === 'healthcheck' || keyword === 'onbuild') return undefined
  if (keyword === 'env' || keyword === 'label' || keyword === 'arg') return i.properties.map((p) => p.name)
  return i.words
}

function modelHeredocs(i: Instruction): unknown {
  return i.heredocs.map((h) => ({ name: h.name, expand: h.expand, chomp: h.chomp, content: h.content }))
}

function actualErrorLines(model: DockerfileModel): number[] {
  return [...new Set(model.problems.filter((p) => !p.buildkitAccepts).map((p) => p.range.line))].sort((a, b) => a - b)
}

/** Which aspects of a case disagree; a case BuildKit rejects outright is compared on its errors only. */
export function disagreements(c: ParityCase): Aspect[] {
  const expected = expectedProjection(c.buildkit)
  const actual = actualProjection(c)
  const aspects: readonly Aspect[] = c.buildkit.parseError ? ['errors'] : ASPECTS
  return aspects.filter((a) => JSON.stringify(expected[a]) !== JSON.stringify(actual[a]))
}
