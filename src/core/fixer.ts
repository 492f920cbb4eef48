import type { Config } from './config.js'
import { scanPrepared } from './engine.js'
import { compareFindings, isActive, severityRank, type Finding } from './finding.js'
import { applyEdits, fixWanted, type Fix } from './fix.js'
import { fixesOnly } from './fix-verify.js'
import type { Workspace } from './workspace.js'

export interface AppliedFix {
  ruleId: string
  line: number
  fix: Fix
}

export interface FixedFile {
  text: string
  applied: AppliedFix[]
  /** The active findings of the file once fixed. */
  remaining: Finding[]
  /** The active findings of the file as it was. */
  original: Finding[]
}

/** A bound on rounds: each one removes a finding, so only a pathological file comes near it. */
const MAX_ROUNDS = 200

/**
 * Applies a file's fixes one at a time, most severe first, scanning the file again after each one: every
 * fix is proven on the text it is applied to (the scan after it lacks its finding and adds none,
 * src/core/fix-verify.ts), never on a text an earlier fix changed. A fix that fails its proof is skipped.
 * Suppressed findings are not fixed.
 */
export function fixFile(
  path: string,
  text: string,
  options: { config: Config; workspace: Workspace; explicit?: boolean; level: 'safe' | 'all' }
): FixedFile {
  const applied: AppliedFix[] = []
  let current = text
  let findings = scanOwn(path, current, options)
  const original = findings.filter(isActive)
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const step = nextFix(path, current, findings, options)
    if (!step) break
    applied.push({ ruleId: step.finding.ruleId, line: step.finding.line, fix: step.finding.fix! })
    current = step.text
    findings = step.findings
  }
  return { text: current, applied, remaining: findings.filter(isActive), original }
}

/** The most severe wanted fix that proves itself on the current text, with the text and findings it leaves. */
function nextFix(path: string, text: string, findings: Finding[], options: FixOptions): { finding: Finding; text: string; findings: Finding[] } | undefined {
  const candidates = findings.filter((f) => isActive(f) && f.fix && fixWanted(f.fix.safety, options.level)).sort(mostSevereFirst)
  for (const finding of candidates) {
    const fixed = applyEdits(text, finding.fix!.edits)
    if (fixed === undefined || fixed === text) continue
    const after = scanOwn(path, fixed, options)
    if (fixesOnly(findings, [finding], after)) return { finding, text: fixed, findings: after }
  }
  return undefined
}

interface FixOptions {
  config: Config
  workspace: Workspace
  explicit?: boolean
  level: 'safe' | 'all'
}

function scanOwn(path: string, text: string, options: { config: Config; workspace: Workspace; explicit?: boolean }): Finding[] {
  const workspace: Workspace = {
    read: (p) => (p === path ? text : options.workspace.read(p)),
    exists: (p) => p === path || options.workspace.exists(p)
  }
  const result = scanPrepared([{ path, content: text, explicit: options.explicit }], { config: options.config, workspace, fixes: 'unproven' })
  return result.findings.filter((f) => f.file === path)
}

function mostSevereFirst(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || compareFindings(a, b)
}
