import { SEVERITIES, type Finding, type Severity } from '../core/finding.js'
import type { RuleMeta } from '../core/rule.js'

const COLOURS: Record<Severity, string> = {
  critical: '\x1b[1;35m',
  high: '\x1b[1;31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m'
}
const RESET = '\x1b[0m'
const BOLD = '\x1b[1m'

/**
 * Findings for a person at a terminal: grouped by file, one line each with `file:line:col`, severity,
 * rule and message, then a count. Control characters from scanned files are made visible so that a
 * crafted file cannot rewrite the terminal.
 */
export function formatText(
  findings: Finding[],
  scannedFiles: number,
  suppressed: number,
  colour: boolean,
  showInfo = false
): string {
  const paint = (code: string, text: string) => (colour ? code + text + RESET : text)
  const out: string[] = []
  let currentFile: string | undefined
  const listed = showInfo ? findings : findings.filter((f) => f.severity !== 'info')
  for (const finding of listed) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) out.push('')
      currentFile = finding.file
      out.push(paint(BOLD, visible(finding.file)))
    }
    const location = `${visible(finding.file)}:${finding.line}:${finding.column}`
    const severity = paint(COLOURS[finding.severity], finding.severity.padEnd(8))
    out.push(`  ${location}  ${severity} ${finding.ruleId}  ${visible(finding.message)}`)
  }
  if (listed.length > 0) out.push('')
  if (listed.length < findings.length) out.push(infoLine(findings.filter((f) => f.severity === 'info')))
  out.push(summaryLine(findings, scannedFiles, suppressed))
  return out.join('\n') + '\n'
}

/** Info findings are advice: counted by rule, listed only with --all, so that they never drown the rest. */
function infoLine(info: Finding[]): string {
  const byRule = new Map<string, number>()
  for (const finding of info) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1)
  const counts = [...byRule].map(([rule, n]) => `${rule} ×${n}`).join(', ')
  return `${info.length} info finding${info.length === 1 ? '' : 's'} not listed (${counts}); --all lists them.`
}

function summaryLine(findings: Finding[], scannedFiles: number, suppressed: number): string {
  const files = `${scannedFiles} file${scannedFiles === 1 ? '' : 's'} scanned`
  const extra = suppressed > 0 ? `, ${suppressed} suppressed` : ''
  if (findings.length === 0) return `No findings (${files}${extra}).`
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts} (${files}${extra}).`
}

export function formatRulesText(rules: RuleMeta[], docsUrl: (id: string) => string): string {
  const lines = rules.map((r) => `${r.id}  ${r.severity.padEnd(8)} ${r.slug.padEnd(38)} ${r.title}\n        ${docsUrl(r.id)}`)
  return lines.join('\n') + '\n'
}

/** Control characters (ESC, CR, …) shown as escapes instead of being interpreted by the terminal. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f\u009b]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}
