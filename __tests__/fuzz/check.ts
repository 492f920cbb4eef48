import { analyzerFor, scanPrepared, type InputFile, type ScanResult } from '../../src/core/engine.js'
import { sortFindings, type Finding } from '../../src/core/finding.js'

/**
 * The properties every fuzz input must have. The engine turns an exception inside an analyzer into an
 * "internal error" finding (so that one bad file does not stop a scan): for the fuzzer that finding is a
 * crash like any exception escaping `scan`.
 */
export type FailureKind = 'exception' | 'internal-error' | 'fix-exception' | 'not-analysed' | 'position' | 'unsorted' | 'nondeterministic' | 'slow'

export interface Failure {
  kind: FailureKind
  /** One line: what went wrong (the error message, the rule, the position). */
  detail: string
}

export interface CaseOutcome {
  failures: Failure[]
  /** CPU time (user + system) of the slower of the two scans, in ms. */
  cpuMs: number
  /** Wall time of the slower of the two scans, in ms. */
  wallMs: number
  findings: number
}

export interface CheckOptions {
  /** A scan taking more CPU time than this fails (the bound: 1 s). */
  limitMs: number
  /** Scan again with fixes proven (ScanOptions.fixes): the proof rescans every fixed file. */
  fixes: boolean
}

interface Timed {
  result?: ScanResult
  error?: unknown
  cpuMs: number
  wallMs: number
}

function timedScan(files: InputFile[], fixes: boolean): Timed {
  const cpu = process.cpuUsage()
  const started = performance.now()
  let result: ScanResult | undefined
  let error: unknown
  try {
    result = scanPrepared(files, { fixes })
  } catch (caught) {
    error = caught
  }
  const used = process.cpuUsage(cpu)
  return { result, error, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started }
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.split('\n')[0].slice(0, 300)
}

/** Scans the case twice (without, then with fixes) and checks both results. */
export function checkCase(files: InputFile[], options: CheckOptions): CaseOutcome {
  const failures: Failure[] = []
  const first = timedScan(files, false)
  const second = timedScan(files, options.fixes)
  const cpuMs = Math.max(first.cpuMs, second.cpuMs)
  const wallMs = Math.max(first.wallMs, second.wallMs)
  if (first.error !== undefined) failures.push({ kind: 'exception', detail: describeError(first.error) })
  if (second.error !== undefined) failures.push({ kind: options.fixes ? 'fix-exception' : 'exception', detail: describeError(second.error) })
  if (cpuMs > options.limitMs) failures.push({ kind: 'slow', detail: `${cpuMs.toFixed(0)} ms of CPU (limit ${options.limitMs} ms)` })
  if (first.result) failures.push(...resultFailures(files, first.result))
  if (first.result && second.result) {
    const a = JSON.stringify(first.result)
    const b = JSON.stringify({ ...second.result, findings: second.result.findings.map(withoutFix) })
    if (a !== b) failures.push({ kind: 'nondeterministic', detail: firstDifference(first.result.findings, second.result.findings.map(withoutFix)) })
  }
  return { failures, cpuMs, wallMs, findings: first.result?.findings.length ?? 0 }
}

function withoutFix(finding: Finding): Finding {
  const { fix: _fix, ...rest } = finding
  return rest
}

function resultFailures(files: InputFile[], result: ScanResult): Failure[] {
  const failures: Failure[] = []
  for (const finding of result.findings) {
    if (/internal error/i.test(finding.message)) failures.push({ kind: 'internal-error', detail: `${finding.ruleId} ${finding.message.slice(0, 300)}` })
  }
  const analysed = new Set(result.files.map((f) => f.path))
  for (const file of files) {
    if (analyzerFor(file, undefined) && !analysed.has(file.path)) failures.push({ kind: 'not-analysed', detail: file.path })
  }
  const lineCounts = new Map(files.map((f) => [f.path, lineCount(f.content)]))
  for (const finding of result.findings) {
    const problem = positionProblem(finding, lineCounts.get(finding.file))
    if (problem) {
      failures.push({ kind: 'position', detail: `${finding.ruleId} at ${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}: ${problem}` })
      break
    }
  }
  const sorted = JSON.stringify(sortFindings([...result.findings]))
  if (sorted !== JSON.stringify(result.findings)) failures.push({ kind: 'unsorted', detail: 'findings are not in sortFindings order' })
  return failures
}

/** Lines as the engine (src/core/text.ts) and git count them: LF ends a line. */
function lineCount(content: Uint8Array | string): number {
  let lines = 1
  if (typeof content === 'string') {
    for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) lines++
  } else {
    for (let i = content.indexOf(0x0a); i >= 0; i = content.indexOf(0x0a, i + 1)) lines++
  }
  return lines
}

function positionProblem(f: Finding, lines: number | undefined): string | undefined {
  if (lines === undefined) return 'in a file that was not scanned'
  const integers = [f.line, f.column, f.endLine, f.endColumn].every((n) => Number.isInteger(n) && n >= 1)
  if (!integers) return 'not 1-based integers'
  if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) return 'ends before it starts'
  if (f.endLine > lines) return `past the last line (${lines})`
  return undefined
}

function firstDifference(a: Finding[], b: Finding[]): string {
  if (a.length !== b.length) return `${a.length} findings, then ${b.length}`
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(a[i])
    const y = JSON.stringify(b[i])
    if (x !== y) return `finding ${i}: ${x.slice(0, 200)} then ${y.slice(0, 200)}`
  }
  return 'files differ'
}

/** Failures that name the same problem: the minimiser keeps an input only while it fails the same way. */
export function signature(failure: Failure): string {
  const detail = failure.detail.replace(/\d+/g, 'N')
  return failure.kind === 'slow' || failure.kind === 'position' || failure.kind === 'nondeterministic' ? `${failure.kind}:${detail.split(' ')[0]}` : `${failure.kind}:${detail}`
}
