// Builds the YAML differential table: generated edge cases plus every .yml/.yaml file of ../shared/corpus,
// each with go-yaml v3's verdict and value tree, as printed by scripts/yaml-diff/main.go.
//
//   apt-get install -y golang-go golang-gopkg-yaml.v3-dev
//   node scripts/yaml-diff/generate.mjs
//
// writes __tests__/fixtures/yaml-differential/table.json, which __tests__/compose/yaml-differential.test.ts
// checks the product's YAML layer against (CI needs no Go).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const corpus = process.env.YAML_DIFF_CORPUS ?? join(root, '..', 'shared', 'corpus')
const out = join(root, '__tests__', 'fixtures', 'yaml-differential', 'table.json')

/** @type {Array<{name: string, input: string}>} */
const cases = []
const add = (name, input) => cases.push({ name, input })

// --- Multi-line flow collections: where the items and the closing bracket sit.
for (const [open, close, items] of [['[', ']', ['"CMD-SHELL"', '"curl -f http://localhost || exit 1"']], ['{', '}', ['a: 1', 'b: "x"']]]) {
  for (const itemIndent of [0, 2, 4, 6, 10]) {
    for (const closeIndent of [0, 2, 4, 6, 10]) {
      for (const comma of ['', ',']) {
        const text =
          `services:\n  web:\n    healthcheck:\n      test: ${open}\n` +
          items.map((item, i) => ' '.repeat(itemIndent) + item + (i < items.length - 1 ? ',' : comma)).join('\n') +
          `\n${' '.repeat(closeIndent)}${close}\n    image: x\n`
        add(`flow ${open}${close} items at ${itemIndent} close at ${closeIndent}${comma ? ' trailing comma' : ''}`, text)
      }
    }
  }
}
for (const [name, text] of [
  ['flow in sequence item, close at dash', 'a:\n  - [\n      1,\n      2\n  ]\n'],
  ['flow in sequence item, close at column 0', 'a:\n  - [\n      1,\n      2\n]\n'],
  ['flow at top level over lines', '[\n1,\n2\n]\n'],
  ['flow mapping at top level over lines', '{\na: 1,\nb: 2\n}\n'],
  ['nested flow over lines', 'a: [[1,\n 2], {b: [3,\n4]}]\n'],
  ['flow with comments inside', 'a: [ # first\n  1, # one\n  2 # two\n]\n'],
  ['flow with empty lines inside', 'a: [\n\n  1,\n\n  2\n\n]\n'],
  ['flow entry after close on same line', 'a: [1, 2] x\n'],
  ['flow unclosed', 'a: [1, 2\nb: 3\n'],
  ['flow double comma', 'a: [1,, 2]\n'],
  ['flow leading comma', 'a: [, 1]\n'],
  ['flow mapping with implicit null', 'a: {b, c: 1}\n'],
  ['flow sequence with single pair', 'a: [b: 1, c]\n'],
  ['flow mapping key over lines', 'a: {\n  b\n  : 1\n}\n'],
  ['flow plain scalar over lines', 'a: [one\n  two, three]\n'],
  ['flow quoted scalar over lines', 'a: ["one\n  two", three]\n'],
  ['flow close bracket then key', 'a: [\n  1\n]\nb: 2\n'],
  ['flow value on continuation line at column 0', 'a:\n[1, 2]\n'],
  ['flow mapping value less indented', 'x:\n  a: {\n b: 1\n  }\n'],
  ['block sequence less indented than key', 'a:\n- 1\n- 2\n'],
  ['flow with colon-adjacent value', 'a: {b:1}\n'],
  ['flow with url', 'a: [http://x.y/z, "b"]\n'],
  ['flow with json style keys', 'a: {"b":1, "c":[2]}\n'],
  ['flow tab separated', 'a: [1,\t2]\n'],
  ['flow sequence trailing comma on one line', 'a: [1, 2,]\n'],
  ['flow mapping trailing comma on one line', 'a: {b: 1,}\n']
]) add(name, text)

