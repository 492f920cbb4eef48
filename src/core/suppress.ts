import type { Config, IgnoreEntry, OtherTool } from './config.js'
import type { Finding, Suppression } from './finding.js'
import { matchesAny } from './globs.js'
import type { RuleMeta } from './rule.js'
import { CT001 } from './rules/CT001-unused-suppression.js'
import { closest } from './suggest.js'

/**
 * Suppressions: comments in the scanned files (ours and other tools'), and the config's and other tools'
 * ignore files. Each file kind finds its comments and decides which lines each covers; this module reads
 * the comment grammar, matches suppressions to findings (file, line in scope, rule or equivalent rule),
 * and reports our own comments that suppress nothing as CT001.
 */

export type { OtherTool }

export interface LineSpan {
  fromLine: number
  toLine: number
}

/** Where a comment says it applies; each file kind turns this into lines. */
export type Placement =
  /** The instruction, key or item directly below (or on the line of a trailing YAML comment), all of it. */
  | 'node'
  /** One line: the one the comment trails, or the next (a Dockerfile instruction, whole). */
  | 'line'
  /** The whole file, when written before its content (before the first FROM). */
  | 'file-top'
  /** The whole file, wherever written. */
  | 'file'

/** What one suppression comment says, before it is placed in a file. */
export interface SuppressionComment {
  /** Undefined for our own `containment-ignore`. */
  tool?: OtherTool
  placement: Placement
  /** Our rule IDs, or the tool's own; `all` for directives without IDs (`# kics-scan ignore-line`). */
  rules: string[] | 'all'
  reason?: string
  /** Why our own comment cannot apply (no rule, no reason): it is reported as CT001 instead. */
  problem?: string
  /** Trivy's `:exp:YYYY-MM-DD`: not honoured after that day. */
  expires?: string
}

/** A comment found in a file: 1-based position of its `#`, its text as written from `#` on. */
export interface CommentAt {
  line: number
  column: number
  /** From `#` to the end of the line. */
  raw: string
  /** True when code precedes it on its line (YAML only). */
  trailing: boolean
}

/** A suppression placed in a file: what it suppresses and which lines it covers. */
export interface SuppressionDirective extends SuppressionComment {
  file: string
  line: number
  column: number
  endColumn: number
  /** The comment as written, for reports. */
  raw: string
  kind: 'inline' | 'other-tool'
  /** Lines covered, the whole file, or undefined when nothing is where the comment points (see `problem`). */
  scope: LineSpan | 'file' | undefined
}

/** How a file kind turns a placement into lines, or says why the comment can cover nothing. */
export type Locate = (comment: CommentAt, placement: Placement) => LineSpan | 'file' | { problem: string }

