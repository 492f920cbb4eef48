import { rangeOffsets, type FixDraft, type FixSafety, type OffsetEdit } from '../core/fix.js'
import type { TextIndex } from '../core/text.js'
import type { ComposeFile, Service } from './model.js'
import { isNull, pairOf, type YamlNode, type YamlPair, type YamlSequence } from './yaml.js'

/**
 * Fixes for Compose findings, as edits on the source text at positions the YAML parser gave. Every builder
 * refuses (returns undefined) when the layout is not the plain one it knows how to edit: a value merged in
 * from an anchor (editing it would change every service that merges it), a flow mapping, a value on a line
 * shared with other content. A fix the builder cannot make exactly is no fix.
 */

interface Editor {
  text: string
  index: TextIndex
  eol: string
}

const editors = new WeakMap<ComposeFile, Editor>()

/** One per file: the line-ending search reads the whole text, and a file may have thousands of fixes. */
function editorOf(file: ComposeFile): Editor {
  let editor = editors.get(file)
  if (!editor) {
    const text = file.index.text
    editor = { text, index: file.index, eol: text.includes('\r\n') ? '\r\n' : '\n' }
    editors.set(file, editor)
  }
  return editor
}

/** A pair written in the service's own mapping (not merged in from an anchor). */
function ownPair(service: Service, key: string): YamlPair | undefined {
  const pair = pairOf(service.node, key)
  if (!pair || pair.mergedAt !== undefined) return undefined
  if (pair.key.start < service.node.start || pair.value.end > service.node.end) return undefined
  return pair
}

function lineStartOf(editor: Editor, offset: number): number {
  return editor.text.lastIndexOf('\n', offset - 1) + 1
}

/** Offset of the line break ending the line that holds `offset` (the text's end on the last line). */
function lineEndOf(editor: Editor, offset: number): number {
  const newline = editor.text.indexOf('\n', offset)
  if (newline < 0) return editor.text.length
  return editor.text[newline - 1] === '\r' ? newline - 1 : newline
}

/** After the line break that ends the line holding `offset`. */
function nextLineStart(editor: Editor, offset: number): number {
  const newline = editor.text.indexOf('\n', offset)
  return newline < 0 ? editor.text.length : newline + 1
}

/** Only blanks, or blanks and a comment. */
function isBlankOrComment(text: string): boolean {
  const trimmed = text.trim()
  return trimmed === '' || trimmed.startsWith('#')
}

/**
 * The whole lines from `start` to `end`, line breaks included, when nothing else is written on them
 * (`prefix` may stand before `start`: a sequence's `- `). Undefined otherwise.
 */
function wholeLines(editor: Editor, start: number, end: number, prefix: RegExp): OffsetEdit | undefined {
  const from = lineStartOf(editor, start)
  if (!prefix.test(editor.text.slice(from, start))) return undefined
  const lastLineEnd = lineEndOf(editor, Math.max(start, end - 1))
  if (!isBlankOrComment(editor.text.slice(end, lastLineEnd))) return undefined
  return { start: from, end: nextLineStart(editor, Math.max(start, end - 1)), text: '' }
}

const KEY_PREFIX = /^[ \t]*$/
const ITEM_PREFIX = /^[ \t]*-[ \t]+$/

/** The end of the text written for a node: a block scalar's trailing line breaks are not the node's text. */
function writtenEnd(editor: Editor, node: YamlNode): number {
  let end = node.end
  while (end > node.start && /\s/.test(editor.text[end - 1])) end--
  return end
}

/** Removes a `key: value` entry of the service: its whole lines, when it is alone on them. */
export function removeEntry(file: ComposeFile, service: Service, key: string, description: string, safety: FixSafety): FixDraft | undefined {
  const editor = editorOf(file)
  const pair = ownPair(service, key)
  if (!pair || service.node.pairs.length < 2 || !isBlock(editor, service)) return undefined
  const edit = wholeLines(editor, pair.key.start, writtenEnd(editor, pair.value), KEY_PREFIX)
  return edit && { description, safety, edits: [edit] }
}

/**
 * Removes one item of a list setting (`security_opt`, `cap_add`); the whole setting when it is the only
 * item, since Compose refuses an empty (null) list.
 */
export function removeListItem(
  file: ComposeFile,
  service: Service,
  key: string,
  itemStart: number,
  description: string,
  safety: FixSafety
): FixDraft | undefined {
  const editor = editorOf(file)
  const pair = ownPair(service, key)
  if (!pair || pair.value.kind !== 'sequence') return undefined
  const item = pair.value.items.find((node) => node.start === itemStart)
  if (!item) return undefined
  if (pair.value.items.length === 1) return removeEntry(file, service, key, description, safety)
  const edit = isFlow(editor, pair.value) ? flowItemRemoval(editor, pair.value, item) : wholeLines(editor, item.start, writtenEnd(editor, item), ITEM_PREFIX)
  return edit && { description, safety, edits: [edit] }
}