// --- Block scalars and their indicators.
const bodies = {
  plain: '  one\n  two\n',
  'trailing blanks': '  one\n  two\n\n\n',
  'more indented': '  one\n    deeper\n  two\n',
  'leading blank': '\n  one\n',
  'leading more-indented': '    one\n  two\n',
  'spaces only line': '  one\n   \n  two\n',
  'no final newline': '  one\n  two'
}
for (const indicator of ['|', '>', '|-', '|+', '>-', '>+', '|2', '>2', '|1', '|2-', '|-2', '>+1', '|0', '|10', '|--']) {
  for (const [bodyName, body] of Object.entries(bodies)) add(`block ${indicator} ${bodyName}`, `a: ${indicator}\n${body}`)
}
for (const [name, text] of [
  ['block scalar followed by key', 'a: |\n  x\nb: 2\n'],
  ['block scalar with comment after indicator', 'a: | # note\n  x\n'],
  ['block scalar with text after indicator', 'a: | x\n  y\n'],
  ['block scalar empty', 'a: |\nb: 1\n'],
  ['block scalar in sequence', '- |\n  x\n- >\n  y\n  z\n'],
  ['block scalar with tab in content', 'a: |\n  x\ty\n'],
  ['block scalar indented with tab', 'a: |\n\tx\n'],
  ['block scalar less indented line', 'a:\n  b: |\n    x\n   y\n'],
  ['folded with more-indented and blank lines', 'a: >\n  one\n  two\n\n    three\n  four\n'],
  ['literal keep at end of file', 'a: |+\n  x\n\n'],
  ['block scalar with document marker inside', 'a: |\n  x\n---\n'],
  ['compose command folded', 'services:\n  web:\n    command: >\n      sh -c "a &&\n      b"\n']
]) add(name, text)

// --- Anchors, aliases and merge keys.
for (const [name, text] of [
  ['anchor and alias', 'a: &x 1\nb: *x\n'],
  ['alias to mapping', 'a: &x {p: 1}\nb: *x\n'],
  ['alias before anchor', 'b: *x\na: &x 1\n'],
  ['undefined alias', 'a: *nope\n'],
  ['anchor redefined', 'a: &x 1\nb: &x 2\nc: *x\n'],
  ['merge one map', 'base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n'],
  ['merge explicit key before merge', 'base: &b {x: 1, y: 2}\nc:\n  y: 3\n  <<: *b\n'],
  ['merge list order', 'a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n'],
  ['merge list reversed', 'a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*b, *a]\n'],
  ['merge inline mapping', 'c:\n  <<: {x: 1}\n  y: 2\n'],
  ['merge inline list of mappings', 'c:\n  <<: [{x: 1}, {x: 2, y: 3}]\n'],
  ['merge scalar', 'a: &a 1\nc:\n  <<: *a\n'],
  ['merge null', 'c:\n  <<:\n  x: 1\n'],
  ['merge list with scalar', 'a: &a {x: 1}\nc:\n  <<: [*a, 2]\n'],
  ['merge twice', 'a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n'],
  ['merge quoted key', 'a: &a {x: 1}\nc:\n  "<<": *a\n'],
  ['merge tagged key', 'a: &a {x: 1}\nc:\n  !!merge <<: *a\n'],
  ['merge str-tagged key', 'a: &a {x: 1}\nc:\n  !!str <<: *a\n'],
  ['merge nested', 'a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n  z: 3\n'],
  ['merge nested override', 'a: &a {x: 1, y: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n'],
  ['merge into sequence item', 'a: &a {x: 1}\nl:\n  - <<: *a\n    y: 2\n'],
  ['merge at top level', 'x-a: &a {services: {web: {image: x}}}\n<<: *a\n'],
  ['merge compose extension', 'x-common: &common\n  restart: always\n  environment:\n    A: "1"\nservices:\n  web:\n    <<: *common\n    image: nginx\n  db:\n    <<: *common\n    restart: "no"\n'],
  ['merge of alias to sequence', 'a: &a [1]\nc:\n  <<: *a\n'],
  ['merge list with nested list', 'a: &a {x: 1}\nc:\n  <<: [[*a]]\n'],
  ['merge empty list', 'c:\n  <<: []\n  x: 1\n'],
  ['merge empty map', 'c:\n  <<: {}\n  x: 1\n'],
  ['anchor on sequence alias in sequence', 'a: &s [1, 2]\nb: [*s, *s]\n'],
  ['anchor on key', '&k a: 1\nb: *k\n'],
  ['alias as key', 'a: &k x\n*k : 1\n'],
  ['anchor with odd characters', 'a: &x.y-z_1 1\nb: *x.y-z_1\n'],
  ['anchor on empty value', 'a: &x\nb: *x\n'],
  ['alias with trailing colon', 'a: &x 1\nb: *x:\n'],
  ['recursive alias', 'a: &a [*a]\n'],
  ['merge with duplicate after merge', 'a: &a {x: 1}\nc:\n  <<: *a\n  x: 2\n  x: 3\n'],
  ['anchored merge source in other document', 'a: &a {x: 1}\n---\nc:\n  <<: *a\n'],
  ['merge value is tagged map', 'c:\n  <<: !!map {x: 1}\n'],
  ['merge inside flow', 'a: &a {x: 1}\nc: {<<: *a, y: 2}\n']
]) add(name, text)

