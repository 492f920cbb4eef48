import { EVENT_ID, parseEvents, type Event } from 'js-yaml'
import type { SourceFile } from '../core/analyzer.js'
import { directivesOf, mayHoldSuppressions, type CommentAt, type LineSpan, type Locate, type SuppressionDirective } from '../core/suppress.js'

/**
 * Suppression comments of a Compose file and the lines each covers. The YAML events give every key and
 * item with the lines of its subtree, and the ranges of every scalar, so a `#` inside a string is never
 * taken for a comment. A comment directly above a key or item, or at the end of its line, covers that
 * node and everything under it; `-file` forms at the top cover the file. Kept apart from the Compose
 * parser on purpose: it needs only lines, and must work on a file the Compose model rejects.
 */
export function composeSuppressions(file: SourceFile): SuppressionDirective[] {
  // Most files have no suppression: spare them a second YAML parse.
  if (!mayHoldSuppressions(file.text)) return []
  const layout = yamlLayout(file.text)
  return directivesOf(file.path, layout.comments, locator(layout))
}

interface YamlLayout {
  comments: CommentAt[]
  /** The outermost key or item starting on each line, with the last line of its subtree. */
  nodes: Map<number, LineSpan>
  /** Lines holding only a comment. */
  commentLines: Set<number>
  /** The first line with YAML content; Infinity for a file of comments. */
  firstContentLine: number
}

/** Bounds the walk on hostile input; deeper files are rejected by the Compose parser anyway. */
const MAX_DEPTH = 200

function yamlLayout(text: string): YamlLayout {
  const lines = new LineIndex(text)
  let events: Event[] | undefined
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH })
  } catch {
    events = undefined // invalid YAML: only the comments above the first content line can be read safely
  }
  const scalars = events ? scalarRanges(events) : []
  const comments = findComments(text, lines, scalars, events === undefined)
  const commentLines = new Set(comments.filter((c) => !c.trailing).map((c) => c.line))
  const firstContentLine = firstContent(text, lines, commentLines)
  return { comments, nodes: events ? nodeSpans(events, lines) : new Map(), commentLines, firstContentLine }
}

function locator(layout: YamlLayout): Locate {
  const nextCodeLine = (line: number): number => {
    let next = line + 1
    while (layout.commentLines.has(next)) next++
    return next
  }
  return (comment, placement) => {
    if (placement === 'file') return 'file'
    if (placement === 'file-top') {
      return comment.line < layout.firstContentLine
        ? 'file'
        : { problem: 'comes after the first key of the file, so it does not apply to the file and suppresses nothing. Move it to the top of the file' }
    }
    const target = comment.trailing ? comment.line : nextCodeLine(comment.line)
    if (placement === 'line') return { fromLine: target, toLine: target }
    const node = layout.nodes.get(target)
    if (node) return node
    const problem = comment.trailing
      ? 'is on a line where no key or item starts, so it suppresses nothing. Put it at the end of the line of the key or item'
      : 'has no key or item directly below it (a blank line or the end of the file is in between), so it suppresses nothing. Put it on the line directly above the key or item'
    return { problem }
  }
}

/** [start, end) of every scalar, in document order: a `#` inside one is text, not a comment. */
function scalarRanges(events: Event[]): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (const e of events) if (e.type === EVENT_ID.SCALAR && e.valueStart >= 0) out.push([e.valueStart, e.valueEnd])
  return out
}

function insideScalar(offset: number, scalars: Array<[number, number]>): boolean {
  let lo = 0
  let hi = scalars.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (scalars[mid][1] <= offset) lo = mid + 1
    else if (scalars[mid][0] > offset) hi = mid - 1
    else return true
  }
  return false
}

/**
 * YAML comments: a `#` at the start of a line or after a space or tab, outside every scalar. When the
 * file does not parse, scalars are unknown, so only whole-line comments before any content are taken.
 */
