import { initShellParser, shellParseBudget, withShellParseBudget, withinShellParseBudget, type ShellParseBudget } from '../shell/tree-sitter.js'
import { memoize, type AnalysisContext, type Analyzer, type FileKind, type SourceFile } from './analyzer.js'
import { defaultConfig, type Config } from './config.js'
import { decodeFile } from './decode.js'
import { sortFindings, type Finding } from './finding.js'
import { verifyFixes, withoutFix, type Rescan } from './fix-verify.js'
import { isExcluded } from './globs.js'
import { allRules, analyzers, ruleById } from './registry.js'
import { applySuppressions, type SuppressionDirective } from './suppress.js'
import { MemoryWorkspace, type Workspace } from './workspace.js'

/** A file handed to the engine: its repository-relative path and raw bytes (or already decoded text). */
export interface InputFile {
  path: string
  content: Uint8Array | string
  /** Set when the file was named explicitly: then its content decides its kind, whatever its name. */
  explicit?: boolean
  /**
   * The file's size in bytes, when `content` is not all of it: an adapter reads a file over
   * `limits.max-file-bytes` no further than the limit (src/core/read-file.ts) and hands over its size.
   */
  size?: number
  /**
   * Why the file was not read at all, when it was not: a symbolic link that leads out of the repository.
   * Reported (at low, as the kind's invalid-file rule), never read, never skipped in silence.
   */
  unread?: string
}

export interface ScanOptions {
  config?: Config
  /** The repository, for rules that read other files; defaults to the scanned files only. */
  workspace?: Workspace
  /** Told how many files are done, before each file and at the end: the CLI's progress line on long scans. */
  progress?: (done: number, total: number) => void
  /**
   * Keep the fixes rules offer, each proven by scanning the fixed file again (src/core/fix-verify.ts).
   * Off by default: proving costs a scan per fixed file, and most reports do not show fixes.
   */
  fixes?: boolean | 'unproven'
}

export interface ScannedFile {
  path: string
  kind: FileKind
}

export interface ScanResult {
  findings: Finding[]
  files: ScannedFile[]
}

/** Ready the parsers that load asynchronously (the shell grammar). Idempotent. */
export async function prepareEngine(): Promise<void> {
  await initShellParser()
}

export async function scan(inputs: InputFile[], options: ScanOptions = {}): Promise<ScanResult> {
  await prepareEngine()
  return scanPrepared(inputs, options)
}

/** The synchronous core of `scan`, once `prepareEngine()` has resolved. */
export function scanPrepared(inputs: InputFile[], options: ScanOptions = {}): ScanResult {
  const context = scanContext(inputs, options)
  // The scan's shell-parse budget covers the fixes' proofs too: each proof scans a file again.
  return withShellParseBudget('scan', () => finishScan(scanFiles(inputs, context, undefined, options.progress), context, options, inputs))
}

/** What the per-file phase found in one input: plain data, so that a worker thread can send it back. */
export interface FileResult {
  /** The input's index in the list handed to the scan: results are merged in that order. */
  index: number
  file: ScannedFile
  findings: Finding[]
  suppressions: SuppressionDirective[]
}

export function scanContext(inputs: InputFile[], options: ScanOptions = {}): AnalysisContext {
  return {
    config: options.config ?? defaultConfig(),
    workspace: options.workspace ?? workspaceOf(inputs),
    memo: new Map(),
    fixes: options.fixes === true || options.fixes === 'unproven'
  }
}

/**
 * The per-file phase: each input analysed on its own (files it reads around it come from the workspace).
 * `indices` numbers the inputs when they are a share of a larger scan.
 */
export function scanFiles(
  inputs: InputFile[],
  context: AnalysisContext,
  indices?: number[],
  progress?: ScanOptions['progress']
): FileResult[] {
  return withShellParseBudget('scan', () => scanEach(inputs, context, indices, progress))
}

function scanEach(inputs: InputFile[], context: AnalysisContext, indices: number[] | undefined, progress: ScanOptions['progress']): FileResult[] {
  const results: FileResult[] = []
  for (const [at, input] of inputs.entries()) {
    progress?.(at, inputs.length)
    // The adapters leave excluded files out when they choose files; a file named explicitly is scanned anyway.
    if (!input.explicit && isExcluded(input.path, context.config)) continue
    const scanned = withShellParseBudget('file', () => scanOne(input, context))
    if (!scanned) continue
    results.push({
      index: indices?.[at] ?? at,
      file: { path: input.path, kind: scanned.analyzer.kind },
      findings: scanned.findings,
      suppressions: scanned.suppressions ?? []
    })
  }
  progress?.(inputs.length, inputs.length)
  return results
}

/**
 * The whole-scan phase: suppressions across files, rule settings, sorting, fixes. `results` in input
 * order; `inputs` are needed only to prove fixes.
 */
export function finishScan(results: FileResult[], context: AnalysisContext, options: ScanOptions = {}, inputs: InputFile[] = []): ScanResult {
  const findings: Finding[] = []
  const suppressions: SuppressionDirective[] = []
  const files: ScannedFile[] = []
  for (const result of results) {
    files.push(result.file)
    findings.push(...result.findings)
    suppressions.push(...result.suppressions)
  }
  // Suppressions see every finding before rule settings, so a comment for a rule turned off is not "unused".
  const withSuppressions = applySuppressions(findings, suppressions, context.config, allRules)
  const sorted = sortFindings(applyRuleSettings(withSuppressions, context.config))
  if (!options.fixes) return { findings: sorted.map(withoutFix), files }
  if (options.fixes === 'unproven') return { findings: sorted, files }
  return { findings: verifyFixes(sorted, inputTexts(inputs), context.workspace, rescanWith(context.config, inputs)), files }
}

