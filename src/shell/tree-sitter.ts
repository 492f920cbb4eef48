import { readFileSync } from 'node:fs'
import { THREAD_WASM_MEMORY, parseInWorker } from './isolated-parse.js'
import { grammarWasm, runtimeWasm } from './runtime-files.js'
import wts from './web-tree-sitter.cjs'

type TsParser = InstanceType<typeof wts.Parser>
type TsNode = NonNullable<ReturnType<NonNullable<ReturnType<TsParser['parse']>>['rootNode']['child']>>

let parser: TsParser | undefined
let loading: Promise<void> | undefined

/** Loads the WebAssembly runtime and the bash grammar once. Every parse needs it to have finished. */
export function initShellParser(): Promise<void> {
  loading ??= (async () => {
    const runtime = runtimeWasm()
    await wts.Parser.init({ locateFile: () => runtime })
    const bash = await wts.Language.load(readFileSync(grammarWasm()))
    const created = new wts.Parser()
    created.setLanguage(bash)
    parser = created
  })()
  return loading
}

/** A command as the parser saw it; offsets are indices into the parsed text. */
export interface RawCommand {
  /** Offsets of the whole command node. */
  start: number
  end: number
  nameStart: number
  nameEnd: number
  args: Array<[number, number]>
  /** Prefix assignments `A=1 cmd`. */
  assignments: Array<[number, number]>
  /** `<word` / `<<<word` / `>word` redirects attached to the command. */
  redirects: Array<{ operator: string; start: number; end: number }>
  /** Index into `pipelines`, when the command is a stage of a pipeline of two or more. */
  pipeline?: number
  /** Index of the command whose argument holds the `$(…)`/`<(…)`/backticks this command runs in. */
  enclosing?: number
  substitution?: 'command' | 'process'
}

export interface RawPipeline {
  start: number
  end: number
  /** Command indices, left to right. */
  commands: number[]
  /** `a | b || fallback`: the pipeline's failure is handled on purpose. */
  orFallback: boolean
}

export interface RawParse {
  commands: RawCommand[]
  pipelines: RawPipeline[]
  hasError: boolean
  /** Offset of the first syntax error, when there is one. */
  errorOffset?: number
  /** Set when the text was not parsed (too costly): why. */
  givenUp?: string
}

const COMMAND_TYPES = new Set(['command', 'declaration_command', 'unset_command'])
const SUBSTITUTIONS: Record<string, 'command' | 'process'> = {
  command_substitution: 'command',
  process_substitution: 'process'
}
/** Deeper nesting of substitutions and subshells than this is not walked (hostile input). */
const MAX_NESTING = 64

/** What a node's subtree needs to know about its ancestors, computed once when the node is entered. */
interface Frame {
  node: TsNode
  commandIndex?: number
  pipelineIndex?: number
  /** The nearest command at or above this node. */
  ownerCommand?: number
  /** Set when this node is a stage of a pipeline (directly, or through a redirect or `!`). */
  stageOf?: number
  /** On a `list` that is a pipeline stage: its first child has been entered (see `stageFrom`). */
  sawFirstChild?: boolean
  /** The command that the redirects of an enclosing `redirected_statement` belong to (see `redirectTargetOf`). */
  redirectTarget?: RedirectTarget
  substitution?: { kind: 'command' | 'process'; enclosing?: number }
  nesting: number
}

interface RedirectTarget {
  statement: TsNode
  /** Start of the command node the redirects apply to. */
  start: number
  /** Its index in `commands`, once entered: it owns the substitutions written in the redirects. */
  commandIndex?: number
}

/** Frames below these node types see the redirects of an enclosing `redirected_statement`. */
const REDIRECT_CARRIERS = new Set(['redirected_statement', 'list', 'pipeline', 'negated_command'])

/**
 * Parses shell text and lists every simple command (also those inside substitutions, subshells,
 * functions and control flow), pipelines, and errors. The tree is walked with a cursor and every node
 * gets its context from its parent's frame in O(1): `node.parent` costs O(depth) in tree-sitter, and
 * searching the ancestors made deep inputs quadratic.
 */
export function parseRaw(text: string): RawParse {
  const cached = parsedTexts.get(text)
  if (cached) return cached
  const { parsed, cacheable } = parseWithinBudget(text)
  if (!cacheable) return parsed
  parsedTexts.set(text, parsed)
  parsedLength += text.length
  // Oldest first (a Map keeps insertion order): the cache stays within its bounds whatever is scanned.
  for (const [key] of parsedTexts) {
    if (parsedTexts.size <= MAX_CACHED_PARSES && parsedLength <= MAX_CACHED_LENGTH) break
    parsedTexts.delete(key)
    parsedLength -= key.length
  }
  return parsed
}