/** The suppressions written in one file's comments. */
export function directivesOf(file: string, comments: readonly CommentAt[], locate: Locate): SuppressionDirective[] {
  const out: SuppressionDirective[] = []
  for (const comment of comments) {
    const text = commentText(comment.raw)
    for (const parsed of parseSuppressionComment(text)) {
      const where = locate(comment, parsed.placement)
      const misplaced = typeof where === 'object' && 'problem' in where
      // Fields listed, not spread: spreading then overriding `problem` was the slow path on files with many comments.
      out.push({
        tool: parsed.tool,
        placement: parsed.placement,
        rules: parsed.rules,
        reason: parsed.reason,
        expires: parsed.expires,
        problem: parsed.problem ?? (misplaced ? where.problem : undefined),
        file,
        line: comment.line,
        column: comment.column,
        endColumn: comment.column + comment.raw.length,
        raw: comment.raw,
        kind: parsed.tool ? 'other-tool' : 'inline',
        scope: misplaced ? undefined : where
      })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// The comment grammar: small hand-written readers over one comment's text, cut at MAX_COMMENT characters;
// the few patterns used have no nested repetition, so every step is linear.

const MAX_COMMENT = 2000

/** Words that start every suppression comment: a file without any of them has none, and is not read further. */
const MARKERS = /containment-ignore|hadolint|checkov:skip|trivy:ignore|kics-scan|dclint/i

export function mayHoldSuppressions(text: string): boolean {
  return MARKERS.test(text)
}

/** The text after `#` and the spaces that follow it. */
export function commentText(raw: string): string {
  return raw.slice(0, MAX_COMMENT).replace(/^#+/, '').trim()
}

/** What a comment's text (after `#`) says about suppressions: nothing, or one or more suppressions. */
export function parseSuppressionComment(text: string): SuppressionComment[] {
  const head = firstWord(text).toLowerCase()
  if (head === 'containment-ignore' || head === 'containment-ignore-file') return [ours(text, head)]
  if (head === 'hadolint') return optional(hadolint(text))
  if (head.startsWith('checkov:skip=')) return optional(checkov(text))
  if (head.startsWith('trivy:ignore:')) return trivy(text)
  if (head === 'kics-scan') return optional(kics(text))
  if (head === 'dclint') return optional(dclint(text))
  return []
}

function optional(comment: SuppressionComment | undefined): SuppressionComment[] {
  return comment ? [comment] : []
}

function firstWord(text: string): string {
  const end = text.search(/[\s:]|$/)
  const word = text.slice(0, end)
  // `checkov:skip=…` and `trivy:ignore:…` carry colons inside their first word.
  return /^(checkov|trivy)$/i.test(word) ? text.split(/\s/, 1)[0] : word
}

/** `containment-ignore DF001 DF008: reason` / `containment-ignore-file DF009: reason`. */
function ours(text: string, head: string): SuppressionComment {
  const rest = text.slice(head.length)
  const colon = rest.indexOf(':')
  const rules = splitIds(colon < 0 ? rest : rest.slice(0, colon)).map((id) => id.toUpperCase())
  const reason = colon < 0 ? '' : rest.slice(colon + 1).trim()
  const placement: Placement = head === 'containment-ignore-file' ? 'file-top' : 'node'
  let problem: string | undefined
  if (rules.length === 0) problem = `names no rule ID, so it suppresses nothing. Write "# ${head} <RULE-ID>: <why it is safe>"`
  else if (reason === '') {
    problem = `gives no reason, so it is not applied: a reviewer must see why the finding is acceptable. Write "# ${head} ${rules.join(' ')}: <why it is safe>"`
  }
  return { placement, rules, reason: reason || undefined, problem }
}

/** `hadolint ignore=DL3002,DL3007 [reason]` and `hadolint global ignore=…`. */
function hadolint(text: string): SuppressionComment | undefined {
  const words = text.split(/\s+/, 3)
  const global = words[1]?.toLowerCase() === 'global'
  const directive = (global ? words[2] : words[1]) ?? ''
  if (!directive.toLowerCase().startsWith('ignore=')) return undefined
  const start = text.indexOf(directive) + 'ignore='.length
  const { ids, end } = readIdList(text, start)
  if (ids.length === 0) return undefined
  const reason = text.slice(end).replace(/^[\s#:-]+/, '').trim()
  return { tool: 'hadolint', placement: global ? 'file' : 'node', rules: ids, reason: reason || undefined }
}

/** `checkov:skip=CKV_DOCKER_8: reason` — Checkov applies it to the whole Dockerfile, wherever written. */
function checkov(text: string): SuppressionComment | undefined {
  const { ids, end } = readIdList(text, 'checkov:skip='.length)
  if (ids.length === 0) return undefined
  const reason = text.slice(end).replace(/^\s*:/, '').trim()
  return { tool: 'checkov', placement: 'file', rules: ids, reason: reason || undefined }
}

/** `trivy:ignore:DS-0002`, several per line, each maybe with `:exp:2025-12-31`. */
function trivy(text: string): SuppressionComment[] {
  const out: SuppressionComment[] = []
  for (const word of text.split(/\s+/)) {
    const sections = word.replace(/^#+/, '').split(':')
    if (sections.length < 3 || sections[0].toLowerCase() !== 'trivy' || sections[1].toLowerCase() !== 'ignore') continue
    const id = sections[2]
    if (id === '') continue
    const exp = sections.indexOf('exp', 3)
    out.push({ tool: 'trivy', placement: 'node', rules: id === '*' ? 'all' : [id], expires: exp > 0 ? sections[exp + 1] : undefined })
  }
  return out
}

/** `kics-scan ignore` (file), `ignore-line`, `ignore-block`, `disable=<uuid>,<uuid>` (file). */
function kics(text: string): SuppressionComment | undefined {
  const word = text.split(/\s+/, 2)[1] ?? ''
  const lower = word.toLowerCase()
  if (lower === 'ignore') return { tool: 'kics', placement: 'file-top', rules: 'all' }
  if (lower === 'ignore-line') return { tool: 'kics', placement: 'line', rules: 'all' }
  if (lower === 'ignore-block') return { tool: 'kics', placement: 'node', rules: 'all' }
  if (!lower.startsWith('disable=')) return undefined
  const { ids } = readIdList(text, text.indexOf(word) + 'disable='.length)
  return ids.length ? { tool: 'kics', placement: 'file', rules: ids } : undefined
}

/** `dclint disable-file`, `dclint disable [rules]` (top of file), `dclint disable-line [rules] [-- reason]`. */
function dclint(text: string): SuppressionComment | undefined {
  const [, directive = '', ...words] = text.split(/\s+/)
  const dashes = words.indexOf('--')
  const ids = splitIds((dashes < 0 ? words : words.slice(0, dashes)).join(' '))
  const reason = dashes < 0 ? undefined : words.slice(dashes + 1).join(' ') || undefined
  const rules = ids.length ? ids : 'all'
  switch (directive.toLowerCase()) {
    case 'disable-file':
      return { tool: 'dclint', placement: 'file', rules: 'all', reason }
    case 'disable':
      return { tool: 'dclint', placement: 'file-top', rules, reason }
    case 'disable-line':
      return { tool: 'dclint', placement: 'line', rules, reason }
    default:
      return undefined
  }
}

function splitIds(text: string): string[] {
  return text.split(/[\s,]+/).filter((id) => id !== '')
}

const ID_CHAR = /[A-Za-z0-9_.*-]/

/** Reads `ID(, ID)*` from `start`: IDs separated by commas, spaces allowed around the commas only. */
function readIdList(text: string, start: number): { ids: string[]; end: number } {
  const ids: string[] = []
  let i = start
  for (;;) {
    const from = i
    while (i < text.length && ID_CHAR.test(text[i])) i++
    if (i === from) break
    ids.push(text.slice(from, i))
    let j = i
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++
    if (text[j] !== ',') break
    j++
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++
    i = j
  }
  return { ids, end: i }
}

// ---------------------------------------------------------------------------------------------------------
// Matching.

/** Normal form of another tool's rule ID: Trivy's `AVD-DS-0002`, `DS-0002` and `DS002` are one rule. */
export function normalizeToolId(tool: OtherTool, id: string): string {
  const trimmed = id.trim()
  if (tool === 'kics' || tool === 'dclint') return trimmed.toLowerCase()
  const upper = trimmed.toUpperCase()
  if (tool !== 'trivy') return upper
  const bare = upper.startsWith('AVD-') ? upper.slice(4) : upper
  const match = /^([A-Z]{1,10})-?(\d{1,6})$/.exec(bare)
  return match ? `${match[1]}-${match[2].padStart(4, '0')}` : bare
}

/** The IDs of a suppression that name this rule (`*` for a suppression of all of a tool's rules). */
function matchingIds(rules: string[] | 'all', tool: OtherTool | undefined, ruleId: string, rule: RuleMeta | undefined): string[] {
  if (!tool) return rules === 'all' ? [] : rules.filter((id) => id.toUpperCase() === ruleId)
  const equivalents = (rule?.equivalents[tool] ?? []).map((id) => normalizeToolId(tool, id))
  if (equivalents.length === 0) return []
  if (rules === 'all') return ['*']
  return rules.filter((id) => equivalents.includes(normalizeToolId(tool, id)))
}

function covers(scope: LineSpan | 'file' | undefined, line: number): boolean {
  return scope === 'file' || (scope !== undefined && line >= scope.fromLine && line <= scope.toLine)
}

/** Ours before other tools', then the narrowest: the reason shown is the most specific one. */
function specificity(d: SuppressionDirective): number {
  const width = d.scope === 'file' || d.scope === undefined ? 1e9 : d.scope.toLine - d.scope.fromLine
  return (d.kind === 'inline' ? 0 : 2e9) + width
}

function isHonoured(d: SuppressionDirective, config: Config, today: string): boolean {
  if (d.problem || d.scope === undefined || !config.inlineSuppressions) return false
  if (d.kind === 'other-tool' && !config.otherToolsSuppressions) return false
  return !(d.expires && /^\d{4}-\d{2}-\d{2}$/.test(d.expires) && d.expires < today)
}

function suppressionOf(d: SuppressionDirective): Suppression {
  // Other tools' comments often carry no reason: the comment itself tells the reader what excused the finding.
  const reason = d.reason ?? `${d.raw.trim().slice(0, 300)} (no reason given)`
  return { kind: d.kind, tool: d.tool, reason, file: d.file, line: d.line }
}

function entrySuppression(e: IgnoreEntry): Suppression {
  return { kind: e.kind, tool: e.tool, reason: e.reason, file: e.file, line: e.line }
}

/**
 * Marks every finding a suppression covers (`finding.suppression`), and adds CT001 for our own comments
 * that name an unknown rule, cannot apply, or cover no finding of the rules they name. Findings are
 * returned whatever their state: consumers skip the suppressed ones for the verdict and annotations.
 */
export function applySuppressions(
  findings: Finding[],
  directives: readonly SuppressionDirective[],
  config: Config,
  rules: readonly RuleMeta[],
  today: string = new Date().toISOString().slice(0, 10)
): Finding[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  const byFile = new Map<string, SuppressionDirective[]>()
  for (const d of directives) {
    if (!isHonoured(d, config, today)) continue
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d])
  }
  for (const list of byFile.values()) list.sort((a, b) => specificity(a) - specificity(b))
  const entries = config.ignore.filter((e) => e.kind === 'config' || config.otherToolsSuppressions)
  const used = new Map<SuppressionDirective, Set<string>>()
  const out = findings.map((finding) => {
    if (finding.suppression || finding.ruleId === CT001.id) return finding
    const rule = byId.get(finding.ruleId)
    const suppression = fromComments(finding, rule, byFile.get(finding.file) ?? [], used) ?? fromEntries(finding, rule, entries)
    return suppression ? { ...finding, suppression } : finding
  })
  return [...out, ...config.inlineSuppressions ? unusedSuppressions(directives, used, byId) : []]
}

function fromComments(finding: Finding, rule: RuleMeta | undefined, candidates: SuppressionDirective[], used: Map<SuppressionDirective, Set<string>>): Suppression | undefined {
  let chosen: SuppressionDirective | undefined
  for (const d of candidates) {
    if (!covers(d.scope, finding.line)) continue
    const ids = matchingIds(d.rules, d.tool, finding.ruleId, rule)
    if (ids.length === 0) continue
    // Every comment that covers the finding has done its job, not only the one whose reason is shown.
    const seen = used.get(d) ?? new Set<string>()
    for (const id of ids) seen.add(id.toUpperCase())
    used.set(d, seen)
    chosen ??= d
  }
  return chosen && suppressionOf(chosen)
}

function fromEntries(finding: Finding, rule: RuleMeta | undefined, entries: IgnoreEntry[]): Suppression | undefined {
  const entry =
    entries.find((e) => e.kind === 'config' && matches(e, finding, rule)) ?? entries.find((e) => e.kind === 'other-tool' && matches(e, finding, rule))
  return entry && entrySuppression(entry)
}

function matches(entry: IgnoreEntry, finding: Finding, rule: RuleMeta | undefined): boolean {
  if (entry.paths.length > 0 && !matchesAny(finding.file, entry.paths)) return false
  return matchingIds(entry.rules, entry.tool, finding.ruleId, rule).length > 0
}

/** CT001 for each of our comments that cannot apply, names an unknown rule, or covers no finding of a rule it names. */
function unusedSuppressions(directives: readonly SuppressionDirective[], used: Map<SuppressionDirective, Set<string>>, byId: Map<string, RuleMeta>): Finding[] {
  const out: Finding[] = []
  for (const d of directives) {
    if (d.kind !== 'inline') continue
    const quoted = `"${d.raw.slice(0, 200).trim()}"`
    if (d.problem) out.push(ct001(d, `Suppression ${quoted} ${d.problem}.`))
    for (const id of d.rules === 'all' ? [] : d.rules) {
      if (!byId.has(id)) {
        const guess = closest(id, byId.keys())
        const hint = guess ? ` Did you mean "${guess}"?` : ''
        out.push(ct001(d, `Suppression ${quoted} names "${id}", which is not a Containment rule, so it suppresses nothing.${hint} Fix the ID or remove it.`))
      } else if (!d.problem && !used.get(d)?.has(id)) {
        out.push(ct001(d, `Suppression ${quoted} matches no ${id} finding ${scopeText(d.scope)}: a stale or misplaced suppression would silently excuse a future ${id} finding there. Remove it, or move it directly above what ${id} reports.`))
      }
    }
  }
  return out
}

function scopeText(scope: LineSpan | 'file' | undefined): string {
  if (scope === 'file' || scope === undefined) return 'in this file'
  return scope.fromLine === scope.toLine ? `on line ${scope.fromLine}, which it covers` : `on lines ${scope.fromLine}-${scope.toLine}, which it covers`
}

function ct001(d: SuppressionDirective, message: string): Finding {
  return {
    ruleId: CT001.id,
    severity: CT001.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.line,
    endColumn: d.endColumn,
    message,
    snippet: d.raw.trim()
  }
}