// --- Tags.
for (const [name, text] of [
  ['!!str on int', 'a: !!str 123\n'],
  ['!!int on quoted', 'a: !!int "12"\n'],
  ['!!int on word', 'a: !!int abc\n'],
  ['!!float on int', 'a: !!float 1\n'],
  ['!!bool on yes', 'a: !!bool yes\n'],
  ['!!bool on true', 'a: !!bool true\n'],
  ['!!null on null', 'a: !!null null\n'],
  ['!!null on text', 'a: !!null x\n'],
  ['!!binary', 'a: !!binary aGVsbG8=\n'],
  ['!!binary invalid', 'a: !!binary "@@@"\n'],
  ['!!timestamp', 'a: !!timestamp 2001-12-14\n'],
  ['!!map on mapping', 'a: !!map {b: 1}\n'],
  ['!!seq on sequence', 'a: !!seq [1]\n'],
  ['!!str on mapping', 'a: !!str {b: 1}\n'],
  ['!!map on scalar', 'a: !!map x\n'],
  ['!reset on sequence', 'a: !reset []\n'],
  ['!reset on null', 'a: !reset\n'],
  ['!reset on scalar', 'a: !reset x\n'],
  ['!override on mapping', 'a: !override\n  b: 1\n'],
  ['custom tag on scalar', 'a: !foo 12\n'],
  ['custom tag on mapping', 'a: !foo {b: 1}\n'],
  ['custom tag on sequence', 'a: !foo [1]\n'],
  ['non-specific tag on plain', 'a: ! 12\n'],
  ['verbatim tag', 'a: !<tag:yaml.org,2002:str> 12\n'],
  ['verbatim custom tag', 'a: !<x> 12\n'],
  ['tag directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n'],
  ['undefined tag handle', 'a: !e!foo 1\n'],
  ['yaml directive 1.1', '%YAML 1.1\n---\na: yes\n'],
  ['yaml directive 1.2', '%YAML 1.2\n---\na: 1\n'],
  ['yaml directive 2.0', '%YAML 2.0\n---\na: 1\n'],
  ['unknown directive', '%FOO bar\n---\na: 1\n'],
  ['tag on key', '!!str 1: a\n'],
  ['int-tagged key', '!!int "1": a\n'],
  ['long tag str', 'a: !!python/str x\n'],
  ['tag and anchor', 'a: !!str &x 1\nb: *x\n'],
  ['anchor and tag', 'a: &x !!str 1\nb: *x\n']
]) add(name, text)

// --- Duplicate keys.
for (const [name, text] of [
  ['duplicate key', 'a: 1\na: 2\n'],
  ['duplicate nested key', 'a:\n  b: 1\n  b: 2\n'],
  ['duplicate key quoted and plain', 'a: 1\n"a": 2\n'],
  ['duplicate key int and string', '1: a\n"1": b\n'],
  ['duplicate key 1 and 01', '1: a\n01: b\n'],
  ['duplicate key true and True', 'true: a\nTrue: b\n'],
  ['duplicate key in flow', 'a: {b: 1, b: 2}\n'],
  ['duplicate null keys', '~: a\nnull: b\n'],
  ['duplicate empty key', ': a\n: b\n'],
  ['duplicate key in other documents', 'a: 1\n---\na: 2\n'],
  ['duplicate service', 'services:\n  web:\n    image: a\n  web:\n    image: b\n']
]) add(name, text)

