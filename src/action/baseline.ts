import { isActive, type Finding } from '../core/finding.js'
import { fingerprints } from '../report/fingerprint.js'

/**
 * New versus existing: a head finding is existing when the base version of the same files has a finding
 * with the same fingerprint (rule, file, offending text, ordinal: see report/fingerprint.ts), so moving
 * a line does not make it new and adding a second copy does. Suppressed findings are kept apart.
 */
export interface Classified {
  newFindings: Finding[]
  existingFindings: Finding[]
  suppressedFindings: Finding[]
}

/** `base` undefined: no baseline (or it could not be read): every active finding is new. */
export function classify(head: readonly Finding[], base: readonly Finding[] | undefined): Classified {
  const suppressedFindings = head.filter((f) => !isActive(f))
  const active = head.filter(isActive)
  if (!base) return { newFindings: active, existingFindings: [], suppressedFindings }
  const headIds = fingerprints(head)
  // Ordinals count every base finding; only active ones make a head finding "existing": removing a
  // suppression in this change makes its finding count again.
  const baseIds = new Set([...fingerprints(base)].filter(([finding]) => isActive(finding)).map(([, id]) => id))
  const newFindings: Finding[] = []
  const existingFindings: Finding[] = []
  for (const finding of active) (baseIds.has(headIds.get(finding)!) ? existingFindings : newFindings).push(finding)
  return { newFindings, existingFindings, suppressedFindings }
}
