import type { Random } from './random.js'

/**
 * Mutators: each takes bytes and returns new bytes. Byte-level ones (flips, inserts, deletions, splices)
 * find what a grammar would not think of; token-level ones insert what the parsers treat specially
 * (continuations, heredoc markers, anchors, tags, quotes, NUL, BOM, CRLF, unicode that changes width or
 * direction) at line starts and ends, where they change the structure most.
 */

export type Bytes = Uint8Array

const encoder = new TextEncoder()

export const TOKENS: readonly string[] = [
  '\\\n', '\\', '`\n', '\\\r\n', '<<EOF\n', '<<-EOF\n', '<<"EOF" bash\n', '\nEOF\n', 'EOF', '&a ', '*a', '<<: *a\n', '<<: [*a, *b]\n', '!!binary ',
  '!reset ', '!override ', '!!str ', '!!merge ', '!<!> ', '!local ', '? ', ': ', '- ', '-', '{', '}', '[', ']', ',', '"', "'", '#', '# ', '|', '>', '|-',
  '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '${', '}', '$(', ')', '`', '$((', '))', '${A:-', '${A:?', '$$', '\t', '\0', '\r', '\r\n', '\n',
  '\ufeff', '\u00a0', '\u2028', '\u2029', '\u200b', '\u202e', '\u0301', '\ud83d\udc33', '\u{10ffff}', '\uffff', 'é', 'ﬀ', 'İ', 'ß', '𝓍',
  'RUN ', 'FROM ', 'USER root\n', 'ONBUILD ', 'COPY --from=', 'HEALTHCHECK NONE\n', 'ARG A=${A}\n', '# escape=`\n', '# syntax=x\n', 'sudo ',
  'sh -c "', "bash -c '", 'eval ', '&&', '||', ';', '&', '| sh', '2>&1', '<(', '>(', '<<<', '"$@"', '$@', '*', '?', '~', 'privileged: true\n',
  'services:\n', '  x:\n', '    image: ', 'extends: ', 'include:\n  - ', 'x-a: &a\n  b: 1\n', 'volumes:\n  - /:/h\n', '# containment-ignore ',
  '# containment-ignore-file ', '# hadolint ignore=', '-- ', 'null', '~', 'true', '0x1F', '0o17', '.inf', '1e999', '-0', '9'.repeat(40)
]
const TOKEN_BYTES = TOKENS.map((t) => encoder.encode(t))

/** Bytes that are interesting by themselves: invalid UTF-8 leads, continuation bytes, controls, overlongs. */
const BAD_BYTES = [0x00, 0x0a, 0x0d, 0x09, 0x1b, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xfe, 0xff]

export type Mutator = (r: Random, input: Bytes, donor: () => Bytes) => Bytes

function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** `times` copies of `unit` in one buffer (a spread of thousands of arguments overflows the stack). */
function repeated(unit: Bytes, times: number): Bytes {
  const out = new Uint8Array(unit.length * times)
  for (let i = 0; i < times; i++) out.set(unit, i * unit.length)
  return out
}

/** A position: anywhere, or (more often) at a line start or end, where structure begins and ends. */
function position(r: Random, input: Bytes): number {
  if (input.length === 0) return 0
  const at = r.int(input.length + 1)
  if (r.chance(0.5)) return at
  const newline = input.indexOf(0x0a, at)
  return newline < 0 ? input.length : r.chance(0.5) ? newline : newline + 1
}

const flipBit: Mutator = (r, input) => {
  if (input.length === 0) return input
  const out = input.slice()
  for (let n = r.between(1, 4); n > 0; n--) out[r.int(out.length)] ^= 1 << r.int(8)
  return out
}

const setByte: Mutator = (r, input) => {
  if (input.length === 0) return Uint8Array.of(r.pick(BAD_BYTES))
  const out = input.slice()
  out[r.int(out.length)] = r.chance(0.5) ? r.pick(BAD_BYTES) : r.int(256)
  return out
}

const insertToken: Mutator = (r, input) => {
  const at = position(r, input)
  return concat(input.subarray(0, at), r.pick(TOKEN_BYTES), input.subarray(at))
}

const insertBytes: Mutator = (r, input) => {
  const at = position(r, input)
  const bytes = Uint8Array.from({ length: r.size(64) }, () => (r.chance(0.5) ? r.pick(BAD_BYTES) : r.int(256)))
  return concat(input.subarray(0, at), bytes, input.subarray(at))
}

const deleteRange: Mutator = (r, input) => {
  if (input.length === 0) return input
  const at = r.int(input.length)
  const length = Math.min(input.length - at, r.size(256))
  return concat(input.subarray(0, at), input.subarray(at + length))
}

