import type { YamlNode, YamlScalar } from './yaml.js'
import { trimEndOf } from '../core/text.js'

/**
 * The values Docker Compose sees in a YAML tree. Compose (compose-go) decodes YAML with go-yaml v3 into
 * `interface{}`, and go-yaml v3 has a schema of its own, neither YAML 1.1 nor 1.2 core: `yes`/`on` stay
 * strings, but `012` is octal 10, `0o12` too, `1_000` is 1000, `2001-12-14` is a timestamp, and an explicit
 * tag that does not fit the text (`!!int abc`, `!!bool yes`) makes the file invalid. This module reproduces
 * that resolution on the project's tree, so that what the product reads is what Compose reads.
 *
 * The canonical form (`GoValue`) is also what scripts/yaml-diff prints for go-yaml itself; the differential
 * test compares the two.
 */
export type GoValue =
  | null
  | boolean
  | string
  | { int: string }
  | { float: string }
  | { timestamp: string }
  | GoValue[]
  | { map: Array<[GoValue, GoValue]> }

/** A value go-yaml refuses to decode (a tag that does not fit its text). */
export class YamlValueError extends Error {
  constructor(
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/
const RESOLVE_MAP = new Map<string, GoValue>([
  ...['true', 'True', 'TRUE'].map((s) => [s, true] as [string, GoValue]),
  ...['false', 'False', 'FALSE'].map((s) => [s, false] as [string, GoValue]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as [string, GoValue]),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, { float: 'NaN' }] as [string, GoValue]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, { float: 'Infinity' }] as [string, GoValue]),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, { float: '-Infinity' }] as [string, GoValue])
])
const RESOLVABLE = new Set(['', '!!str', '!!bool', '!!int', '!!float', '!!null', '!!timestamp'])

/** The tag in go-yaml's short form (`!!str`), '' for none or the non-specific `!`. */
export function shortTag(tag: string | undefined): string {
  if (tag === undefined || tag === '!') return ''
  const verbatim = /^!<(.*)>$/.exec(tag)
  const long = verbatim ? verbatim[1] : tag
  return long.startsWith('tag:yaml.org,2002:') ? '!!' + long.slice('tag:yaml.org,2002:'.length) : long
}

/** Decodes a document's tree the way go-yaml v3 decodes into interface{}; throws YamlValueError. */
export function goValue(node: YamlNode | undefined): GoValue {
  if (node === undefined) return null
  if (node.kind === 'scalar') return scalarValue(node)
  if (node.kind === 'sequence') return node.items.map(goValue)
  const entries = new Map<string, [GoValue, GoValue]>()
  for (const pair of node.pairs) {
    const key = goValue(pair.key)
    if (Array.isArray(key) || (key !== null && typeof key === 'object' && 'map' in key)) {
      throw new YamlValueError(pair.key.start, 'a mapping key must be a single value, not a collection')
    }
    const id = sortKey(key)
    entries.delete(id)
    entries.set(id, [key, goValue(pair.value)])
  }
  return { map: [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pair]) => pair) }
}

/** go-yaml orders nothing (a Go map); pairs are sorted by their key's JSON, as Go's encoding/json writes it. */
function sortKey(key: GoValue): string {
  return JSON.stringify(key).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

export function scalarValue(node: YamlScalar): GoValue {
  const tag = shortTag(node.tag)
  if (tag === '!!str' || (tag === '' && node.style !== 'plain')) return node.value
  if (tag === '!!binary') return decodeBinary(node)
  if (!RESOLVABLE.has(tag)) return node.value
  const resolved = resolvePlain(node.value, tag)
  if (tag === '' || tag === resolved.tag) return resolved.value
  if (tag === '!!float' && resolved.tag === '!!int') return { float: formatFloat(Number((resolved.value as { int: string }).int)) }
  throw new YamlValueError(node.start, `a value tagged ${tag} must be one: "${node.value.slice(0, 40)}" is a ${resolved.tag.slice(2)}`)
}

function decodeBinary(node: YamlScalar): string {
  const text = node.value.replace(/[\r\n]/g, '')
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw new YamlValueError(node.start, 'a !!binary value must be base64')
  }
  return new TextDecoder().decode(Buffer.from(text, 'base64'))
}