/*
 * Identical RUN bodies are common across a repository's Dockerfiles (`apt-get update && apt-get install
 * -y …`, `npm ci`, `pip install -r requirements.txt`): the parse of a text is kept and reused. A RawParse
 * holds offsets into its text only, so it serves every occurrence; callers must not modify it.
 */
const MAX_CACHED_PARSES = 4096
const MAX_CACHED_LENGTH = 4 * 1024 * 1024
const parsedTexts = new Map<string, RawParse>()
let parsedLength = 0

/** Forgets every kept parse: for measurements of what parsing costs (a kept parse costs nothing). */
export function forgetShellParses(): void {
  parsedTexts.clear()
  parsedLength = 0
}

/*
 * Hostile shell text. tree-sitter-bash's error recovery is superlinear in time and memory on some texts
 * (`a)a)…`, `a@a@…`, a long pipeline that ends in `|`): 8 KiB of `a)` take 1.3 s; 16 KiB of `a|` 1.5 s and
 * 820 MB of WebAssembly memory; 60 KB of it exhaust the module's 2 GiB and abort it, after which no text
 * can be parsed in the process. Three bounds, none of which a real script comes near (the longest RUN of
 * the real-world corpus is 2.6 KB and parses in about a millisecond; 56 KB of 7,000 commands in 90 ms):
 * - a parse is given up after PARSE_DEADLINE_MS (tree-sitter's progress callback) and the parser reset;
 * - a text longer than IN_PROCESS_LENGTH is parsed first in a worker thread that is terminated at the
 *   deadline: in one phase (recovering at the end of a long pipeline) tree-sitter does not call back, and
 *   that phase grows with the text; a thread of its own can be stopped inside it and takes its memory
 *   along. Up to IN_PROCESS_LENGTH that phase stays under 0.2 s and 90 MB;
 * - the texts of one file share FILE_PARSE_BUDGET_MS, and those of one scan SCAN_PARSE_BUDGET_MS
 *   (`withShellParseBudget`, around each file and each scan in the engine): a repository of many hostile
 *   files costs at most that much parsing.
 * A text given up is reported (DF023 on its instruction), never passed as clean.
 */
export const PARSE_DEADLINE_MS = 400
export const IN_PROCESS_LENGTH = 4096
export const FILE_PARSE_BUDGET_MS = 750
export const SCAN_PARSE_BUDGET_MS = 60_000

type BudgetScope = 'file' | 'scan'
export interface ShellParseBudget {
  scope: BudgetScope
  total: number
  remaining: number
}

/** The budgets in force, outermost first: every parse is charged to each of them. */
const budgets: ShellParseBudget[] = []

export function shellParseBudget(scope: BudgetScope, budgetMs = scope === 'file' ? FILE_PARSE_BUDGET_MS : SCAN_PARSE_BUDGET_MS): ShellParseBudget {
  return { scope, total: budgetMs, remaining: budgetMs }
}

/**
 * Runs `analyse` (one file's analysis, or a whole scan's) with its shell texts sharing one parse budget. A scan
 * inside a scan (the scans that prove fixes) is part of it: it takes no budget of its own. Files nest: each is
 * charged to every file budget in force (`withinShellParseBudget`: the proofs of one file share one).
 */
export function withShellParseBudget<T>(scope: BudgetScope, analyse: () => T, budgetMs?: number): T {
  if (scope === 'scan' && budgets.some((b) => b.scope === 'scan')) return analyse()
  return withinShellParseBudget(shellParseBudget(scope, budgetMs), analyse)
}