const duplicateRange: Mutator = (r, input) => {
  if (input.length === 0) return input
  const at = r.int(input.length)
  const length = Math.min(input.length - at, r.size(512))
  const copies = r.size(64)
  const piece = input.subarray(at, at + length)
  return concat(input.subarray(0, at + length), repeated(piece, copies), input.subarray(at + length))
}

/** Part of another file (a Dockerfile into YAML, YAML into a Dockerfile, or the same kind) put in. */
const splice: Mutator = (r, input, donor) => {
  const other = donor()
  const from = r.int(other.length + 1)
  const piece = other.subarray(from, from + r.size(2048))
  const at = position(r, input)
  const end = r.chance(0.5) ? at : Math.min(input.length, at + r.size(1024))
  return concat(input.subarray(0, at), piece, input.subarray(end))
}

/** Swaps two lines, or re-indents one: YAML structure lives in indentation. */
const shuffleLines: Mutator = (r, input) => {
  const lines = Buffer.from(input).toString('latin1').split('\n')
  if (lines.length < 2) return input
  const i = r.int(lines.length)
  if (r.chance(0.5)) {
    const j = r.int(lines.length)
    ;[lines[i], lines[j]] = [lines[j], lines[i]]
  } else {
    lines[i] = r.chance(0.5) ? ' '.repeat(r.size(16)) + lines[i] : lines[i].replace(/^\s+/, '')
  }
  return Buffer.from(lines.join('\n'), 'latin1')
}

const truncate: Mutator = (r, input) => input.subarray(0, r.int(input.length + 1))

const lineEndings: Mutator = (r, input) => {
  const text = Buffer.from(input).toString('latin1').replace(/\r\n/g, '\n')
  return Buffer.from(text.replace(/\n/g, r.pick(['\r\n', '\r', '\n\r', '\u2028'])), 'latin1')
}

const prependBom: Mutator = (r, input) => concat(r.chance(0.8) ? Uint8Array.of(0xef, 0xbb, 0xbf) : r.pick([Uint8Array.of(0xff, 0xfe), Uint8Array.of(0xfe, 0xff), Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf)]), input)

/** A very long line: one token repeated up to 256 KiB, at a line start or inside one. */
const hugeLine: Mutator = (r, input) => {
  const at = position(r, input)
  const unit = r.pick([encoder.encode('a'), encoder.encode('\\ '), encoder.encode('$('), encoder.encode('"'), encoder.encode('- '), encoder.encode('é'), encoder.encode('&& x '), encoder.encode('{'), encoder.encode('\t')])
  const repeat = Math.ceil(r.between(4096, 256 * 1024) / unit.length)
  return concat(input.subarray(0, at), repeated(unit, repeat), input.subarray(at))
}

/** Deep nesting: brackets, substitutions, subshells, YAML indentation or sequences, up to a few thousand deep. */
const deepNesting: Mutator = (r, input) => {
  const depth = r.size(5000)
  const [open, close] = r.pick([['[', ']'], ['{a: ', '}'], ['$(', ')'], ['(', ')'], ['${A:-', '}'], ['`', '`'], ['- ', ''], ['"$(', ')"'], ['sh -c "', '"']])
  let middle: Bytes
  if (r.chance(0.3)) {
    middle = encoder.encode(Array.from({ length: Math.min(depth, 400) }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v\n')
  } else middle = encoder.encode(open.repeat(depth) + 'x' + close.repeat(r.chance(0.8) ? depth : r.int(depth)))
  const at = position(r, input)
  return concat(input.subarray(0, at), middle, input.subarray(at))
}

export const MUTATORS: ReadonlyArray<readonly [number, Mutator]> = [
  [10, flipBit], [8, setByte], [20, insertToken], [5, insertBytes], [8, deleteRange], [5, duplicateRange], [10, splice],
  [6, shuffleLines], [3, truncate], [3, lineEndings], [2, prependBom], [1, hugeLine], [2, deepNesting]
]

/** Applies one to `count` mutators at random. */
export function mutate(r: Random, input: Bytes, donor: () => Bytes, count = r.between(1, 6)): Bytes {
  let out = input
  for (let i = 0; i < count; i++) {
    out = r.weighted(MUTATORS)(r, out, donor)
    // Past the engine's 2 MiB cap a file is only measured: keep the rare compounding of big mutations below it.
    if (out.length > MAX_BYTES) out = out.subarray(0, MAX_BYTES)
  }
  return out
}

const MAX_BYTES = 2_200_000
