import type { Finding } from './finding.js'
import { applyEdits, type Fix } from './fix.js'
import type { Workspace } from './workspace.js'

/**
 * A fix is offered only when it has been proven on the file: applied, the file scanned again, and the
 * finding gone with nothing new in its place (no other finding, no parse error). Offsets that drifted,
 * a YAML edit that broke the document, a USER line that did not help: the fix is dropped, the finding stays.
 *
 * The fixes of one file are proven together (one scan); a group that fails is split in halves until the
 * fixes that break something are found. A file gets at most MAX_PROOF_SCANS scans; fixes left unproven are dropped.
 */
export type Rescan = (path: string, text: string, workspace: Workspace) => Finding[]

/**
 * Scans of one fixed file at most, and characters scanned for its proof at most: a hostile file with
 * thousands of findings cannot make the proof explode (a 512 KiB file gets 4 scans, a 10 KB one 64).
 */
export const MAX_PROOF_SCANS = 64
export const MAX_PROOF_CHARACTERS = 2 * 1024 * 1024

export function verifyFixes(findings: Finding[], texts: Map<string, string>, workspace: Workspace, rescan: Rescan): Finding[] {
  const verified = new Set<Finding>()
  const byFile = new Map<string, Finding[]>()
  for (const finding of findings) {
    if (!finding.fix || !texts.has(finding.file)) continue
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding])
  }
  for (const [path, fixable] of byFile) {
    const before = findings.filter((f) => f.file === path)
    const text = texts.get(path)!
    const budget = Math.max(1, Math.min(MAX_PROOF_SCANS, Math.floor(MAX_PROOF_CHARACTERS / Math.max(1, text.length))))
    const proof: Proof = { text, path, before, workspace, rescan, scans: 0, budget }
    // Fixes that touch the same lines cannot be applied together: each round takes the next set that can.
    let pending = fixable
    while (pending.length > 0 && proof.scans < proof.budget) {
      const batch = nonOverlapping(pending)
      for (const finding of proveGroup(batch, proof)) verified.add(finding)
      pending = pending.filter((f) => !batch.includes(f))
    }
  }
  return findings.map((finding) => (finding.fix && !verified.has(finding) ? withoutFix(finding) : finding))
}

interface Proof {
  text: string
  path: string
  before: Finding[]
  workspace: Workspace
  rescan: Rescan
  scans: number
  budget: number
}

/** The fixes of a group that are proven: the whole group at once, else each half, down to single fixes. */
function proveGroup(group: Finding[], proof: Proof): Finding[] {
  if (group.length === 0 || proof.scans >= proof.budget) return []
  proof.scans++
  if (proves(group, proof.before, proof.text, proof.path, proof.workspace, proof.rescan)) return group
  if (group.length === 1) return []
  const half = Math.ceil(group.length / 2)
  return [...proveGroup(group.slice(0, half), proof), ...proveGroup(group.slice(half), proof)]
}

export function withoutFix(finding: Finding): Finding {
  if (!finding.fix) return finding
  const { fix: _fix, ...rest } = finding
  return rest
}

function proves(fixing: Finding[], before: Finding[], text: string, path: string, workspace: Workspace, rescan: Rescan): boolean {
  const fixed = applyEdits(text, fixing.flatMap((f) => (f.fix as Fix).edits))
  if (fixed === undefined || fixed === text) return false
  return fixesOnly(before, fixing, rescan(path, fixed, overlay(workspace, path, fixed)))
}

/** True when `after` (the file's findings once `fixing` is applied) lacks the fixed findings and adds none. */
export function fixesOnly(before: Finding[], fixing: Finding[], after: Finding[]): boolean {
  const remaining = counts(before)
  for (const finding of fixing) remaining.set(keyOf(finding), (remaining.get(keyOf(finding)) ?? 0) - 1)
  for (const finding of after) {
    const key = keyOf(finding)
    const left = remaining.get(key) ?? 0
    if (left <= 0) return false
    remaining.set(key, left - 1)
  }
  return true
}

/**
 * Findings are compared by rule and message, numbers left out: a fix moves the lines below it, and may move
 * where a finding about something missing is anchored (the service key once its `security_opt:` is gone).
 */
function keyOf(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message.replace(/\d+/g, '#')}`
}

function counts(findings: Finding[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const finding of findings) out.set(keyOf(finding), (out.get(keyOf(finding)) ?? 0) + 1)
  return out
}

/** The fixes that can be applied together: in order, each one that touches no line another one touches. */
function nonOverlapping(findings: Finding[]): Finding[] {
  const taken: Array<[number, number]> = []
  const out: Finding[] = []
  for (const finding of findings) {
    const edits = (finding.fix as Fix).edits
    const from = Math.min(...edits.map((e) => e.range.line))
    const to = Math.max(...edits.map((e) => e.range.endLine))
    if (taken.some(([a, b]) => from <= b && a <= to)) continue
    taken.push([from, to])
    out.push(finding)
  }
  return out
}

function overlay(workspace: Workspace, path: string, text: string): Workspace {
  return {
    read: (p) => (p === path ? text : workspace.read(p)),
    exists: (p) => p === path || workspace.exists(p)
  }
}