export function withinShellParseBudget<T>(budget: ShellParseBudget, analyse: () => T): T {
  budgets.push(budget)
  try {
    return analyse()
  } finally {
    budgets.pop()
  }
}

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toLocaleString('en-US')} s` : `${ms} ms`
}

function givenUpParse(reason: string): RawParse {
  return { commands: [], pipelines: [], hasError: true, errorOffset: 0, givenUp: reason }
}

function parseWithinBudget(text: string): { parsed: RawParse; cacheable: boolean } {
  if (!parser) throw new Error('initShellParser() must complete before parsing shell text')
  const exhausted = budgets.find((b) => b.remaining <= 0)
  if (exhausted) {
    return { parsed: givenUpParse(`not parsed: this ${exhausted.scope}'s shell texts used up their ${duration(exhausted.total)}`), cacheable: false }
  }
  // A deadline cut short by a budget says nothing about the text itself: such a verdict is not kept.
  const deadline = Math.min(PARSE_DEADLINE_MS, ...budgets.map((b) => b.remaining))
  const cacheable = deadline === PARSE_DEADLINE_MS
  const tooCostly = givenUpParse(`too costly to parse (given up after ${Math.round(deadline)} ms)`)
  let spent = 0
  try {
    if (text.length > IN_PROCESS_LENGTH) {
      const probe = parseInWorker(text, deadline)
      spent += probe.spent
      if (probe.outcome === 'unavailable') return { parsed: givenUpParse(`not parsed: ${probe.reason}`), cacheable: false }
      if (probe.outcome === 'too-costly' && probe.memory) {
        return { parsed: givenUpParse(`too costly to parse (more than ${THREAD_WASM_MEMORY / 1024 / 1024} MiB of memory)`), cacheable: true }
      }
      if (probe.outcome !== 'parsed') return { parsed: tooCostly, cacheable }
    }
    const started = performance.now()
    const parsed = parseInProcess(parser, text, deadline)
    spent += performance.now() - started
    return { parsed: parsed ?? tooCostly, cacheable }
  } finally {
    for (const budget of budgets) budget.remaining -= spent
  }
}

function parseInProcess(parser: TsParser, text: string, deadlineMs: number): RawParse | undefined {
  const deadline = performance.now() + deadlineMs
  const tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline })
  if (!tree) {
    // A cancelled parse would be resumed by the next call: the next text starts afresh.
    parser.reset()
    return undefined
  }
  try {
    const result: RawParse = { commands: [], pipelines: [], hasError: tree.rootNode.hasError }
    const cursor = tree.rootNode.walk()
    const stack: Frame[] = []
    let descending = true
    for (;;) {
      if (!descending) stack.pop()
      else if (result.hasError || !isInert(cursor)) {
        const frame = enter(cursor.currentNode, stack.at(-1), result)
        stack.push(frame)
        if (frame.nesting <= MAX_NESTING && cursor.gotoFirstChild()) continue
        if (frame.nesting > MAX_NESTING) tooDeep(result, frame.node.startIndex)
        stack.pop()
      }
      if (cursor.gotoNextSibling()) {
        descending = true
        continue
      }
      if (!cursor.gotoParent()) break
      descending = false
    }
    cursor.delete()
    return result
  } finally {
    tree.delete()
  }
}

/** Named leaves that hold no command, and every anonymous token (`&&`, `|`, `;`, quotes). */
const INERT_TYPES = new Set([
  'word', 'raw_string', 'number', 'variable_name', 'string_content', 'comment', 'file_descriptor',
  'special_variable_name', 'ansi_c_string', 'regex', 'extglob_pattern', 'heredoc_start', 'heredoc_end', 'test_operator'
])

/**
 * Nodes the walk need not enter: reading the type from the cursor avoids marshalling a `Node` out of
 * WebAssembly for each of them (most of a tree). Only used when the tree has no error, where a MISSING
 * token must still be seen.
 */
function isInert(cursor: { nodeIsNamed: boolean; nodeType: string }): boolean {
  return !cursor.nodeIsNamed || INERT_TYPES.has(cursor.nodeType)
}

function tooDeep(result: RawParse, offset: number): void {
  result.hasError = true
  result.errorOffset ??= offset
}

function enter(node: TsNode, parent: Frame | undefined, result: RawParse): Frame {
  const type = node.type
  const frame: Frame = {
    node,
    ownerCommand: parent?.commandIndex ?? parent?.ownerCommand,
    nesting: (parent?.nesting ?? 0) + (type in SUBSTITUTIONS || type === 'subshell' ? 1 : 0)
  }
  if (parent) {
    const parentType = parent.node.type
    if (parentType in SUBSTITUTIONS) {
      frame.substitution = { kind: SUBSTITUTIONS[parentType], enclosing: parent.ownerCommand }
    } else {
      frame.substitution = parent.substitution
    }
    if (REDIRECT_CARRIERS.has(parentType)) frame.redirectTarget = parent.redirectTarget
    if (parentType === 'redirected_statement' && parent.redirectTarget?.commandIndex !== undefined) {
      frame.ownerCommand = parent.redirectTarget.commandIndex
    }
    frame.stageOf = stageFrom(parent)
    if (parent.node.type === 'list' && frame.stageOf !== undefined && isFollowedByOr(node)) {
      result.pipelines[frame.stageOf].orFallback = true
    }
  }
  // A tree without errors has no ERROR or MISSING node: skip `isMissing`, a call into WebAssembly per node.
  if (result.hasError && result.errorOffset === undefined && (type === 'ERROR' || node.isMissing)) {
    result.errorOffset = node.startIndex
  }
  if (type === 'redirected_statement') frame.redirectTarget = redirectTargetOf(node)
  if (type === 'pipeline') {
    enterPipeline(node, frame, result)
  } else if (COMMAND_TYPES.has(type)) {
    const command = rawCommand(node, frame)
    if (command) {
      frame.commandIndex = result.commands.length
      if (command.pipeline !== undefined) result.pipelines[command.pipeline].commands.push(frame.commandIndex)
      result.commands.push(command)
      if (frame.redirectTarget?.start === node.startIndex) frame.redirectTarget.commandIndex ??= frame.commandIndex
    }
  }
  return frame
}

