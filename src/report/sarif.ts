import type { Finding, Severity, Suppression } from '../core/finding.js'
import type { Fix, FixSafety } from '../core/fix.js'
import { PRINCIPLES, docsUrl, type RuleMeta } from '../core/rule.js'
import { encodePath, sarifText, showInvisible } from './escape.js'
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.js'
import { REPOSITORY_URL } from '../version.js'
import { trimEndOf } from '../core/text.js'

/**
 * SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and any other consumer: one run,
 * every rule of the catalog in tool.driver (so an alert always has its help), results with stable partial
 * fingerprints, and a stable automationDetails.id so that uploads of one category replace each other.
 * Pure: the CLI and the Action both call it.
 */

export interface SarifOptions {
  /** The tool's version (package.json). */
  version: string
  /** Distinguishes uploads from one repository (matrix legs, several configs); `automationDetails.id` is `<category>/`. */
  category?: string
  /** Where users learn about the tool. */
  informationUri?: string
  /** When findings were compared with a baseline: which ones are new. Others get `baselineState: unchanged`. */
  isNew?: (finding: Finding) => boolean
  /** Why the scan did not see every file: the run's invocation is then not successful, with that notification. */
  incomplete?: string
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const DEFAULT_INFORMATION_URI = REPOSITORY_URL

/** GitHub reads `security-severity` (0.0–10.0) to rank alerts as critical (≥9), high (≥7), medium (≥4), low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0'
}

export type SarifLevel = 'error' | 'warning' | 'note'

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note'
}

export function securitySeverity(severity: Severity): string {
  return SECURITY_SEVERITY[severity]
}

// The subset of the SARIF object model we write.
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: SarifRun[]
}

export interface SarifRun {
  tool: { driver: SarifDriver }
  automationDetails?: { id: string }
  columnKind: 'utf16CodeUnits'
  results: SarifResult[]
  invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: 'error'; message: { text: string } }> }>
}

export interface SarifDriver {
  name: string
  version: string
  semanticVersion: string
  informationUri: string
  rules: SarifRule[]
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  help: { text: string; markdown: string }
  helpUri: string
  defaultConfiguration: { level: SarifLevel }
  properties: { 'security-severity': string; tags: string[]; precision: string; 'problem.severity': string }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string }
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number; snippet?: { text: string } }
    }
  }[]
  partialFingerprints: Record<string, string>
  baselineState?: 'new' | 'unchanged'
  suppressions?: { kind: 'inSource' | 'external'; justification: string }[]
  fixes?: SarifFix[]
  properties: { severity: Severity; 'security-severity': string; fixSafety?: FixSafety }
}

/** SARIF 2.1.0 §3.55: a fix as replacements in one artifact (regions are 1-based, end column exclusive). */
export interface SarifFix {
  description: { text: string }
  artifactChanges: {
    artifactLocation: { uri: string; uriBaseId: string }
    replacements: { deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number }; insertedContent?: { text: string } }[]
  }[]
}

export function toSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions): SarifLog {
  const catalog = withRulesOf(findings, rules)
  const indexOf = new Map(catalog.map((rule, index) => [rule.id, index]))
  const ids = fingerprints(findings)
  const run: SarifRun = {
    tool: {
      driver: {
        name: 'Containment',
        version: options.version,
        semanticVersion: options.version,
        informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
        rules: catalog.map(sarifRule)
      }
    },
    columnKind: 'utf16CodeUnits',
    results: findings.map((finding) => sarifResult(finding, indexOf.get(finding.ruleId)!, ids.get(finding)!, options))
  }
  if (options.incomplete) {
    run.invocations = [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: `The scan is incomplete: ${sarifText(options.incomplete)}.` } }] }]
  }
  const category = options.category?.trim()
  if (category) run.automationDetails = { id: `${trimEndOf(category, '/')}/` }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }
}