function findComments(text: string, lines: LineIndex, scalars: Array<[number, number]>, leadingOnly: boolean): CommentAt[] {
  const out: CommentAt[] = []
  for (let line = 1; line <= lines.count; line++) {
    const start = lines.start(line)
    const content = lines.text(line)
    const indent = content.length - content.trimStart().length
    if (leadingOnly && content.trim() !== '' && content[indent] !== '#') break
    for (let i = content.indexOf('#'); i >= 0; i = content.indexOf('#', i + 1)) {
      const atBoundary = i === 0 || content[i - 1] === ' ' || content[i - 1] === '\t'
      if (!atBoundary || insideScalar(start + i, scalars)) continue
      out.push({ line, column: i + 1, raw: content.slice(i).trimEnd(), trailing: i > indent })
      break
    }
  }
  return out
}

function firstContent(text: string, lines: LineIndex, commentLines: Set<number>): number {
  for (let line = 1; line <= lines.count; line++) {
    const content = lines.text(line).trim()
    if (content !== '' && !commentLines.has(line) && content !== '---') return line
  }
  return Infinity
}

interface Frame {
  kind: 'document' | 'map' | 'seq'
  /** Maps: the next scalar or collection is a key. */
  expectKey: boolean
  /** Maps: a collection used as a key (`? [a, b]`) is open; its end starts the value, it ends no pair. */
  collectionKey?: boolean
  /** The key-value pair or item being read. */
  current?: LineSpan
}

/**
 * The span of every key (with its value) and every sequence item, by the line it starts on; the first
 * node registered on a line is the outermost, since a parent starts before its children.
 */
function nodeSpans(events: Event[], lines: LineIndex): Map<number, LineSpan> {
  const nodes = new Map<number, LineSpan>()
  const stack: Frame[] = []
  let lastLine = 1
  const open = (offset: number): LineSpan => {
    const line = lines.lineOf(offset)
    const node = { fromLine: line, toLine: line }
    if (!nodes.has(line)) nodes.set(line, node)
    return node
  }
  const complete = (frame: Frame | undefined): void => {
    if (!frame || frame.kind === 'document') return
    if (frame.current) frame.current.toLine = Math.max(frame.current.toLine, lastLine)
    if (frame.kind === 'map') frame.expectKey = true
  }
  for (const e of events) {
    const top = stack[stack.length - 1]
    if (e.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: 'document', expectKey: false })
    } else if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      if (top?.kind === 'seq' || (top?.kind === 'map' && top.expectKey)) top.current = open(e.start)
      if (top?.kind === 'map' && top.expectKey) top.collectionKey = true
      stack.push({ kind: e.type === EVENT_ID.MAPPING ? 'map' : 'seq', expectKey: true })
    } else if (e.type === EVENT_ID.SCALAR || e.type === EVENT_ID.ALIAS) {
      const [start, end] = e.type === EVENT_ID.SCALAR ? [e.valueStart, e.valueEnd] : [e.anchorStart, e.anchorEnd]
      if (start >= 0) lastLine = Math.max(lastLine, lines.lineOf(Math.max(start, end - 1)))
      if (top?.kind === 'map' && top.expectKey) {
        top.current = open(Math.max(start, 0))
        top.expectKey = false
      } else {
        if (top?.kind === 'seq' && start >= 0) top.current = open(start)
        complete(top)
      }
    } else if (e.type === EVENT_ID.POP) {
      const closed = stack.pop()
      const parent = stack[stack.length - 1]
      if (parent?.collectionKey) {
        parent.collectionKey = false
        parent.expectKey = false
      } else if (closed && closed.kind !== 'document') complete(parent)
    }
  }
  return nodes
}

/** 1-based lines of a text: starts, contents, and the line of an offset. */
class LineIndex {
  private readonly starts: number[] = [0]
  constructor(private readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }
  get count(): number {
    return this.starts.length
  }
  start(line: number): number {
    return this.starts[line - 1]
  }
  text(line: number): string {
    const end = line < this.starts.length ? this.starts[line] - 1 : this.source.length
    const raw = this.source.slice(this.starts[line - 1], end)
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw
  }
  lineOf(offset: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
}
