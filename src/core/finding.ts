/** Severity levels, most severe first. The order is the policy: `fail-on: high` fails on critical and high. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** True when `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold)
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)
}

/** 1-based positions; columns count UTF-16 code units, as GitHub annotations do. */
export interface Range {
  line: number
  column: number
  endLine: number
  endColumn: number
}

export interface Finding extends Range {
  ruleId: string
  severity: Severity
  /** Repository-relative path with `/` separators. */
  file: string
  message: string
  /** The offending text as written in the file: shown to reviewers and used by the baseline fingerprint. */
  snippet: string
}

/** Deterministic order: file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  )
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