/** Whether every `_` of the text has a digit on each side: `/^(?:[^_]|(?<=[0-9])_(?=[0-9]))*$/` as a loop. */
export function underscoresBetweenDigits(text: string): boolean {
  for (let i = text.indexOf('_'); i >= 0; i = text.indexOf('_', i + 1)) {
    if (!isDigit(text[i - 1]) || !isDigit(text[i + 1])) return false
  }
  return true
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9'
}

/** go-yaml v3's resolve() for a scalar's text. */
function resolvePlain(text: string, tag: string): { tag: string; value: GoValue } {
  const known = RESOLVE_MAP.get(text)
  if (known !== undefined) return { tag: known === null ? '!!null' : typeof known === 'boolean' ? '!!bool' : '!!float', value: known }
  const first = text[0]
  if (first === '.') {
    // Go's ParseFloat takes `_` between digits.
    const plain = underscoresBetweenDigits(text) ? text.replaceAll('_', '') : text
    if (DOT_FLOAT.test(plain)) return { tag: '!!float', value: { float: formatFloat(Number(plain)) } }
  } else if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    if (tag === '' || tag === '!!timestamp') {
      const timestamp = parseTimestamp(text)
      if (timestamp !== undefined) return { tag: '!!timestamp', value: { timestamp } }
    }
    const plain = text.replaceAll('_', '')
    const int = parseGoInt(plain)
    if (int !== undefined) return { tag: '!!int', value: { int: int.toString() } }
    if (YAML_STYLE_FLOAT.test(plain)) {
      const float = Number(plain)
      if (Number.isFinite(float)) return { tag: '!!float', value: { float: formatFloat(float) } }
    }
  }
  return { tag: '!!str', value: text }
}

/** Go's strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64). */
function parseGoInt(text: string): bigint | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text)
  if (!match) return undefined
  const [, sign, digits] = match
  const body = /^0[0-7]+$/.test(digits) ? '0o' + digits.slice(1) : digits.toLowerCase().replace(/^0([xob])/, '0$1')
  let value = BigInt(body)
  if (sign === '-') value = -value
  if (value >= INT64_MIN && value <= INT64_MAX) return value
  if (sign === '' && value <= UINT64_MAX) return value
  return undefined
}

/** The float as Go's FormatFloat(f, 'e', -1, 64) with the exponent's sign and padding normalised. */
function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  if (value === 0 && Object.is(value, -0)) return '-0'
  return value.toExponential().replace('e+', 'e')
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?)?$/

/** go-yaml's timestamp formats (time.Parse layouts), written back as Go's RFC3339Nano. */
function parseTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text)
  if (!m) return undefined
  const [, y, mo, d, t, space, h, mi, s, fraction, zone] = m
  if (t && !zone) return undefined
  if (space && zone) return undefined
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS[month - 1])) return undefined
  const two = (n: number) => String(n).padStart(2, '0')
  const date = `${y}-${two(month)}-${two(day)}`
  if (!h) return `${date}T00:00:00Z`
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  const nanos = trimEndOf((fraction ?? '').slice(0, 9), '0')
  if (fraction !== undefined && fraction.length > 9) return undefined
  const offset = zone === undefined || zone === 'Z' || zone === '+00:00' || zone === '-00:00' ? 'Z' : zone
  if (offset !== 'Z' && (Number(zone!.slice(1, 3)) > 23 || Number(zone!.slice(4)) > 59)) return undefined
  return `${date}T${two(Number(h))}:${two(Number(mi))}:${two(Number(s))}${nanos ? '.' + nanos : ''}${offset}`
}
