import { isActive, type Finding, type Severity } from '../core/finding.js'
import { allRules } from '../core/registry.js'
import { toSarif } from '../report/sarif.js'
import { VERSION } from '../version.js'
import { formatGithub } from './format-github.js'
import { formatMarkdown } from './format-markdown.js'
import { formatText } from './format-text.js'

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'] as const
export type Format = (typeof FORMATS)[number]

export interface Report {
  /** Every finding, suppressed ones included, paths relative to the current directory. */
  findings: Finding[]
  /** The files scanned, same paths. */
  files: string[]
  failOn: Severity | 'never'
  /** Why not every file was scanned (limits.max-files); JSON and SARIF carry it. */
  incomplete?: string
}

export interface TextOptions {
  colour: boolean
  showInfo: boolean
}

/** One formatter per `--format`, each a pure function of the report. */
export function render(format: Format, report: Report, text: TextOptions): string {
  const active = report.findings.filter(isActive)
  switch (format) {
    case 'json':
      return JSON.stringify({ findings: active, files: report.files.length, ...(report.incomplete ? { incomplete: report.incomplete } : {}) }, null, 2) + '\n'
    case 'sarif':
      return JSON.stringify(toSarif(report.findings, allRules, { version: VERSION, incomplete: report.incomplete }), null, 2) + '\n'
    case 'markdown':
      return formatMarkdown(report.findings, report.files, report.failOn, report.incomplete)
    case 'github':
      return formatGithub(active, report.failOn)
    case 'text':
      return formatText(active, report.files.length, report.findings.length - active.length, text.colour, text.showInfo)
  }
}
