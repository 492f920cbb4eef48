import type { ValidateFunction } from 'ajv'
import { loadAjv } from '../core/ajv.js'
import { SEVERITIES, type Finding, type Severity } from '../core/finding.js'
import { truncateText } from './escape.js'

/**
 * The report file of the fork-safe `workflow_run` recipe: the unprivileged half (`mode: report`, on
 * pull_request, read-only token) writes it and uploads it as an artifact; the privileged half
 * (`mode: publish`, on workflow_run) reads it and posts the comment and the check run. Whoever opened the
 * pull request controls the first half (a fork can rewrite that workflow), so the file is read as hostile
 * data: a size cap before parsing, a strict schema (no unknown key, every string bounded, paths relative
 * and printable, rule IDs of the catalog), and the renderers escape every string anyway. Pure.
 */

export const REPORT_FORMAT = 'containment-report'
export const REPORT_FORMAT_VERSION = 1
/** Larger than any honest report (20,000 findings of 1 KB); checked before JSON.parse sees the text. */
export const REPORT_MAX_BYTES = 16 * 1024 * 1024
export const REPORT_MAX_FINDINGS = 20_000

export interface ReportFile {
  format: typeof REPORT_FORMAT
  formatVersion: typeof REPORT_FORMAT_VERSION
  /** The Containment version that wrote it. */
  version: string
  /** What the first half says it scanned; the publisher checks it against the workflow_run event. */
  change?: { number?: number; headSha: string; baseSha: string }
  failOn: Severity | 'never'
  baseline: boolean
  scope: string
  scannedFiles: string[]
  notes: string[]
  /** Why the scan did not see every file (limits.max-files, a listing cut short): such a check does not pass. */
  incomplete?: string
  findings: { new: Finding[]; existing: Finding[]; suppressed: Finding[] }
}

export class ReportFileError extends Error {}

/** The report as JSON, its texts cut to the bounds the reader enforces (so an honest report always reads back). */
export function toReportFile(report: Omit<ReportFile, 'format' | 'formatVersion'>): string {
  const bounded = (f: Finding): Finding => ({
    ...f,
    message: truncateText(f.message, 4000),
    snippet: truncateText(f.snippet, 4000),
    ...(f.suppression ? { suppression: { ...f.suppression, reason: truncateText(f.suppression.reason, 2000) } } : {})
  })
  const { findings } = report
  return (
    JSON.stringify({
      format: REPORT_FORMAT,
      formatVersion: REPORT_FORMAT_VERSION,
      ...report,
      scope: truncateText(report.scope, 300),
      notes: report.notes.slice(0, 20).map((n) => truncateText(n, 1000)),
      ...(report.incomplete === undefined ? {} : { incomplete: truncateText(report.incomplete, 1000) }),
      findings: { new: findings.new.map(bounded), existing: findings.existing.map(bounded), suppressed: findings.suppressed.map(bounded) }
    }) + '\n'
  )
}

const SHA = { type: 'string', pattern: '^[0-9a-f]{40}$' }
/** Printable, relative, no `..` segment: a path a repository can hold. */
const PATH = { type: 'string', minLength: 1, maxLength: 1024, pattern: '^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\u0000-\\u001f\\u007f]+$' }
const COUNT = { type: 'integer', minimum: 0, maximum: 10_000_000 }
const POSITIVE = { type: 'integer', minimum: 1, maximum: 10_000_000 }
const TEXT = (max: number) => ({ type: 'string', maxLength: max })

const FINDING = {
  type: 'object',
  additionalProperties: false,
  required: ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'snippet'],
  properties: {
    ruleId: { type: 'string', pattern: '^[A-Z]{2}[0-9]{3}$' },
    severity: { enum: SEVERITIES },
    file: PATH,
    line: POSITIVE,
    column: COUNT,
    endLine: POSITIVE,
    endColumn: COUNT,
    message: TEXT(4000),
    snippet: TEXT(4000),
    suppression: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'reason'],
      properties: {
        kind: { enum: ['inline', 'config', 'other-tool'] },
        tool: { enum: ['hadolint', 'trivy', 'checkov', 'kics', 'dclint'] },
        reason: TEXT(2000),
        file: PATH,
        line: POSITIVE
      }
    }
  }
}

const FINDINGS = { type: 'array', maxItems: REPORT_MAX_FINDINGS, items: FINDING }

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'formatVersion', 'version', 'failOn', 'baseline', 'scope', 'scannedFiles', 'notes', 'findings'],
  properties: {
    format: { const: REPORT_FORMAT },
    formatVersion: { const: REPORT_FORMAT_VERSION },
    version: { type: 'string', pattern: '^[0-9A-Za-z.+-]{1,50}$' },
    change: {
      type: 'object',
      additionalProperties: false,
      required: ['headSha', 'baseSha'],
      properties: { number: POSITIVE, headSha: SHA, baseSha: SHA }
    },
    failOn: { enum: [...SEVERITIES, 'never'] },
    baseline: { type: 'boolean' },
    scope: TEXT(300),
    scannedFiles: { type: 'array', maxItems: 100_000, items: PATH },
    notes: { type: 'array', maxItems: 20, items: TEXT(1000) },
    incomplete: TEXT(1000),
    findings: {
      type: 'object',
      additionalProperties: false,
      required: ['new', 'existing', 'suppressed'],
      properties: { new: FINDINGS, existing: FINDINGS, suppressed: FINDINGS }
    }
  }
}

let validate: ValidateFunction<ReportFile> | undefined

/** Compiles the schema (80 ms of CPU: only the publishing half of the recipe reads a report). Idempotent. */
export async function prepareReportValidation(): Promise<void> {
  if (validate) return
  const Ajv = await loadAjv()
  validate ??= new Ajv({ allErrors: false, strict: true }).compile<ReportFile>(SCHEMA)
}

/**
 * The report, or a ReportFileError that says what is wrong (without echoing the content). `knownRule`
 * rejects rule IDs the catalog does not have, so a forged report cannot invent rules or titles.
 */
export function parseReportFile(bytes: Uint8Array, knownRule: (id: string) => boolean): ReportFile {
  if (bytes.byteLength > REPORT_MAX_BYTES) throw new ReportFileError(`the report is ${bytes.byteLength} bytes; at most ${REPORT_MAX_BYTES} are read`)
  let data: unknown
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ReportFileError('the report is not UTF-8 JSON')
  }
  if (!validate) throw new Error('prepareReportValidation() must complete before a report file is read')
  if (!validate(data)) {
    const error = validate.errors?.[0]
    throw new ReportFileError(`the report does not match the schema at ${error?.instancePath || '/'}: ${error?.message ?? 'invalid'}`)
  }
  const { findings } = data
  const total = findings.new.length + findings.existing.length + findings.suppressed.length
  if (total > REPORT_MAX_FINDINGS) throw new ReportFileError(`the report holds ${total} findings; at most ${REPORT_MAX_FINDINGS} are read`)
  for (const finding of [...findings.new, ...findings.existing, ...findings.suppressed]) {
    if (!knownRule(finding.ruleId)) throw new ReportFileError(`the report names a rule this version does not have: ${finding.ruleId}`)
    if (finding.endLine < finding.line) throw new ReportFileError('the report holds a finding that ends before it starts')
  }
  return data
}
