import { createHash } from 'node:crypto'
import type { Finding } from '../core/finding.js'

/**
 * A finding's identity across versions of a file: rule, file, the offending text with its whitespace
 * normalised, and the ordinal among findings that share those three. Line numbers are left out on purpose:
 * a line added above a finding must not make it "new". The ordinal tells apart two identical offending
 * texts in one file (two `RUN sudo …` lines), so adding a second one is new while the first is not.
 */
export const FINGERPRINT_KEY = 'containment/v1'

/** The offending text as compared between versions: whitespace runs collapsed, ends trimmed, bounded. */
export function normalizeSnippet(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 2000)
}

/** The text that identifies a finding: its snippet, or its message with line numbers blanked when it has none. */
export function identifyingText(finding: Finding): string {
  const snippet = normalizeSnippet(finding.snippet)
  return snippet !== '' ? snippet : normalizeSnippet(finding.message).replace(/\d+/g, '#')
}

export function fingerprintOf(ruleId: string, file: string, text: string, ordinal: number): string {
  return createHash('sha256').update([ruleId, file, text, String(ordinal)].join('\u0000')).digest('hex').slice(0, 32)
}

/** Fingerprints of a set of findings (all findings of the files they come from, so ordinals are complete). */
export function fingerprints(findings: readonly Finding[]): Map<Finding, string> {
  const groups = new Map<string, Finding[]>()
  for (const finding of findings) {
    const key = [finding.ruleId, finding.file, identifyingText(finding)].join('\u0000')
    const group = groups.get(key)
    if (group) group.push(finding)
    else groups.set(key, [finding])
  }
  const out = new Map<Finding, string>()
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => a.line - b.line || a.column - b.column)
    ordered.forEach((finding, ordinal) => {
      out.set(finding, fingerprintOf(finding.ruleId, finding.file, identifyingText(finding), ordinal))
    })
  }
  return out
}