/** `[a, b, c]` without `b`: the item and the comma that separates it from its neighbour. */
function flowItemRemoval(editor: Editor, sequence: YamlSequence, item: YamlNode): OffsetEdit | undefined {
  const at = sequence.items.indexOf(item)
  const next = sequence.items[at + 1]
  const previous = sequence.items[at - 1]
  if (next) return { start: item.start, end: next.start, text: '' }
  if (previous) return { start: writtenEnd(editor, previous), end: writtenEnd(editor, item), text: '' }
  return undefined
}

/** Replaces the value of a `key: value` entry of the service (`read_only: false` → `true`). */
export function replaceValue(file: ComposeFile, service: Service, key: string, value: string, description: string, safety: FixSafety): FixDraft | undefined {
  const pair = ownPair(service, key)
  if (!pair || pair.value.kind !== 'scalar' || isNull(pair.value) || pair.value.tag !== undefined) return undefined
  return { description, safety, edits: [{ start: pair.value.start, end: pair.value.end, text: value }] }
}

/** Inserts text at a position inside a scalar (after its opening quote when it has one). */
export function insertIntoScalar(file: ComposeFile, start: number, end: number, text: string, description: string, safety: FixSafety): FixDraft | undefined {
  const quote = file.index.text[start]
  const at = quote === '"' || quote === "'" ? start + 1 : start
  if (at > end) return undefined
  return { description, safety, edits: [{ start: at, end: at, text }] }
}

/** Replaces a part of a scalar's text, given as offsets in the file. */
export function replaceRange(start: number, end: number, text: string, description: string, safety: FixSafety): FixDraft {
  return { description, safety, edits: [{ start, end, text }] }
}

/**
 * Adds an item to a list setting, or the setting with that one item when the service has none:
 * `security_opt: ["no-new-privileges:true"]`, `cap_drop: [ALL]`. Block lists get a line in the style of
 * their items; flow lists get `, item` before the bracket.
 */
export function addListItem(file: ComposeFile, service: Service, key: string, item: string, description: string, safety: FixSafety): FixDraft | undefined {
  const editor = editorOf(file)
  const pair = pairOf(service.node, key)
  if (pair) {
    if (pair.mergedAt !== undefined || pair.value.kind !== 'sequence' || pair.value.items.length === 0) return undefined
    const sequence = pair.value
    if (isFlow(editor, sequence)) {
      const last = sequence.items[sequence.items.length - 1]
      return { description, safety, edits: [{ start: writtenEnd(editor, last), end: writtenEnd(editor, last), text: `, ${item}` }] }
    }
    const first = sequence.items[0]
    const prefix = editor.text.slice(lineStartOf(editor, first.start), first.start)
    if (!ITEM_PREFIX.test(prefix)) return undefined
    const last = sequence.items[sequence.items.length - 1]
    const at = lineEndOf(editor, writtenEnd(editor, last) - 1)
    return { description, safety, edits: [{ start: at, end: at, text: `${editor.eol}${prefix}${item}` }] }
  }
  const layout = blockLayout(editor, service)
  if (!layout) return undefined
  const text = `${editor.eol}${layout.indent}${key}:${editor.eol}${layout.indent}${layout.step}- ${item}`
  return { description, safety, edits: [{ start: layout.end, end: layout.end, text }] }
}

/** Adds `key: value` to the service when it does not set the key. */
export function addEntry(file: ComposeFile, service: Service, key: string, value: string, description: string, safety: FixSafety): FixDraft | undefined {
  const editor = editorOf(file)
  if (pairOf(service.node, key)) return undefined
  const layout = blockLayout(editor, service)
  if (!layout) return undefined
  const text = `${editor.eol}${layout.indent}${key}: ${value}`
  return { description, safety, edits: [{ start: layout.end, end: layout.end, text }] }
}

function isFlow(editor: Editor, node: YamlNode): boolean {
  return editor.text[node.start] === '[' || editor.text[node.start] === '{'
}

function isBlock(editor: Editor, service: Service): boolean {
  return service.node.pairs.length > 0 && !isFlow(editor, service.node)
}

/**
 * Where a new entry of the service goes: after its last own line, indented as its entries are, with the
 * file's own indentation step for a nested list. Undefined for a flow mapping or an empty service.
 */
function blockLayout(editor: Editor, service: Service): { indent: string; step: string; end: number } | undefined {
  if (!isBlock(editor, service)) return undefined
  const own = service.node.pairs.filter((pair) => pair.mergedAt === undefined && pair.key.start >= service.node.start)
  if (own.length === 0) return undefined
  const first = own[0]
  const indent = editor.text.slice(lineStartOf(editor, first.key.start), first.key.start)
  if (!KEY_PREFIX.test(indent)) return undefined
  const keyStart = rangeOffsets(editor.index, service.key.range).start
  const serviceKeyIndent = editor.text.slice(lineStartOf(editor, keyStart), keyStart)
  const step = indent.length > serviceKeyIndent.length ? indent.slice(serviceKeyIndent.length) : '  '
  const lastEnd = Math.max(...own.map((pair) => writtenEnd(editor, pair.value)), ...own.map((pair) => pair.key.end))
  return { indent, step, end: lineEndOf(editor, lastEnd - 1) }
}
