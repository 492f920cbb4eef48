import { atLeast, SEVERITIES, type Finding, type Severity } from '../core/finding.js'
import { docsUrl } from '../core/rule.js'
import { escapeMarkdown, escapeUrl, markdownLink, utf8Length } from './escape.js'
import { bySeverity, countBySeverity, failingFindings, plural, type ReportModel } from './model.js'

/**
 * The report as Markdown, for the sticky PR comment and for the job summary: verdict, counts by severity,
 * the new findings, the existing and suppressed ones collapsed, and where it comes from. Everything taken
 * from scanned files is escaped (escape.ts). Rendering keeps to a byte budget: rows that do not fit are
 * left out and counted, with a pointer to where the full list is.
 */

/** GitHub rejects comment bodies over 65,536 characters; counting UTF-8 bytes keeps well inside. */
export const COMMENT_MAX_BYTES = 65_536 - 536
/** The runner drops a step summary over 1 MiB whole; leave room for anything else the step writes. */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 24 * 1024

export interface RenderOptions {
  /** Hidden marker placed first (the sticky comment's identity). */
  marker?: string
  maxBytes: number
  /** Longest message shown, in characters. */
  messageLength: number
  /** List the scanned files (the job summary does). */
  listScannedFiles: boolean
  /** Where the rows left out can be read, as Markdown (already safe). */
  fullReport: string
}

export function renderComment(model: ReportModel, marker: string): string {
  const fullReport = model.links.run ? `the [job summary](${escapeUrl(model.links.run)})` : 'the job summary of this workflow run'
  return renderReport(model, { marker, maxBytes: COMMENT_MAX_BYTES, messageLength: 400, listScannedFiles: false, fullReport })
}

export function renderSummary(model: ReportModel): string {
  const fullReport = 'the SARIF file of this run'
  return renderReport(model, { maxBytes: SUMMARY_MAX_BYTES, messageLength: 2000, listScannedFiles: true, fullReport })
}

const BADGE: Record<Severity, string> = {
  critical: '🔴 critical',
  high: '🟠 high',
  medium: '🟡 medium',
  low: '🔵 low',
  info: '⚪ info'
}

/** Bytes kept back for the truncation notice and the closing tags of a cut section. */
const RESERVE = 1024

export function renderReport(model: ReportModel, options: RenderOptions): string {
  const head = [...(options.marker ? [options.marker] : []), headline(model), '', intro(model), '', ...countsTable(model), ''].join('\n')
  const foot = footer(model)
  const notes = notesBlock(model.notes)
  let budget = options.maxBytes - utf8Length(head) - utf8Length(foot) - utf8Length(notes) - RESERVE
  const body: string[] = []
  let omitted = 0
  for (const section of sections(model, options)) {
    const rendered = renderSection(section, budget)
    body.push(rendered.text)
    budget -= utf8Length(rendered.text)
    omitted += rendered.omitted
  }
  const cut = omitted > 0 ? [`> ✂️ ${plural(omitted, 'more row')} did not fit here (GitHub limits the size). The full list is in ${options.fullReport}.`, ''] : []
  return [head, ...body.filter((t) => t !== ''), ...cut, notes, foot].filter((t) => t !== '').join('\n') + '\n'
}

function headline(model: ReportModel): string {
  const failing = failingFindings(model.newFindings, model.failOn)
  const fresh = model.baseline ? 'new ' : ''
  if (failing.length > 0) return `### ❌ Containment: ${plural(failing.length, `${fresh}finding`)} at or above ${model.failOn}${model.incomplete ? '; the scan is incomplete' : ''}`
  if (model.incomplete) return `### ❌ Containment: the scan is incomplete${model.failOn === 'never' ? ' (fail-on: never)' : ''}`
  if (model.newFindings.length > 0) {
    const below = model.failOn === 'never' ? '(fail-on: never)' : `below ${model.failOn}`
    return `### ⚠️ Containment: ${plural(model.newFindings.length, `${fresh}finding`)} ${below}; the check passes`
  }
  if (model.existingFindings.length > 0) return '### ✅ Containment: no new findings'
  return '### ✅ Containment: no findings'
}

function intro(model: ReportModel): string {
  const failing = failingFindings(model.newFindings, model.failOn).length
  const parts = [`Scanned ${escapeMarkdown(model.scope)}.`]
  if (model.incomplete) {
    parts.push(`**The scan is incomplete: ${escapeMarkdown(model.incomplete)}.** ${model.failOn === 'never' ? 'With fail-on: never the check still passes.' : 'A check that did not see every file does not pass.'}`)
  }
  if (failing > 0) parts.push(`${plural(failing, 'finding')} at or above \`fail-on: ${model.failOn}\` ${failing === 1 ? 'fails' : 'fail'} this check.`)
  const existing = model.existingFindings.length
  if (model.baseline && existing > 0) {
    parts.push(`${plural(existing, 'finding')} already existed before this change and ${existing === 1 ? 'does' : 'do'} not fail the check.`)
  }
  if (model.newFindings.length + model.existingFindings.length === 0 && !model.incomplete) parts.push('Nothing in it gives a container a way out.')
  return parts.join(' ')
}

function countsTable(model: ReportModel): string[] {
  const header = `| | ${SEVERITIES.map((s) => BADGE[s]).join(' | ')} |`
  const align = `|:--|${SEVERITIES.map(() => '--:').join('|')}|`
  const row = (label: string, findings: Finding[]) => {
    const counts = countBySeverity(findings)
    return `| ${label} | ${SEVERITIES.map((s) => String(counts[s])).join(' | ')} |`
  }
  const rows = model.baseline
    ? [row('**New**', model.newFindings), row('Existing', model.existingFindings)]
    : [row('**Findings**', model.newFindings)]
  if (model.suppressedFindings.length > 0) rows.push(row('Suppressed', model.suppressedFindings))
  return [header, align, ...rows]
}

