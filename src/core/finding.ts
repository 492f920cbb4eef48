import type { Fix } from './fix.js'

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
  /** Set when a suppression (inline comment, config, another tool's ignore) covers the finding. */
  suppression?: Suppression
  /** A mechanical fix, when the rule can offer one (src/core/fix.ts). */
  fix?: Fix
}

export interface Suppression {
  /** `inline`: a `# containment-ignore` comment; `config`: the config file; `other-tool`: hadolint, Trivy, … */
  kind: 'inline' | 'config' | 'other-tool'
  /** The tool whose syntax suppressed it, for `other-tool` (`hadolint`, `trivy`, `checkov`, `kics`, `dclint`). */
  tool?: string
  /** The justification given, or a description of where the suppression comes from. */
  reason: string
  /** File and line of the suppression comment or config entry. */
  file?: string
  line?: number
}

/** Findings that count: not suppressed. */
export function isActive(finding: Finding): boolean {
  return finding.suppression === undefined
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