// --- Tabs, BOM, CRLF, odd whitespace.
for (const [name, text] of [
  ['tab indentation', 'a:\n\tb: 1\n'],
  ['tab after colon', 'a:\t1\n'],
  ['tab before comment', 'a: 1\t# c\n'],
  ['tab in plain scalar', 'a: x\ty\n'],
  ['tab after dash', '-\t1\n'],
  ['tab at line end', 'a: 1\t\n'],
  ['tab on blank line', 'a: 1\n\t\nb: 2\n'],
  ['tab in flow indentation', 'a: [\n\t1\n]\n'],
  ['tab indented key continuation', 'a:\n  b: 1\n\t\n  c: 2\n'],
  ['BOM', '\ufeffa: 1\n'],
  ['BOM then document marker', '\ufeff---\na: 1\n'],
  ['BOM in the middle', 'a: 1\n\ufeffb: 2\n'],
  ['CRLF', 'a: 1\r\nb:\r\n  c: 2\r\n'],
  ['CRLF block scalar', 'a: |\r\n  x\r\n  y\r\n'],
  ['CRLF folded', 'a: >\r\n  x\r\n  y\r\n'],
  ['CR only', 'a: 1\rb: 2\r'],
  ['mixed line ends', 'a: 1\r\nb: 2\nc: 3\r\n'],
  ['no final newline', 'a: 1'],
  ['trailing spaces', 'a: 1   \nb:   \n  c: x  \n'],
  ['trailing spaces in quoted', 'a: "x  "\n'],
  ['nbsp in value', 'a: x\u00a0y\n'],
  ['non-breaking space indentation', 'a:\n\u00a0b: 1\n'],
  ['zero width space', 'a: \u200bx\n'],
  ['NUL byte', 'a: x\u0000y\n'],
  ['control character', 'a: x\u0001y\n'],
  ['DEL character', 'a: x\u007fy\n'],
  ['line separator U+2028', 'a: x\u2028y\n'],
  ['next line U+0085', 'a: x\u0085y\n'],
  ['emoji', 'a: "\ud83d\ude00"\nb: \ud83d\ude00\n'],
  ['lone surrogate escape', 'a: "\\ud800"\n'],
  ['form feed', 'a: 1\n\f\nb: 2\n'],
  ['only whitespace', '   \n\n'],
  ['empty', ''],
  ['only comment', '# c\n'],
  ['indentation mismatch', 'a:\n  b: 1\n   c: 2\n'],
  ['indentation dedent to odd column', 'a:\n    b: 1\n  c: 2\n'],
  ['key without value at end', 'a:\n  b:\n'],
  ['value on next line more indented', 'a:\n    1\n'],
  ['plain multi-line value', 'a: one\n  two\n  three\n'],
  ['plain multi-line value at column 0', 'a: one\ntwo\n'],
  ['plain value with colon space', 'a: b: c\n'],
  ['plain value with colon', 'a: b:c\n'],
  ['plain value with hash', 'a: b#c\n'],
  ['plain value with space hash', 'a: b #c\n'],
  ['plain starting with indicator', 'a: @x\n'],
  ['plain starting with backtick', 'a: `x`\n'],
  ['plain starting with percent', 'a: %x\n'],
  ['plain starting with dash', 'a: -x\n'],
  ['plain starting with question', 'a: ?x\n'],
  ['plain starting with colon', 'a: :x\n'],
  ['plain with brackets', 'a: x[1]{2}\n'],
  ['plain ending with colon', 'a: x:\n'],
  ['sequence in mapping same line', 'a: - 1\n'],
  ['mapping in sequence compact', '- a: 1\n  b: 2\n- c\n'],
  ['nested sequence compact', '- - 1\n  - 2\n- 3\n'],
  ['key longer than 1024', 'a'.repeat(1100) + ': 1\n'],
  ['implicit key over lines', 'a\nb: 1\n'],
  ['very long value', 'a: ' + 'x'.repeat(5000) + '\n']
]) add(name, text)