/** The catalog, plus a minimal descriptor for any rule a finding names that the catalog lacks, so ruleIndex is valid. */
function withRulesOf(findings: readonly Finding[], rules: readonly RuleMeta[]): RuleMeta[] {
  const known = new Set(rules.map((rule) => rule.id))
  const extra = new Map<string, RuleMeta>()
  for (const finding of findings) {
    if (known.has(finding.ruleId) || extra.has(finding.ruleId)) continue
    extra.set(finding.ruleId, {
      id: finding.ruleId,
      slug: finding.ruleId.toLowerCase(),
      title: finding.ruleId,
      severity: finding.severity,
      principles: ['-'],
      rationale: sarifText(finding.message),
      fix: 'See the rule documentation.',
      equivalents: {}
    })
  }
  return [...rules, ...[...extra.values()].sort((a, b) => (a.id < b.id ? -1 : 1))]
}

function sarifRule(rule: RuleMeta): SarifRule {
  const principles = rule.principles.filter((p) => p !== '-')
  const principleText = rule.principles.map((p) => `${p}: ${PRINCIPLES[p]}`).join('; ')
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.title} (${rule.severity}). ${rule.rationale} Fix: ${rule.fix} Principle: ${principleText}. ${docsUrl(rule.id)}`,
      markdown: [
        `**${rule.id} ${rule.title}** (${rule.severity})`,
        '',
        rule.rationale,
        '',
        `**Fix:** ${rule.fix}`,
        '',
        `**Principle:** ${principleText}`,
        '',
        `[Documentation](${docsUrl(rule.id)})`
      ].join('\n')
    },
    helpUri: docsUrl(rule.id),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      'security-severity': securitySeverity(rule.severity),
      tags: ['security', 'containers', ...principles.map((p) => `principle/${p}`)],
      precision: 'high',
      'problem.severity': sarifLevel(rule.severity) === 'note' ? 'recommendation' : sarifLevel(rule.severity)
    }
  }
}

function sarifResult(finding: Finding, ruleIndex: number, fingerprint: string, options: SarifOptions): SarifResult {
  const region: SarifResult['locations'][number]['physicalLocation']['region'] = {
    startLine: Math.max(1, finding.line),
    startColumn: Math.max(1, finding.column),
    endLine: Math.max(finding.line, finding.endLine, 1),
    endColumn: Math.max(1, finding.endColumn)
  }
  if (finding.snippet) region.snippet = { text: finding.snippet }
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: sarifText(finding.message) },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(finding.file), uriBaseId: '%SRCROOT%' }, region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: { severity: finding.severity, 'security-severity': securitySeverity(finding.severity) }
  }
  if (options.isNew) result.baselineState = options.isNew(finding) ? 'new' : 'unchanged'
  if (finding.suppression) result.suppressions = [sarifSuppression(finding, finding.suppression)]
  if (finding.fix) {
    result.fixes = [sarifFix(finding.file, finding.fix)]
    result.properties.fixSafety = finding.fix.safety
  }
  return result
}

/**
 * A suppression written in the finding's own file (a `# containment-ignore` or hadolint comment) is `inSource`;
 * one kept elsewhere (the config file, `.hadolint.yaml`, `.trivyignore`) is `external`.
 */
function sarifSuppression(finding: Finding, suppression: Suppression): { kind: 'inSource' | 'external'; justification: string } {
  const where = suppression.file ? ` (${suppression.file}${suppression.line ? `:${suppression.line}` : ''})` : ''
  const inSource = suppression.kind === 'inline' || (suppression.kind === 'other-tool' && suppression.file === finding.file)
  return { kind: inSource ? 'inSource' : 'external', justification: showInvisible(`${suppression.reason}${where}`) }
}

function sarifFix(file: string, fix: Fix): SarifFix {
  return {
    description: { text: `${fix.description} (${fix.safety === 'safe' ? 'safe' : 'to review'})` },
    artifactChanges: [
      {
        artifactLocation: { uri: encodePath(file), uriBaseId: '%SRCROOT%' },
        replacements: fix.edits.map((edit) => ({
          deletedRegion: { startLine: edit.range.line, startColumn: edit.range.column, endLine: edit.range.endLine, endColumn: edit.range.endColumn },
          ...(edit.text === '' ? {} : { insertedContent: { text: edit.text } })
        }))
      }
    ]
  }
}
