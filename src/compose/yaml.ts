import { EVENT_ID, SCALAR_STYLE, YAMLException, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml'
import { lastAtOrBefore, TextIndex } from '../core/text.js'
import { padFlowLines } from './yaml-flow.js'
import { goYamlSyntax, type GoYamlSyntax } from './yaml-syntax.js'
import { scalarValue, YamlValueError } from './yaml-values.js'

/**
 * A YAML tree that keeps source offsets on every node, built from js-yaml 5's event stream
 * (`parseEvents`): js-yaml's own AST and `load()` carry no positions. Anchors, aliases and merge keys
 * (`<<: *base`, which js-yaml 5 ignores by default) are applied here, on the tree, so a value merged
 * into a mapping is the very node written under the anchor and keeps the position where it was written.
 *
 * Hostile input is bounded: nesting depth (js-yaml's `maxDepth`), the number of aliases, and the size the
 * document would have once aliases are expanded (a "billion laughs" file is a few lines long).
 */

export interface YamlBase {
  /** Offset of the node's first character (an opening quote or bracket included). */
  start: number
  /** Offset just after the node. */
  end: number
  /** The tag as written (`!reset`, `!override`, `!!str`), when there is one. */
  tag?: string
}

export interface YamlScalar extends YamlBase {
  kind: 'scalar'
  /** The decoded value (quotes removed, escapes applied, block scalars folded). */
  value: string
  style: 'plain' | 'single' | 'double' | 'literal' | 'folded'
}

export interface YamlPair {
  key: YamlNode
  /** The key's text when it is a scalar ('' for a complex key). */
  keyText: string
  value: YamlNode
  /** Offset of the `<<` key that brought this pair in, when it comes from a merge. */
  mergedAt?: number
}

export interface YamlMapping extends YamlBase {
  kind: 'mapping'
  pairs: YamlPair[]
}

export interface YamlSequence extends YamlBase {
  kind: 'sequence'
  items: YamlNode[]
}

export type YamlNode = YamlScalar | YamlMapping | YamlSequence

export interface YamlProblem {
  offset: number
  message: string
  /**
   * Whether go-yaml v3, which Docker Compose reads YAML with, refuses the file too. False for the
   * project's own hostile-input bounds, and for the classes where the differential table
   * (__tests__/fixtures/yaml-differential) shows go-yaml accepting what js-yaml refuses.
   */
  composeRejects: boolean
}

export interface YamlDocument {
  /** Undefined for an empty document. */
  root?: YamlNode
}

export interface YamlParse {
  index: TextIndex
  documents: YamlDocument[]
  /** What makes the file invalid; `fatal` ones stopped the parse. */
  problems: YamlProblem[]
  fatal: boolean
}

export const YAML_LIMITS = {
  /** Collections nested deeper than this are refused (js-yaml's own default is 100). */
  maxDepth: 100,
  /** More aliases than this in one document are refused. */
  maxAliases: 1000,
  /** Nodes a document may hold once every alias is expanded. */
  maxExpandedNodes: 1_000_000
}

const STYLES: Record<number, YamlScalar['style']> = {
  [SCALAR_STYLE.PLAIN]: 'plain',
  [SCALAR_STYLE.SINGLE_QUOTED]: 'single',
  [SCALAR_STYLE.DOUBLE_QUOTED]: 'double',
  [SCALAR_STYLE.LITERAL_BLOCK]: 'literal',
  [SCALAR_STYLE.FOLDED_BLOCK]: 'folded'
}

/** A plain scalar that YAML's core schema reads as null. */
export function isNull(node: YamlNode): boolean {
  if (node.kind !== 'scalar') return false
  if (node.tag === '!!null') return true
  return node.style === 'plain' && node.tag === undefined && ['', '~', 'null', 'Null', 'NULL'].includes(node.value)
}

/** Looks a key up in a mapping (the last pair wins, as when duplicates are tolerated). */
export function pairOf(mapping: YamlMapping, key: string): YamlPair | undefined {
  for (let i = mapping.pairs.length - 1; i >= 0; i--) if (mapping.pairs[i].keyText === key) return mapping.pairs[i]
  return undefined
}

export function parseYaml(text: string): YamlParse {
  const index = new TextIndex(text)
  // go-yaml's verdict on the syntax is Compose's: what it refuses is reported as Compose refusing it, and
  // js-yaml's own syntax errors count as Compose's only when go-yaml refuses the file too.
  const syntax = goYamlSyntax(text)
  const goProblem = syntax.error && { offset: syntax.error.offset, message: `invalid YAML: ${syntax.error.message}`, composeRejects: true }
  // js-yaml reads the text with the few comments and white space it would read otherwise than go-yaml
  // replaced (see jsYamlSource).
  const source = jsYamlSource(text, syntax)
  // An anchor or alias go-yaml ends at `:` (`&a: 1`) gets the space js-yaml needs after its name.
  const spaced = insertSpaces(source, syntax.separators)
  const parsed = spaced ? spaced.text : source
  const back = spaced ? (offset: number) => spaced.original(offset) : (offset: number) => offset
  let events: Event[]
  try {
    events = mapOffsets(parseEvents(parsed, { maxDepth: JS_YAML_MAX_DEPTH }), back)
  } catch (error) {
    const retried = isFlowIndentation(error) ? parseFlowPadded(parsed, back) : undefined
    if (!retried) return { index, documents: [], problems: [goProblem ?? syntaxProblem(error, text, back)], fatal: true }
    events = retried
  }
  const parse = new TreeBuilder(index, events, source, text, syntax.scalarValues).build()
  // The tree js-yaml read is still analysed, but Compose would not read the file at all.
  if (goProblem) parse.problems.unshift(goProblem)
  if (!parse.fatal) checkValues(parse)
  return parse
}

/**
 * The text as js-yaml should read it to see go-yaml's structure, same length so offsets hold: each
 * comment glued to what precedes it (`"x"# note`, which YAML 1.2 does not allow) replaced by spaces (only
 * those: a comment line blanked would become a line of spaces, which a block scalar above it would take
 * in), the white space of `syntax.whitespace` replaced, and the `,[]` of `syntax.tagIndicators`.
 */
function jsYamlSource(text: string, syntax: GoYamlSyntax): string {
  const edits: Array<[number, number, string]> = syntax.whitespace.map(([start, end, by]) => [start, end, by.repeat(end - start)])
  // A tag's `,`, `[` or `]` read as `.`: js-yaml then ends the tag where go-yaml does (TreeBuilder reads the
  // tag itself from the file's text).
  for (const at of syntax.tagIndicators) edits.push([at, at + 1, '.'])
  for (const [start, end] of syntax.comments) {
    if (start > 0 && !' \t\r\n\u0085\u2028\u2029'.includes(text[start - 1])) edits.push([start, end, ' '.repeat(end - start)])
  }
  if (edits.length === 0) return text
  edits.sort((x, y) => x[0] - y[0])
  const parts: string[] = []
  let at = 0
  for (const [start, end, by] of edits) {
    if (start < at) continue
    parts.push(text.slice(at, start), by)
    at = end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/**
 * A tag that does not fit its value (`!!int abc`, `!!bool yes`) makes go-yaml, hence Compose, refuse the
 * file. Only tagged scalars can be wrong; each node is visited once however many aliases share it.
 */
function checkValues(parse: YamlParse): void {
  const seen = new Set<YamlNode>()
  const visit = (node: YamlNode | undefined): void => {
    if (node === undefined || seen.has(node)) return
    seen.add(node)
    if (node.kind === 'scalar') {
      if (node.tag !== undefined) checkScalar(parse, node)
    } else if (node.kind === 'sequence') {
      for (const item of node.items) visit(item)
    } else {
      for (const pair of node.pairs) {
        visit(pair.key)
        visit(pair.value)
      }
    }
  }
  for (const document of parse.documents) visit(document.root)
}

function checkScalar(parse: YamlParse, node: YamlScalar): void {
  try {
    scalarValue(node)
  } catch (error) {
    if (!(error instanceof YamlValueError)) throw error
    parse.problems.push({ offset: error.offset, message: error.message, composeRejects: true })
  }
}

function isFlowIndentation(error: unknown): boolean {
  return error instanceof YAMLException && error.reason === 'deficient indentation'
}

/** js-yaml's events for the text with flow collections re-indented (see yaml-flow.ts), offsets mapped back. */
function parseFlowPadded(text: string, back: (offset: number) => number): Event[] | undefined {
  const padded = padFlowLines(text)
  if (!padded) return undefined
  let events: Event[]
  try {
    events = parseEvents(padded.text, { maxDepth: JS_YAML_MAX_DEPTH })
  } catch {
    return undefined
  }
  return mapOffsets(events, (offset) => back(padded.original(offset)))
}

/** Maps the events' offsets (those >= 0; -1 means none) back to the file's. */
function mapOffsets(events: Event[], back: (offset: number) => number): Event[] {
  for (const event of events as Array<Event & Record<string, unknown>>) {
    for (const field of OFFSET_FIELDS) {
      const value = event[field]
      if (typeof value === 'number' && value >= 0) (event as Record<string, number>)[field] = back(value)
    }
  }
  return events
}

/** The text with a space inserted before each of `at` (ascending), and the map of offsets back. */
function insertSpaces(text: string, at: number[]): { text: string; original(offset: number): number } | undefined {
  if (at.length === 0) return undefined
  const parts: string[] = []
  let from = 0
  for (const offset of at) {
    parts.push(text.slice(from, offset), ' ')
    from = offset
  }
  parts.push(text.slice(from))
  // The k-th inserted space sits at at[k] + k in the new text.
  const inserted = at.map((offset, k) => offset + k)
  return {
    text: parts.join(''),
    original(offset: number): number {
      const k = lastAtOrBefore(inserted, offset)
      if (!(inserted[k] <= offset)) return offset
      return inserted[k] === offset ? at[k] : offset - (k + 1)
    }
  }
}

const OFFSET_FIELDS = ['start', 'valueStart', 'valueEnd', 'anchorStart', 'anchorEnd', 'tagStart', 'tagEnd'] as const

/** A js-yaml syntax error on a text go-yaml accepts: not one Compose shares (js-yaml's depth bound is one). */
function syntaxProblem(error: unknown, text: string, back: (offset: number) => number): YamlProblem {
  if (error instanceof YAMLException) {
    const offset = error.mark ? Math.min(back(Math.max(error.mark.position, 0)), text.length) : 0
    // js-yaml's recursion guard, past our own bound: said as our bound, the same in every style.
    if (error.reason.startsWith('nesting exceeded maxDepth')) return { offset, message: `nesting deeper than ${YAML_LIMITS.maxDepth} levels`, composeRejects: false }
    return { offset, message: `invalid YAML: ${error.reason}`, composeRejects: false }
  }
  return { offset: 0, message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}`, composeRejects: false }
}

/**
 * js-yaml counts parse calls, not collections: a block collection costs it one more level than a flow one,
 * and the scalar at the bottom one more (measured: with its maxDepth at 100, 98 block mappings nested pass,
 * 99 flow lists). Its guard is set two above ours, so that the TreeBuilder's count of collections decides:
 * 100 nested collections pass and 101 are refused, in block, flow and mixed styles alike.
 */
const JS_YAML_MAX_DEPTH = YAML_LIMITS.maxDepth + 2

/** A collection being built: its node, and for a mapping the key waiting for its value. */
interface Frame {
  node: YamlMapping | YamlSequence
  pendingKey?: YamlNode
  /** The alias the pending key was written as, when it was one. */
  pendingAlias?: string
  anchor?: string
  /** Expanded size so far (aliases counted at their full size). */
  weight: number
}

class Abort extends Error {}

/** Marks an abort as one of YAML_LIMITS' bounds. */
const LIMIT = true

class TreeBuilder {
  private readonly problems: YamlProblem[] = []
  private anchors = new Map<string, { node: YamlNode; weight: number }>()
  private aliases = 0
  /**
   * Pairs whose key is an alias, with the alias name. go-yaml compares keys as written, so an alias key is
   * a duplicate only of the same alias, never of a plain key with its value (the later pair still wins).
   */
  private readonly aliasKeys = new Map<YamlPair, string>()
  private lastOffset = 0

  constructor(
    private readonly index: TextIndex,
    private readonly events: Event[],
    /** The text js-yaml read: the file's, comments blanked. */
    private readonly text: string,
    /** The file's text, which tags are read from (jsYamlSource changes some of their characters). */
    private readonly original: string,
    /** go-yaml's values of the scalars js-yaml reads otherwise, by node start (see GoYamlSyntax.scalarValues). */
    private readonly scalarValues: Map<number, string>
  ) {}

  build(): YamlParse {
    const documents: YamlDocument[] = []
    let i = 0
    try {
      while (i < this.events.length) {
        if (this.events[i].type !== EVENT_ID.DOCUMENT) {
          i++
          continue
        }
        const { document, next } = this.document(i + 1)
        documents.push(document)
        i = next
      }
    } catch (error) {
      if (!(error instanceof Abort)) throw error
      return { index: this.index, documents, problems: this.problems, fatal: true }
    }
    return { index: this.index, documents, problems: this.problems, fatal: false }
  }

  /** Builds one document from the event after DOCUMENT to its POP. */
  private document(from: number): { document: YamlDocument; next: number } {
    // go-yaml keeps anchors for the whole stream: a later document may use an earlier one's anchor.
    this.aliases = 0
    const stack: Frame[] = []
    let root: { node: YamlNode; weight: number } | undefined
    let i = from
    for (; i < this.events.length; i++) {
      const event = this.events[i]
      if (event.type === EVENT_ID.POP) {
        const frame = stack.pop()
        if (!frame) return { document: { root: root?.node }, next: i + 1 }
        const done = this.finish(frame)
        root = this.attach(stack, done.node, done.weight, frame.anchor) ?? root
        continue
      }
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
        const start = event.start >= 0 ? event.start : this.lastOffset
        this.lastOffset = Math.max(this.lastOffset, start)
        const tag = this.tagOf(event.tagStart, event.tagEnd)
        const node: YamlMapping | YamlSequence =
          event.type === EVENT_ID.MAPPING
            ? { kind: 'mapping', start, end: start + 1, tag, pairs: [] }
            : { kind: 'sequence', start, end: start + 1, tag, items: [] }
        stack.push({ node, anchor: this.anchorName(event.anchorStart, event.anchorEnd), weight: 1 })
        if (stack.length > YAML_LIMITS.maxDepth) this.abort(start, `nesting deeper than ${YAML_LIMITS.maxDepth} levels`, LIMIT)
        continue
      }
      if (event.type === EVENT_ID.SCALAR) {
        const node = this.scalar(event, stack)
        root = this.attach(stack, node, 1, this.anchorName(event.anchorStart, event.anchorEnd)) ?? root
        continue
      }
      if (event.type === EVENT_ID.ALIAS) {
        const name = this.anchorName(event.anchorStart, event.anchorEnd)!
        const target = this.anchors.get(name)
        if (++this.aliases > YAML_LIMITS.maxAliases) {
          this.abort(event.anchorStart - 1, `more than ${YAML_LIMITS.maxAliases} aliases in one document`, LIMIT)
        }
        if (!target) this.abort(event.anchorStart - 1, `alias "*${name}" refers to no anchor defined before it`)
        this.lastOffset = Math.max(this.lastOffset, event.anchorEnd)
        root = this.attach(stack, target!.node, target!.weight, undefined, name) ?? root
      }
    }
    return { document: { root: root?.node }, next: i }
  }

  private scalar(event: ScalarEvent, stack: Frame[]): YamlScalar {
    const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
    const tag = this.tagOf(event.tagStart, event.tagEnd)
    if (event.valueStart < 0) {
      // An empty value (`key:`, `- `) has no offset of its own: place it after what precedes it.
      const at = event.tagEnd >= 0 ? event.tagEnd : this.emptyValueOffset(stack)
      return { kind: 'scalar', value: '', style: 'plain', start: at, end: at, tag }
    }
    const start = quoted ? event.valueStart - 1 : event.valueStart
    const end = quoted ? event.valueEnd + 1 : event.valueEnd
    this.lastOffset = Math.max(this.lastOffset, end)
    const style = STYLES[event.style] ?? 'plain'
    // A scalar holding an LS or PS has the value go-yaml computed (it keeps those in the value).
    const kept = this.scalarValues.get(start)
    if (kept !== undefined) return { kind: 'scalar', value: kept, style, start, end, tag }
    let value = getScalarValue(this.text, event)
    // go-yaml ends a block scalar that runs to the end of a file without a final line break with no line break.
    if ((style === 'literal' || style === 'folded') && value.endsWith('\n') && endsWithoutLineBreak(this.text, end)) value = value.slice(0, -1)
    return { kind: 'scalar', value, style, start, end, tag }
  }

  private emptyValueOffset(stack: Frame[]): number {
    const top = stack[stack.length - 1]
    if (top?.pendingKey) return top.pendingKey.end
    return this.lastOffset
  }

  /** Adds a finished node to its parent; returns it when it is the document's root. */
  private attach(stack: Frame[], node: YamlNode, weight: number, anchor: string | undefined, alias?: string): { node: YamlNode; weight: number } | undefined {
    if (anchor) this.anchors.set(anchor, { node, weight })
    const top = stack[stack.length - 1]
    if (!top) return { node, weight }
    top.weight += weight
    if (top.weight > YAML_LIMITS.maxExpandedNodes) {
      this.abort(node.start, `aliases expand to more than ${YAML_LIMITS.maxExpandedNodes} nodes (an alias bomb)`, LIMIT)
    }
    top.node.end = Math.max(top.node.end, node.end)
    if (top.node.kind === 'sequence') {
      top.node.items.push(node)
    } else if (top.pendingKey === undefined) {
      top.pendingKey = node
      top.pendingAlias = alias
    } else {
      const key = top.pendingKey
      top.pendingKey = undefined
      const pair: YamlPair = { key, keyText: key.kind === 'scalar' ? key.value : '', value: node }
      if (top.pendingAlias !== undefined) this.aliasKeys.set(pair, top.pendingAlias)
      top.node.pairs.push(pair)
    }
    return undefined
  }

  private finish(frame: Frame): { node: YamlNode; weight: number } {
    const node = frame.node
    if (node.kind === 'mapping') {
      const merged = this.applyMerges(node)
      frame.weight += merged
      if (frame.weight > YAML_LIMITS.maxExpandedNodes) {
        this.abort(node.start, `merge keys expand to more than ${YAML_LIMITS.maxExpandedNodes} nodes`, LIMIT)
      }
    }
    return { node, weight: frame.weight }
  }

  /**
   * YAML merge keys: pairs of the merged mappings are added unless the mapping sets the key itself; with a
   * sequence of mappings, earlier ones win. Duplicate explicit keys are reported (Compose refuses them).
   * Returns the number of nodes the merge added, for the expansion bound.
   */
  private applyMerges(mapping: YamlMapping): number {
    const explicit = new Map<string, YamlPair>()
    const merges: YamlPair[] = []
    for (const pair of mapping.pairs) {
      if (isMergeKey(pair.key)) {
        if (merges.length > 0) this.problem(pair.key.start, 'duplicate merge key "<<" (Compose reads only one per mapping)')
        merges.push(pair)
        continue
      }
      if (pair.key.kind !== 'scalar') {
        this.problem(pair.key.start, 'a mapping key must be a single value, not a collection')
        continue
      }
      const previous = explicit.get(pair.keyText)
      if (previous && this.aliasKeys.get(previous) === this.aliasKeys.get(pair)) {
        const first = this.index.positionAt(previous.key.start).line
        this.problem(pair.key.start, `duplicate key "${pair.keyText}" (already set on line ${first})`)
      }
      explicit.set(pair.keyText, pair)
    }
    if (merges.length === 0 && explicit.size === mapping.pairs.length) return 0
    const result: YamlPair[] = []
    const seen = new Set<string>()
    let added = 0
    for (const pair of mapping.pairs) {
      if (isMergeKey(pair.key)) {
        for (const source of this.mergeSources(pair)) {
          for (const merged of source.pairs) {
            if (explicit.has(merged.keyText) || seen.has(merged.keyText) || isMergeKey(merged.key)) continue
            seen.add(merged.keyText)
            result.push({ ...merged, mergedAt: merged.mergedAt ?? pair.key.start })
            added += 2
          }
        }
        continue
      }
      if (pair.key.kind === 'scalar' && explicit.get(pair.keyText) === pair) result.push(pair)
    }
    mapping.pairs = result
    return added
  }

  private mergeSources(pair: YamlPair): YamlMapping[] {
    const value = pair.value
    if (value.kind === 'mapping') return [value]
    if (value.kind === 'sequence' && value.items.every((item) => item.kind === 'mapping')) return value.items as YamlMapping[]
    this.problem(pair.key.start, 'a merge key "<<" needs a mapping or a list of mappings')
    return []
  }

  private problem(offset: number, message: string): void {
    this.problems.push({ offset, message, composeRejects: true })
  }

  /** Stops the parse; `bound` when it is one of the project's own limits, which Compose does not share. */
  private abort(offset: number, message: string, bound = false): never {
    this.problems.push({ offset: Math.max(0, offset), message, composeRejects: !bound })
    throw new Abort(message)
  }

  /** An anchor or alias name (go-yaml's scanner, yaml-syntax.ts, refuses one with other than letters, digits, `-` and `_`). */
  private anchorName(start: number, end: number): string | undefined {
    return this.slice(start, end)
  }

  private tagOf(start: number, end: number): string | undefined {
    return start >= 0 && end >= start ? this.original.slice(start, end) : undefined
  }

  private slice(start: number, end: number): string | undefined {
    return start >= 0 && end >= start ? this.text.slice(start, end) : undefined
  }
}

/** True when nothing but spaces follows `end` and the text before it does not end with a line break. */
function endsWithoutLineBreak(text: string, end: number): boolean {
  const last = text[end - 1]
  return last !== '\n' && last !== '\r' && /^[ \t]*$/.test(text.slice(end))
}

function isMergeKey(key: YamlNode): boolean {
  return key.kind === 'scalar' && key.value === '<<' && (key.style === 'plain' || key.tag === '!!merge') && (key.tag === undefined || key.tag === '!!merge')
}