// --- Several documents.
for (const [name, text] of [
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['document start only', '---\n'],
  ['document end marker', 'a: 1\n...\n'],
  ['document end then start', 'a: 1\n...\n---\nb: 2\n'],
  ['empty documents', '---\n---\n---\n'],
  ['document with scalar', '--- text\n'],
  ['document start with mapping on same line', '--- a: 1\n'],
  ['document start with flow', '--- {a: 1}\n'],
  ['content after document end', 'a: 1\n...\nb: 2\n'],
  ['error in second document', 'a: 1\n---\nb: [\n'],
  ['directive after content without end', 'a: 1\n%YAML 1.2\n---\nb: 2\n'],
  ['comment document', 'a: 1\n---\n# only\n'],
  ['document marker indented', 'a: 1\n ---\n'],
  ['document marker in quoted', 'a: "x\n---\ny"\n'],
  ['three dashes as value', 'a: ---\n'],
  ['top-level sequence', '- a\n- b\n'],
  ['top-level scalar', 'just text\n']
]) add(name, text)

// --- Scalar resolution: YAML 1.1 words, numbers, nulls, timestamps, as values and as keys.
const words = [
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N',
  'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'nUll', '~', '',
  '0', '-0', '+0', '012', '0o12', '0o19', '-0o12', '0x1F', '0X1F', '-0x1F', '0b101', '-0b101', '0b2', '08', '09.5',
  '1_000', '1__0', '_1', '1_', '+12', '-12', '1:20', '190:20:30', '-1:30', '1.5', '.5', '5.', '1e3', '1E3', '1e+3',
  '1.5e-3', '+.5', '-.5', '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan', 'Infinity',
  '1.0e500', '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616',
  '-9223372036854775808', '-9223372036854775809', '0x_1F', '1,000', '1.2.3', '0.1.2', '1e', 'e1', '0x', '0o',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.10Z', '2001-12-14 21:59:43.10', '2001-12-14 21:59:43.10 -5',
  '2001-1-2', '2001-13-40', '20011214', '2002-12-14T21:59:43Z', '12:30', '1.2e3.4', '<<', '=', '!', '&', '*', '0.', '-.', '.', '+', '-',
  '1.5_0', '0x1.8p1', '1_000.5', '.1_0', '0b1_0', '0o1_7', '0x_', '3.14159265358979323846264338327950288'
]
words.forEach((word, i) => {
  const safe = /^[!&*]/.test(word) ? `"${word}"` : word
  add(`scalar ${i} "${word}" as value`, `v: ${safe}\n`)
})
;['yes', 'on', 'no', 'true', '1', '012', '0o12', '1.5', '~', 'null', '2001-12-14', '.inf', '1:20', '0x1F', '1_000'].forEach((word) =>
  add(`scalar "${word}" as key`, `${word}: v\n`)
)
;['yes', '1', 'true', 'null', '1.5'].forEach((word) => {
  add(`quoted "${word}" single`, `v: '${word}'\n`)
  add(`quoted "${word}" double`, `v: "${word}"\n`)
  add(`block "${word}"`, `v: |-\n  ${word}\n`)
})

