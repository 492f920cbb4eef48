import { SEVERITIES, isActive, type Finding, type Severity } from '../core/finding.js'
import { countBySeverity, failingFindings, maxSeverity, plural } from '../report/model.js'
import type { Classified } from './baseline.js'

/**
 * Pass or fail: the check fails when a new active finding (every active finding without a baseline)
 * reaches `fail-on`. Nothing else changes it: a comment that could not be posted never does.
 */
export interface Verdict {
  result: 'pass' | 'fail'
  failing: Finding[]
  /** The failure message (core.setFailed), counting what fails. */
  message?: string
}

/**
 * `incomplete` says why the scan did not see every file (limits.max-files, a listing cut short): such a scan
 * never passes, unless `fail-on: never` (then the warning and the summary line say it).
 */
export function verdictOf(classified: Classified, failOn: Severity | 'never', baseline: boolean, incomplete?: string): Verdict {
  const failing = failingFindings(classified.newFindings, failOn)
  if (failing.length === 0 && incomplete !== undefined && failOn !== 'never') {
    return { result: 'fail', failing, message: `Containment: the scan is incomplete (${incomplete}): a check that did not see every file does not pass.` }
  }
  if (failing.length === 0) return { result: 'pass', failing }
  const counts = countBySeverity(failing)
  const bySeverity = SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ')
  const what = plural(failing.length, baseline ? 'new finding' : 'finding')
  return {
    result: 'fail',
    failing,
    message: `Containment: ${what} at or above fail-on "${failOn}" (${bySeverity}). See the annotations and the job summary.${incomplete === undefined ? '' : ` The scan is also incomplete (${incomplete}).`}`
  }
}

/** The Action's outputs (action.yml documents them). Counts are of active findings, new and existing. */
export function outputsOf(classified: Classified, verdict: Verdict, sarifFile: string, commentUrl: string): Record<string, string> {
  const active = [...classified.newFindings, ...classified.existingFindings].filter(isActive)
  const counts = countBySeverity(active)
  return {
    ...Object.fromEntries(SEVERITIES.map((s) => [s, String(counts[s])])),
    'new-findings': String(classified.newFindings.length),
    'max-severity': maxSeverity(active) ?? 'none',
    result: verdict.result,
    'sarif-file': sarifFile,
    'comment-url': commentUrl
  }
}
