import type { Finding, Severity } from '../core/finding.js'
import { ruleById } from '../core/registry.js'
import { renderReport } from '../report/markdown.js'
import { plural } from '../report/model.js'

/**
 * `--format markdown`: the report the Action writes as its job summary (verdict, counts, findings, the
 * suppressed ones with their reasons, the files scanned), for any CI that shows Markdown or a PR bot of
 * one's own. There is no baseline outside a pull request: every active finding is listed as a finding.
 */
export function formatMarkdown(findings: Finding[], files: string[], failOn: Severity | 'never', incomplete?: string): string {
  return renderReport(
    {
      failOn,
      baseline: false,
      newFindings: findings.filter((f) => f.suppression === undefined),
      existingFindings: [],
      suppressedFindings: findings.filter((f) => f.suppression !== undefined),
      scope: plural(files.length, 'file'),
      scannedFiles: files,
      notes: [],
      ...(incomplete ? { incomplete } : {}),
      links: {},
      rule: ruleById
    },
    { maxBytes: Number.MAX_SAFE_INTEGER, messageLength: 2000, listScannedFiles: true, fullReport: 'the SARIF output' }
  )
}
