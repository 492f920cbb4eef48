// The real-world review's bookkeeping, shared by scripts/review-real.mjs and __tests__/real-world/review.test.ts.
// A finding is keyed by rule, file, line and snippet (stable across message rewording and unrelated edits of
// other files); its severity is kept beside the verdict, and a changed severity needs a new judgement.

/** Severities the review covers: medium and higher, the ones a maintainer sees as a failing or warning check. */
export const REVIEWED = new Set(['critical', 'high', 'medium'])

export function reviewKey(finding) {
  return `${finding.ruleId}|${finding.file}|${finding.line}|${finding.snippet}`
}

/**
 * Compares the findings of a scan with the review. Returns
 *  - unjudged: medium+ findings the review does not hold (or holds at another severity);
 *  - vanished: findings judged true that the scan no longer reports;
 *  - stillFalse: findings judged false that the scan still reports, unless listed as known-false.
 */
export function compareReview(findings, review) {
  const byKey = new Map(review.map((entry) => [entry.key, entry]))
  const seen = new Set()
  const unjudged = []
  const stillFalse = []
  for (const finding of findings) {
    if (!REVIEWED.has(finding.severity) || finding.suppression) continue
    const key = reviewKey(finding)
    const entry = byKey.get(key)
    seen.add(key)
    if (!entry || entry.severity !== finding.severity) unjudged.push({ key, finding })
    else if (entry.verdict === false && !entry.knownFalse) stillFalse.push({ key, finding, entry })
  }
  const vanished = review.filter((entry) => entry.verdict === true && !seen.has(entry.key))
  return { unjudged, vanished, stillFalse }
}

/** A review entry for a finding, verdict left for the reviewer. */
export function stub(finding) {
  return {
    key: reviewKey(finding),
    rule: finding.ruleId,
    file: finding.file,
    line: finding.line,
    severity: finding.severity,
    verdict: null,
    reason: '',
    message: finding.message
  }
}
