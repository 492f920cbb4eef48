import { SEVERITIES, atLeast, compareFindings, severityRank, type Finding, type Severity } from '../core/finding.js'
import type { RuleMeta } from '../core/rule.js'

/**
 * What the PR comment and the job summary show: findings already sorted into new, existing and
 * suppressed, plus what was scanned and how to link to it. Built by the Action from plain data.
 */
export interface ReportModel {
  failOn: Severity | 'never'
  /** True when findings were compared with the base: `newFindings` are the ones the change introduced. */
  baseline: boolean
  /** Active findings the change introduced (every active finding without a baseline). */
  newFindings: Finding[]
  /** Active findings that were there before the change. */
  existingFindings: Finding[]
  /** Findings a suppression covers: shown with their reason, never counted. */
  suppressedFindings: Finding[]
  /** One phrase: what was scanned, e.g. "3 files changed by this pull request". */
  scope: string
  scannedFiles: string[]
  /** Things the reader should know (a fallback taken, a comment that could not be posted). Plain text. */
  notes: string[]
  /** Why not every file was scanned (limits.max-files, a listing cut short): the check does not pass. Plain text. */
  incomplete?: string
  /** The commit scanned. */
  headSha?: string
  links: ReportLinks
  rule: (id: string) => RuleMeta | undefined
}

export interface ReportLinks {
  /** The file at the scanned commit, at these lines. */
  file?: (path: string, line: number, endLine: number) => string
  commit?: string
  run?: string
}

/** New active findings at or above `fail-on`: the ones that fail the check. */
export function failingFindings(newFindings: readonly Finding[], failOn: Severity | 'never'): Finding[] {
  return failOn === 'never' ? [] : newFindings.filter((f) => atLeast(f.severity, failOn))
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const finding of findings) counts[finding.severity]++
  return counts
}

/** The most severe first, then by place. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || compareFindings(a, b))
}

export function maxSeverity(findings: readonly Finding[]): Severity | undefined {
  return bySeverity(findings)[0]?.severity
}

/** "1 finding", "3 findings". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