interface Section {
  /** Lines before the table (heading or `<details>` opening). */
  open: string[]
  columns: string[]
  rows: string[]
  /** Lines after the table. */
  close: string[]
}

const FINDING_COLUMNS = ['Severity', 'Rule', 'Location', 'Message']
const SUPPRESSED_COLUMNS = ['Severity', 'Rule', 'Location', 'Suppressed because']

function sections(model: ReportModel, options: RenderOptions): Section[] {
  const out: Section[] = []
  const row = (f: Finding) => findingRow(model, f, escapeMarkdown(f.message, options.messageLength))
  const suppressedRow = (f: Finding) => findingRow(model, f, suppressionText(f, options.messageLength))
  const { newFindings, existingFindings, suppressedFindings } = model
  // Critical to medium first and in the open; low and info are advice: counted, and folded away.
  const failing = new Set(failingFindings(newFindings, model.failOn))
  const isProminent = (f: Finding) => failing.has(f) || atLeast(f.severity, 'medium')
  const prominent = newFindings.filter(isProminent)
  const advice = newFindings.filter((f) => !isProminent(f))
  const label = model.baseline ? 'new' : ''
  if (prominent.length > 0) {
    const title = `#### ${model.baseline ? 'New findings' : 'Findings'}`
    out.push({ open: [title, ''], columns: FINDING_COLUMNS, rows: bySeverity(prominent).map(row), close: [''] })
  }
  if (advice.length > 0) {
    const summary = `${plural(advice.length, `${label ? label + ' ' : ''}low or info finding`)}: advice that does not block`
    out.push(details(summary, FINDING_COLUMNS, bySeverity(advice).map(row)))
  }
  if (existingFindings.length > 0) {
    const summary = `${plural(existingFindings.length, 'existing finding')}: already there before this change`
    out.push(details(summary, FINDING_COLUMNS, bySeverity(existingFindings).map(row)))
  }
  if (suppressedFindings.length > 0) {
    const summary = `${plural(suppressedFindings.length, 'suppressed finding')}: not counted`
    out.push(details(summary, SUPPRESSED_COLUMNS, bySeverity(suppressedFindings).map(suppressedRow)))
  }
  if (options.listScannedFiles && model.scannedFiles.length > 0) {
    const files = [...model.scannedFiles].sort()
    out.push(details(plural(files.length, 'scanned file'), [], files.map((f) => `- ${escapeMarkdown(f, 300)}`)))
  }
  return out
}

function details(summary: string, columns: string[], rows: string[]): Section {
  return { open: [`<details><summary>${summary}</summary>`, ''], columns, rows, close: ['', '</details>', ''] }
}

function findingRow(model: ReportModel, finding: Finding, last: string): string {
  const rule = model.rule(finding.ruleId)
  const ruleCell = `${markdownLink(finding.ruleId, docsUrl(finding.ruleId))} ${escapeMarkdown(rule?.title ?? '', 120)}`.trim()
  const place = `${finding.file}:${finding.line}`
  const url = model.links.file?.(finding.file, finding.line, finding.endLine)
  const location = url ? markdownLink(place, url) : escapeMarkdown(place, 300)
  return `| ${BADGE[finding.severity]} | ${ruleCell} | ${location} | ${last} |`
}

function suppressionText(finding: Finding, max: number): string {
  const s = finding.suppression
  if (!s) return ''
  const where = s.file ? ` (${s.file}${s.line ? `:${s.line}` : ''})` : ''
  const by = s.kind === 'other-tool' && s.tool ? `${s.tool}: ` : s.kind === 'config' ? 'config: ' : ''
  return escapeMarkdown(`${by}${s.reason}${where}`, max)
}

/** A section's rows that fit in the budget; the rest counted. */
function renderSection(section: Section, budget: number): { text: string; omitted: number } {
  const table = section.columns.length > 0 ? [`| ${section.columns.join(' | ')} |`, `|${section.columns.map(() => ':--').join('|')}|`] : []
  const fixed = [...section.open, ...table, ...section.close].join('\n') + '\n'
  let left = budget - utf8Length(fixed)
  const kept: string[] = []
  for (const row of section.rows) {
    const size = utf8Length(row) + 1
    if (size > left) break
    kept.push(row)
    left -= size
  }
  const omitted = section.rows.length - kept.length
  if (kept.length === 0 && section.rows.length > 0) {
    // Not even one row fits: keep the heading so the reader knows the section exists.
    return { text: [...section.open.filter((l) => l !== ''), ...section.close].join('\n'), omitted }
  }
  return { text: [...section.open, ...table, ...kept, ...section.close].join('\n'), omitted }
}

function notesBlock(notes: string[]): string {
  if (notes.length === 0) return ''
  return ['> [!NOTE]', ...notes.slice(0, 20).map((n) => `> ${escapeMarkdown(n, 1000)}`.trimEnd()).flatMap((l, i) => (i === 0 ? [l] : ['>', l])), ''].join('\n')
}

function footer(model: ReportModel): string {
  const parts: string[] = [`fail-on: ${model.failOn}`, `baseline: ${model.baseline ? 'base' : 'none'}`]
  if (model.headSha) {
    const short = escapeMarkdown(model.headSha.slice(0, 12), 12)
    parts.push(model.links.commit ? `commit [${short}](${escapeUrl(model.links.commit)})` : `commit ${short}`)
  }
  if (model.links.run) parts.push(`[workflow run](${escapeUrl(model.links.run)})`)
  return `<sub>Containment · ${parts.join(' · ')}</sub>`
}