function inputTexts(inputs: InputFile[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const input of inputs) {
    const decoded = typeof input.content === 'string' ? { ok: true as const, text: input.content } : decodeFile(input.content)
    if (decoded.ok) out.set(input.path, stripBom(decoded.text))
  }
  return out
}

/**
 * Scans one file again, fixed, as it was scanned the first time (same config, the fixed text in the workspace).
 * The proofs of one file (up to MAX_PROOF_SCANS scans) share one file's shell-parse budget.
 */
function rescanWith(config: Config, inputs: InputFile[]): Rescan {
  const proofBudgets = new Map<string, ShellParseBudget>()
  return (path, text, workspace) => {
    const explicit = inputs.find((input) => input.path === path)?.explicit
    let budget = proofBudgets.get(path)
    if (!budget) proofBudgets.set(path, (budget = shellParseBudget('file')))
    return withinShellParseBudget(budget, () => scanPrepared([{ path, content: text, explicit }], { config, workspace }).findings.filter((f) => f.file === path))
  }
}

interface Scanned {
  analyzer: Analyzer
  findings: Finding[]
  suppressions?: SuppressionDirective[]
}

function scanOne(input: InputFile, context: AnalysisContext): Scanned | undefined {
  if (input.unread !== undefined) {
    const analyzer = analyzerFor(input, undefined)
    if (!analyzer) return undefined
    const finding = invalidFile(analyzer, input.path, 1, input.unread)
    return { analyzer, findings: [{ ...finding, severity: 'low', message: `This file ${input.unread}: Containment never reads outside the repository, so nothing in it was checked.` }] }
  }
  const limit = context.config.limits.maxFileBytes
  const size = sizeOf(input)
  if (size > limit) {
    // Not read (the adapters read no further than the limit): reported, never skipped in silence.
    const analyzer = analyzerFor(input, undefined)
    if (!analyzer) return undefined
    return { analyzer, findings: [invalidFile(analyzer, input.path, 1, tooLarge(size, limit))] }
  }
  const decoded = typeof input.content === 'string' ? { ok: true as const, text: input.content } : decodeFile(input.content)
  const text = decoded.ok ? stripBom(decoded.text) : undefined
  const analyzer = analyzerFor(input, text)
  if (!analyzer) return undefined
  if (!decoded.ok) {
    return { analyzer, findings: [invalidFile(analyzer, input.path, decoded.line, decoded.reason)] }
  }
  const file: SourceFile = { path: input.path, text: text ?? '' }
  try {
    return { analyzer, findings: analyzer.analyze(file, context), suppressions: suppressionsOf(analyzer, file, context) }
  } catch (error) {
    // A bug of ours must not become a silent pass for this file, nor stop the others.
    const reason = `internal error while analysing: ${error instanceof Error ? error.message : String(error)}`
    return { analyzer, findings: [invalidFile(analyzer, input.path, 1, reason)] }
  }
}

/** The input's size in bytes: the size the adapter saw, else its content's. */
function sizeOf(input: InputFile): number {
  if (input.size !== undefined) return input.size
  return typeof input.content === 'string' ? Buffer.byteLength(input.content, 'utf8') : input.content.byteLength
}

/** The reason an over-limit file is not analysed, with its size and the limit. */
export function tooLarge(size: number, limit: number): string {
  return `the file is ${size} bytes, larger than the limit of ${limit} bytes (limits.max-file-bytes)`
}

/** Picks the analyzer: by name; for files named explicitly, by content when the name says nothing. */
export function analyzerFor(input: { path: string; explicit?: boolean }, text: string | undefined): Analyzer | undefined {
  const byName = analyzers.find((a) => a.matchesName(input.path))
  if (byName) return byName
  if (!input.explicit) return undefined
  if (text === undefined) return analyzers.find((a) => a.kind === (/\.ya?ml$/i.test(input.path) ? 'compose' : 'dockerfile'))
  return analyzers.find((a) => a.sniff(text)) ?? analyzers.find((a) => a.kind === (/\.ya?ml$/i.test(input.path) ? 'compose' : 'dockerfile'))
}

function suppressionsOf(analyzer: Analyzer, file: SourceFile, context: AnalysisContext): SuppressionDirective[] {
  try {
    return analyzer.suppressions?.(file, context) ?? []
  } catch {
    // Comments we cannot place suppress nothing: every finding of the file still counts.
    return []
  }
}

function invalidFile(analyzer: Analyzer, path: string, line: number, reason: string): Finding {
  const rule = ruleById(analyzer.invalidRuleId)
  return {
    ruleId: analyzer.invalidRuleId,
    severity: rule?.severity ?? 'medium',
    file: path,
    line,
    column: 1,
    endLine: line,
    endColumn: 1,
    message: `This file cannot be analysed: ${reason}. Nothing in it was checked; fix the file or exclude it.`,
    snippet: ''
  }
}

function applyRuleSettings(findings: Finding[], config: Config): Finding[] {
  const out: Finding[] = []
  for (const finding of findings) {
    const setting = config.rules[finding.ruleId]
    if (setting === 'off') continue
    out.push(setting ? { ...finding, severity: setting } : finding)
  }
  return out
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function workspaceOf(inputs: InputFile[]): Workspace {
  const workspace = new MemoryWorkspace()
  for (const input of inputs) {
    workspace.set(input.path, typeof input.content === 'string' ? input.content : Buffer.from(input.content).toString('utf8'))
  }
  return workspace
}

export { memoize }