// --- Quoted keys, complex keys, escapes, comments in odd places.
for (const [name, text] of [
  ['quoted keys', '"a b": 1\n\'c\': 2\n"": 3\n'],
  ['complex key sequence', '? [a, b]\n: 1\n'],
  ['complex key mapping', '? {a: 1}\n: 1\n'],
  ['explicit key scalar', '? a\n: 1\n'],
  ['explicit key without value', '? a\n'],
  ['explicit key block scalar', '? |\n  a\n: 1\n'],
  ['flow key in flow', '{[a]: 1}\n'],
  ['escapes', 'a: "\\t\\n\\\\\\"\\x41\\u0042\\U00000043\\0\\a\\b\\e\\f\\r\\v\\/\\ \\_\\N\\L\\P"\n'],
  ['invalid escape', 'a: "\\q"\n'],
  ['escaped line break', 'a: "one \\\n  two"\n'],
  ['single quote escape', "a: 'it''s'\n"],
  ['double quoted multi-line folding', 'a: "one\n  two\n\n  three"\n'],
  ['single quoted multi-line', "a: 'one\n  two'\n"],
  ['quoted followed by text', 'a: "x" y\n'],
  ['comment between key and value', 'a: # c\n  1\n'],
  ['comment between key and nested map', 'a:\n# c\n  b: 1\n'],
  ['comment without space', 'a: 1#c\n'],
  ['comment at column 0 inside block scalar', 'a: |\n  x\n# not a comment\n  y\n'],
  ['comment indented inside block scalar', 'a: |\n  x\n  # in text\n'],
  ['comment after sequence dash', '- # c\n  1\n'],
  ['comment after anchor', 'a: &x # c\n  1\nb: *x\n'],
  ['comment after tag', 'a: !!str # c\n  1\n'],
  ['comment inside flow mapping', 'a: {b: 1, # c\n  c: 2}\n'],
  ['comment after document marker', '--- # c\na: 1\n'],
  ['comment immediately after quoted', 'a: "x"# c\n'],
  ['key with trailing space before colon', 'a  : 1\n'],
  ['key with colon inside', 'a:b: 1\n'],
  ['key with url', 'http://x: 1\n'],
  ['key with spaces', 'a b c: 1\n'],
  ['colon without space value', 'a:1\n'],
  ['empty key', ': 1\n'],
  ['quoted key empty value', '"a":\n'],
  ['json document', '{"services": {"web": {"image": "x", "ports": [80, "443:443"]}}}\n'],
  ['json without spaces', '{"a":[1,2],"b":{"c":null}}\n'],
  ['compose environment list', 'services:\n  web:\n    environment:\n      - A=1\n      - B=yes\n      - C\n'],
  ['compose environment map', 'services:\n  web:\n    environment:\n      A: 1\n      B: yes\n      C:\n      D: "on"\n'],
  ['compose ports', 'services:\n  web:\n    ports:\n      - 80:80\n      - "443:443"\n      - 22:22\n      - 1:20\n'],
  ['compose deep', 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          cpus: 0.50\n          memory: 50M\n']
]) add(name, text)

// --- Depth and size bounds (go-yaml's own limits differ; these stay in ordinary ranges).
add('nesting 50 deep flow', 'a: ' + '['.repeat(50) + ']'.repeat(50) + '\n')
add('nesting 50 deep block', Array.from({ length: 50 }, (_, i) => ' '.repeat(i * 2) + `k${i}:`).join('\n') + ' 1\n')

// --- The corpus.
function walk(dir) {
  let files = []
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) files = files.concat(walk(path))
    else if (/\.ya?ml$/i.test(entry)) files.push(path)
  }
  return files
}
let corpusCount = 0
try {
  for (const file of walk(corpus)) {
    add(`corpus ${relative(corpus, file)}`, readFileSync(file, 'utf8'))
    corpusCount++
  }
} catch (error) {
  console.error(`no corpus read (${error.message}); generated cases only`)
}

const names = new Set()
for (const c of cases) {
  if (names.has(c.name)) throw new Error(`duplicate case name: ${c.name}`)
  names.add(c.name)
}

const work = mkdtempSync(join(tmpdir(), 'yaml-diff-'))
const binary = join(work, 'yaml-diff')
execFileSync('go', ['build', '-o', binary, join(root, 'scripts', 'yaml-diff', 'main.go')], {
  env: { ...process.env, GO111MODULE: 'off', GOPATH: process.env.GOPATH ?? '/usr/share/gocode', GOCACHE: join(work, 'cache') },
  stdio: 'inherit'
})
const paths = cases.map((c, i) => {
  const path = join(work, `${i}.yaml`)
  writeFileSync(path, c.input)
  return path
})
const verdicts = JSON.parse(execFileSync(binary, paths, { maxBuffer: 1 << 28 }).toString('utf8'))
const table = {
  about:
    'go-yaml v3 (gopkg.in/yaml.v3, Debian golang-gopkg-yaml.v3-dev) verdict and value tree for each input, from scripts/yaml-diff; regenerate with node scripts/yaml-diff/generate.mjs',
  cases: cases.map((c, i) => ({ name: c.name, input: c.input, expected: verdicts[paths[i]] }))
}
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify(table, null, 1) + '\n')
const accepted = table.cases.filter((c) => c.expected.ok).length
console.log(`${cases.length} cases (${cases.length - corpusCount} generated, ${corpusCount} corpus), go-yaml accepts ${accepted}; wrote ${relative(root, out)}`)
