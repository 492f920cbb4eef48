import type { Config } from './config.js'
import { scanPrepared } from './engine.js'
import { compareFindings, isActive, severityRank, type Finding } from './finding.js'
import { applyEdits, fixWanted, type Fix } from './fix.js'
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
}

/** A bound on rounds: each one removes a finding, so only a pathological file comes near it. */
const MAX_ROUNDS = 200

/**
 * Applies a file's fixes one at a time, most severe first, scanning the file again after each one: every
 * fix is proven on the text it is applied to (src/core/fix-verify.ts), never on a text an earlier fix changed.
 * Suppressed findings are not fixed.
 */
export function fixFile(
  path: string,
  text: string,
  options: { config: Config; workspace: Workspace; explicit?: boolean; level: 'safe' | 'all' }
): FixedFile {
  const applied: AppliedFix[] = []
  let current = text
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const findings = scanOwn(path, current, options)
    const next = findings.filter((f) => isActive(f) && f.fix && fixWanted(f.fix.safety, options.level)).sort(mostSevereFirst)[0]
    const fixed = next && applyEdits(current, next.fix!.edits)
    if (!next || fixed === undefined) return { text: current, applied, remaining: findings.filter(isActive) }
    applied.push({ ruleId: next.ruleId, line: next.line, fix: next.fix! })
    current = fixed
  }
  return { text: current, applied, remaining: scanOwn(path, current, options).filter(isActive) }
}

function scanOwn(path: string, text: string, options: { config: Config; workspace: Workspace; explicit?: boolean }): Finding[] {
  const workspace: Workspace = {
    read: (p) => (p === path ? text : options.workspace.read(p)),
    exists: (p) => p === path || options.workspace.exists(p)
  }
  const result = scanPrepared([{ path, content: text, explicit: options.explicit }], { config: options.config, workspace, fixes: true })
  return result.findings.filter((f) => f.file === path)
}

function mostSevereFirst(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || compareFindings(a, b)
}
