import { createHash } from 'node:crypto'
import { severityRank, type Finding } from '../core/finding.js'
import { fixWanted, lineReplacement } from '../core/fix.js'
import { docsUrl } from '../core/rule.js'
import { escapeMarkdown, escapeUrl, truncateText } from './escape.js'
import { fingerprints } from './fingerprint.js'

/**
 * GitHub suggested changes made from the fixes of new findings: one review comment per fix, on the lines the
 * fix replaces, with a ```suggestion block the author can commit in one click. Pure: the Action decides
 * where they go and talks to the API.
 */

/** GitHub's limit is far higher; a review with more than this is a wall, not a review. */
export const MAX_SUGGESTIONS = 20

export interface Suggestion {
  path: string
  /** 1-based, inclusive; equal for a one-line suggestion. */
  startLine: number
  endLine: number
  body: string
  /** Identifies the suggestion across runs: the finding's fingerprint and the change it proposes. */
  key: string
}

export interface SuggestionOptions {
  level: 'safe' | 'all'
  /** The marker identifying Containment's comments of this category (the sticky comment's id). */
  category: string
  /** The scanned text of a file at the head, for the lines a suggestion replaces. */
  textOf: (path: string) => string | undefined
  /** Whether lines [start, end] of a file are in the pull request's diff (GitHub accepts comments there only). */
  inDiff: (path: string, start: number, end: number) => boolean
  max?: number
}

export function suggestionMarker(category: string, key: string): string {
  return `<!-- containment:suggestion id=${category.replace(/[^A-Za-z0-9._/-]/g, '_')} key=${key} -->`
}

export function suggestionKey(body: string): string | undefined {
  return /<!-- containment:suggestion id=[A-Za-z0-9._/-]+ key=([0-9a-f]{16,64}) -->/.exec(body)?.[1]
}

/** The suggestions for these (new, active) findings: most severe first, at most `max`, only inside the diff. */
export function planSuggestions(findings: readonly Finding[], options: SuggestionOptions): Suggestion[] {
  const ids = fingerprints(findings)
  const candidates = findings
    .filter((f) => f.fix && fixWanted(f.fix.safety, options.level))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  const out: Suggestion[] = []
  const taken: Array<{ path: string; start: number; end: number }> = []
  for (const finding of candidates) {
    if (out.length >= (options.max ?? MAX_SUGGESTIONS)) break
    const text = options.textOf(finding.file)
    const replacement = text === undefined ? undefined : lineReplacement(text, finding.fix!)
    if (!replacement || !options.inDiff(finding.file, replacement.startLine, replacement.endLine)) continue
    // Two suggestions on one line cannot both be committed: the more severe one is offered.
    if (taken.some((t) => t.path === finding.file && replacement.startLine <= t.end && t.start <= replacement.endLine)) continue
    taken.push({ path: finding.file, start: replacement.startLine, end: replacement.endLine })
    const key = createHash('sha256').update(`${ids.get(finding)}\u0000${replacement.startLine}\u0000${replacement.endLine}\u0000${replacement.text}`).digest('hex').slice(0, 32)
    out.push({ path: finding.file, startLine: replacement.startLine, endLine: replacement.endLine, key, body: body(finding, replacement.text, suggestionMarker(options.category, key)) })
  }
  return out
}

function body(finding: Finding, replacement: string, marker: string): string {
  const fix = finding.fix!
  const fence = '`'.repeat(Math.max(3, longestRun(replacement, '`') + 1))
  const safety = fix.safety === 'safe' ? 'a safe fix: it only removes a switch that weakens isolation, or adds one' : 'a fix to review: check that the service still works with it'
  return [
    marker,
    `**${finding.ruleId}** (${finding.severity}) ${withCodeSpans(fix.description)}: ${safety}. [Why](${escapeUrl(docsUrl(finding.ruleId))})`,
    '',
    `${fence}suggestion`,
    ...(replacement === '' ? [] : [replacement]),
    fence
  ].join('\n')
}

/**
 * A fix's description (`Remove \`privileged: true\``) with its `…` parts as code spans: inside a code span
 * nothing is Markdown, HTML or a mention, so a token quoted from the file shows as written. The rest is escaped.
 */
function withCodeSpans(description: string): string {
  const parts = truncateText(description, 200).replace(/[\r\n]+/g, ' ').split('`')
  if (parts.length % 2 === 0) return escapeMarkdown(description, 200)
  return parts.map((part, i) => (i % 2 === 0 ? escapeMarkdown(part) : codeSpan(part))).join('')
}

function codeSpan(text: string): string {
  const fence = '`'.repeat(longestRun(text, '`') + 1)
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}

/** The lines of the new file that a unified diff's hunks show (added or context): where review comments can go. */
export function diffLines(patch: string): Array<{ start: number; end: number }> {
  const hunks: Array<{ start: number; end: number }> = []
  for (const line of patch.split('\n')) {
    if (!line.startsWith('@@')) continue
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line)
    if (!header) continue
    const start = Number(header[1])
    const count = header[2] === undefined ? 1 : Number(header[2])
    if (count > 0) hunks.push({ start, end: start + count - 1 })
  }
  return hunks
}