/**
 * The pipeline a child of `parent` is a stage of. Besides direct children of a pipeline (and a stage
 * behind a redirect or `!`), tree-sitter-bash nests the tail of `a | b | c || d` as
 * `pipeline(a, list(pipeline(b, c), d))`: the first child of such a list continues the outer pipeline.
 */
function stageFrom(parent: Frame): number | undefined {
  const parentType = parent.node.type
  if (parentType === 'pipeline') return parent.pipelineIndex
  if (parentType === 'redirected_statement' || parentType === 'negated_command') return parent.stageOf
  if (parentType === 'list' && parent.stageOf !== undefined && !parent.sawFirstChild) {
    parent.sawFirstChild = true
    return parent.stageOf
  }
  return undefined
}

/**
 * The command a statement's redirects apply to. tree-sitter-bash attaches a trailing redirect to the
 * whole `a && sh < file` or `a | b > out`, but the shell applies it to the last simple command (`sh`,
 * `b`); a redirect of a compound command (`{ …; } > f`, a loop) belongs to no single command.
 */
function redirectTargetOf(statement: TsNode): RedirectTarget | undefined {
  let node = statement.childForFieldName('body')
  for (let guard = 0; node && guard < MAX_NESTING; guard++) {
    if (COMMAND_TYPES.has(node.type)) return { statement, start: node.startIndex }
    if (!REDIRECT_CARRIERS.has(node.type)) return undefined
    node = node.type === 'redirected_statement' ? node.childForFieldName('body') : node.lastNamedChild
  }
  return undefined
}

/** A pipeline that is itself a stage (`a | b 2>x | c`, the quirk above) is merged into the outer one. */
function enterPipeline(node: TsNode, frame: Frame, result: RawParse): void {
  if (frame.stageOf !== undefined) {
    frame.pipelineIndex = frame.stageOf
    return
  }
  frame.pipelineIndex = result.pipelines.length
  result.pipelines.push({ start: node.startIndex, end: node.endIndex, commands: [], orFallback: isFollowedByOr(node) })
}

function rawCommand(node: TsNode, frame: Frame): RawCommand | undefined {
  const name = node.type === 'command' ? node.childForFieldName('name') : node.child(0)
  if (!name) return undefined
  const args: Array<[number, number]> = []
  const assignments: Array<[number, number]> = []
  const redirects: RawCommand['redirects'] = []
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)
    if (!child || child.startIndex === name.startIndex) continue
    if (child.type === 'variable_assignment' && child.endIndex <= name.startIndex) {
      assignments.push([child.startIndex, child.endIndex])
    } else if (child.type.endsWith('_redirect')) {
      redirects.push(redirectOf(child))
    } else if (child.startIndex >= name.endIndex && child.isNamed) {
      args.push([child.startIndex, child.endIndex])
    }
  }
  const target = frame.redirectTarget
  if (target?.start === node.startIndex && target.commandIndex === undefined) {
    for (const redirect of target.statement.childrenForFieldName('redirect')) if (redirect) redirects.push(redirectOf(redirect))
  }
  return {
    start: node.startIndex,
    end: node.endIndex,
    nameStart: name.startIndex,
    nameEnd: name.endIndex,
    args,
    assignments,
    redirects,
    pipeline: frame.stageOf,
    enclosing: frame.substitution?.enclosing,
    substitution: frame.substitution?.kind
  }
}

function redirectOf(node: TsNode): RawCommand['redirects'][number] {
  if (node.type === 'heredoc_redirect') {
    const body = node.namedChildren.find((child) => child?.type === 'heredoc_body')
    return { operator: '<<', start: body?.startIndex ?? node.endIndex, end: body?.endIndex ?? node.endIndex }
  }
  const operator = node.children.find((child) => child && !child.isNamed)?.type ?? ''
  const target = node.namedChildren.at(-1) ?? node
  return { operator, start: target.startIndex, end: target.endIndex }
}

function isFollowedByOr(pipeline: TsNode): boolean {
  return pipeline.nextSibling?.type === '||'
}
