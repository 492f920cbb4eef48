// Builds the YAML differential table: generated edge cases plus every .yml/.yaml file of ../shared/corpus,
// each with go-yaml v3's verdict and value tree, as printed by scripts/yaml-diff/main.go.
//
//   apt-get install -y golang-go golang-gopkg-yaml.v3-dev
//   node scripts/yaml-diff/generate.mjs
//
// writes __tests__/fixtures/yaml-differential/table.json, which __tests__/compose/yaml-differential.test.ts
// checks the product's YAML layer against (CI needs no Go).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { yamlFilesUnder } from './yaml-files.mjs'

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

// --- Wider evidence: families of variants, each built from a few base documents.
const bases = {
  compose: 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "80:80"\n    environment:\n      A: "1"\n',
  nested: 'a:\n  - b: 1\n    c: [x, y]\n  - "q": |\n      t\n',
  flow: 'x: {a: [1, 2], b: {c: d}}\n',
  anchors: 'x-c: &c\n  restart: always\nservices:\n  web:\n    <<: *c\n    image: a\n',
  scalars: 'a: >-\n  one\n  two\nb: \'s\'\nc: "d"\n'
}
// Tabs in every position of the base documents: inserted before each character, and in place of each space.
for (const [baseName, base] of Object.entries(bases)) {
  for (let i = 0; i <= base.length; i++) add(`tab inserted at ${i} of ${baseName}`, base.slice(0, i) + '\t' + base.slice(i))
  for (let i = 0; i < base.length; i++) if (base[i] === ' ') add(`tab for the space at ${i} of ${baseName}`, base.slice(0, i) + '\t' + base.slice(i + 1))
}
// Line ends, BOM, document markers and comments around each base document.
for (const [baseName, base] of Object.entries(bases)) {
  add(`CRLF ${baseName}`, base.replace(/\n/g, '\r\n'))
  add(`CR only ${baseName}`, base.replace(/\n/g, '\r'))
  add(`BOM ${baseName}`, '\ufeff' + base)
  add(`BOM CRLF ${baseName}`, '\ufeff' + base.replace(/\n/g, '\r\n'))
  add(`document start ${baseName}`, '---\n' + base)
  add(`document end ${baseName}`, base + '...\n')
  add(`document end then more ${baseName}`, base + '...\n' + base)
  add(`document end start then more ${baseName}`, base + '...\n---\n' + base)
  add(`two documents ${baseName}`, base + '---\n' + base)
  add(`document start comment ${baseName}`, '--- # c\n' + base)
  add(`directive ${baseName}`, '%YAML 1.1\n---\n' + base)
  add(`directive without start ${baseName}`, '%YAML 1.1\n' + base)
  add(`trailing comments without space ${baseName}`, base.replace(/\n/g, '#c\n'))
  add(`trailing comments ${baseName}`, base.replace(/\n/g, ' # c\n'))
  add(`comment lines between ${baseName}`, base.replace(/\n(?=.)/g, '\n# c\n'))
  add(`indented comment lines between ${baseName}`, base.replace(/\n(?=.)/g, '\n      # c\n'))
  add(`tab comment lines between ${baseName}`, base.replace(/\n(?=.)/g, '\n\t# c\n'))
  add(`blank tab lines between ${baseName}`, base.replace(/\n(?=.)/g, '\n\t\n'))
  add(`blank lines between ${baseName}`, base.replace(/\n(?=.)/g, '\n\n'))
  add(`indented by one ${baseName}`, base.replace(/^/gm, ' ').trimEnd() + '\n')
  add(`indented by three ${baseName}`, base.replace(/^(?=.)/gm, '   '))
  add(`no final newline ${baseName}`, base.slice(0, -1))
  add(`line separator ends ${baseName}`, base.replace(/\n/g, '\u2028'))
  add(`next line ends ${baseName}`, base.replace(/\n/g, '\u0085'))
}
// Block scalars whose line breaks are NEL, LS or PS (go-yaml keeps LS and PS in the value, NEL is a line feed).
for (const [sepName, sep] of [['LS', '\u2028'], ['PS', '\u2029'], ['NEL', '\u0085']]) {
  for (const header of ['|', '|-', '|+', '>', '>-', '>+', '|2', '>1-']) {
    const body = `a: ${header}\n  one\n  two\n\n  three\n   four\n\n\nb: 1\n`
    add(`${sepName} breaks in block scalar ${header}`, body.replace(/\n/g, sep))
    add(`${sepName} breaks inside block scalar ${header}`, body.replace(/(?<=\n {2}[^\n]*)\n/g, sep))
    add(`${sepName} breaks in block scalar ${header} at end`, `a: ${header}\n  one${sep}  two${sep}`)
  }
  add(`${sepName} breaks in plain scalar`, `a: one${sep}  two${sep}${sep}  three\nb: 1\n`)
  add(`${sepName} breaks in plain scalar in flow`, `a: [one${sep}  two, x]\n`)
  add(`${sepName} breaks in double-quoted scalar`, `a: "one${sep}  two${sep}${sep}  three"\n`)
  add(`${sepName} breaks in single-quoted scalar`, `a: 'one${sep}  two'\n`)
  add(`${sepName} break after double-quoted escape`, `a: "one\\${sep}  two"\n`)
  add(`${sepName} breaks in double-quoted scalar with escapes`, `a: "\\x41\\u00e9\\t\\N\\_\\L \\"q\\" \\U0001F600 ${sep}${sep}  b  \\\n  c"\n`)
  add(`${sepName} breaks in single-quoted scalar with quotes`, `a: 'it''s ${sep}${sep}  x  ${sep} y'\n`)
  add(`${sepName} breaks in plain values`, `x: [a ${sep}${sep} b, {c: d${sep} e}]\n`)
}
// Multi-line flow collections in block sequences and nested mappings, brackets at every column.
for (const col of [0, 1, 2, 3, 4, 6]) {
  add(`flow in sequence item closed at ${col}`, `a:\n  - [\n    1,\n    2\n${' '.repeat(col)}]\n  - x\n`)
  add(`flow map in sequence item closed at ${col}`, `a:\n  - {\n    b: 1\n${' '.repeat(col)}}\n`)
  add(`flow opened on next line at ${col}`, `a:\n${' '.repeat(col)}[1, 2]\n`)
  add(`flow items at ${col} under nested key`, `s:\n  w:\n    t: [\n${' '.repeat(col)}"x",\n${' '.repeat(col)}"y"]\n`)
  add(`flow key on next line at ${col}`, `a: {b:\n${' '.repeat(col)}1}\n`)
  add(`flow nested map over lines at ${col}`, `a: {b: {c: 1,\n${' '.repeat(col)}d: 2}}\n`)
}
for (const [name, text] of [
  ['flow pair key over lines in sequence', 'a: [b\n  : 1]\n'],
  ['flow explicit key', 'a: {? b : 1}\n'],
  ['flow explicit key in sequence', 'a: [? b : 1]\n'],
  ['flow empty value', 'a: {b: , c: 1}\n'],
  ['flow colon without space after quoted', 'a: {"b":1}\n'],
  ['flow colon without space after plain', 'a: [b:1]\n'],
  ['flow comment after open', 'a: [ # c\n1]\n'],
  ['flow comment glued', 'a: [1,# c\n2]\n'],
  ['flow closed twice', 'a: [1]]\n'],
  ['flow closing brace for bracket', 'a: [1}\n'],
  ['flow document marker inside', 'a: [1,\n---\n2]\n'],
  ['flow alias as key', 'b: &x k\na: {*x : 1}\n'],
  ['flow anchor inside', 'a: [&x 1, *x]\n'],
  ['flow tag inside', 'a: [!!str 1, !!int "2"]\n'],
  ['flow block scalar inside', 'a: [|\n  x\n]\n'],
  ['flow sequence of maps over lines', 'a: [\n  {b: 1},\n  {c: 2}\n]\n'],
  ['flow long line key', 'a: {' + 'k'.repeat(1030) + ': 1}\n']
]) add(name, text)
// Block scalar headers and bodies in more contexts.
for (const indicator of ['|', '>', '|-', '>+', '|2', '>1-', '|+2', '|9', '>-3']) {
  add(`block ${indicator} in sequence`, `- ${indicator}\n  x\n   y\n- z\n`)
  add(`block ${indicator} nested deeper`, `a:\n  b: ${indicator}\n      x\n      y\n  c: 1\n`)
  add(`block ${indicator} with comment`, `a: ${indicator} # note\n  x\n`)
  add(`block ${indicator} with glued comment`, `a: ${indicator}# note\n  x\n`)
  add(`block ${indicator} with tab before comment`, `a: ${indicator}\t# note\n  x\n`)
  add(`block ${indicator} empty at end`, `a: ${indicator}\n`)
  add(`block ${indicator} with tab indented line`, `a: ${indicator}\n  x\n\ty\n`)
  add(`block ${indicator} then comment at column 0`, `a: ${indicator}\n  x\n# c\nb: 1\n`)
  add(`block ${indicator} CRLF`, `a: ${indicator}\r\n  x\r\n\r\n  y\r\n`)
}
// Anchors, aliases, merge keys.
for (const [name, text] of [
  ['anchor on sequence item mapping', '- &a\n  x: 1\n- *a\n'],
  ['anchor then tag on mapping', 'a: &x !!map\n  b: 1\nc: *x\n'],
  ['tag then anchor on mapping', 'a: !!map &x\n  b: 1\nc: *x\n'],
  ['anchor on document root', '&r\na: 1\n'],
  ['anchor with colon after', 'a: &x: 1\n'],
  ['anchor glued to value', 'a: &x1\n'],
  ['alias with tag', 'a: &x 1\nb: !!str *x\n'],
  ['alias with anchor', 'a: &x 1\nb: &y *x\n'],
  ['alias in flow key position', 'a: &x 1\nb: {*x: 2}\n'],
  ['merge of merge list with alias and inline', 'a: &a {x: 1}\nc:\n  <<: [*a, {y: 2}]\n'],
  ['merge key in flow with list', 'a: &a {x: 1}\nb: &b {y: 2}\nc: {<<: [*a, *b]}\n'],
  ['merge then override then merge', 'a: &a {x: 1}\nc:\n  x: 0\n  <<: *a\n'],
  ['merge in second document from first', 'a: &a {x: 1}\n---\nb:\n  <<: *a\n'],
  ['merge compose services', 'x-base: &base\n  image: a\n  environment: &env\n    A: 1\nservices:\n  w:\n    <<: *base\n    environment:\n      <<: *env\n      B: 2\n'],
  ['merge anchor on merge value', 'c:\n  <<: &m {x: 1}\nd: *m\n'],
  ['alias of scalar as mapping value key', 'k: &k key\nm:\n  *k : v\n'],
  ['anchor names with dots', 'a: &a.b 1\n'],
  ['anchor name unicode', 'a: &é 1\n'],
  ['many aliases', 'a: &a [1]\nb: [' + Array(50).fill('*a').join(', ') + ']\n']
]) add(name, text)
// Tags, including Compose's.
for (const [name, text] of [
  ['!!binary multi-line', 'a: !!binary |\n  aGVs\n  bG8=\n'],
  ['!!binary on mapping', 'a: !!binary {b: 1}\n'],
  ['!!binary empty', 'a: !!binary ""\n'],
  ['!!binary with spaces', 'a: !!binary "aGVs bG8="\n'],
  ['!reset on mapping', 'a: !reset {b: 1}\n'],
  ['!reset on key', '!reset a: 1\n'],
  ['!override on sequence', 'a: !override [1]\n'],
  ['!override on scalar', 'a: !override x\n'],
  ['!reset in compose', 'services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: 1\n'],
  ['tag glued to value', 'a: !!str1\n'],
  ['tag with comma in flow', 'a: [!!str, 1]\n'],
  ['tag with comma in flow of ints', 'a: [!!int, 1, 2]\n'],
  ['tag with comma glued in flow', 'a: [!x,y, 1]\n'],
  ['tag with brackets in flow', 'a: [!x[], 1]\n'],
  ['tag with comma in flow mapping', 'a: {b: !!str, 2}\n'],
  ['tag with comma in flow then end', 'a: [1, !!str,]\n'],
  ['tag with comma in block', 'a: !!str, 1\n'],
  ['tag with comma on empty value', 'a:\n  - !!str,\n  - x\n'],
  ['local tag with comma in flow', 'a: [!local, 1]\n'],
  ['tag uri escape', 'a: !<tag:x%21> 1\n'],
  ['tag uri bad escape', 'a: !<tag:x%2> 1\n'],
  ['tag primary with escape', 'a: !x%41 1\n'],
  ['tag handle undefined in second document', '%TAG !e! tag:e,2000:\n---\na: !e!x 1\n---\nb: !e!y 2\n'],
  ['tag directive duplicate', '%TAG !e! a:\n%TAG !e! b:\n---\na: 1\n'],
  ['yaml directive twice', '%YAML 1.1\n%YAML 1.1\n---\na: 1\n'],
  ['yaml directive long number', '%YAML 1.100\n---\na: 1\n'],
  ['yaml directive no number', '%YAML\n---\na: 1\n'],
  ['directive with comment', '%YAML 1.1 # c\n---\na: 1\n'],
  ['directive with trailing text', '%YAML 1.1 x\n---\na: 1\n'],
  ['directive name with digit', '%YAML2 1.1\n---\na: 1\n'],
  ['percent in plain value', 'a: 50%\n'],
  ['percent at column 0 in value continuation', 'a: b\n%c\n'],
  ['!!str on null', 'a: !!str\n'],
  ['!!int hex', 'a: !!int 0x1F\n'],
  ['!!float on word', 'a: !!float abc\n'],
  ['!!timestamp invalid', 'a: !!timestamp x\n'],
  ['!!seq on mapping', 'a: !!seq {b: 1}\n'],
  ['!!merge on plain', 'a: !!merge x\n']
]) add(name, text)
// Duplicate keys.
for (const [name, text] of [
  ['duplicate key after merge', 'a: &a {x: 1}\nc:\n  <<: *a\n  y: 1\n  y: 2\n'],
  ['duplicate key 1.0 and 1', '1.0: a\n1: b\n'],
  ['duplicate key yes and true', 'yes: a\ntrue: b\n'],
  ['duplicate key ~ and empty', '~: a\n"": b\n'],
  ['duplicate key in sequence items', '- a: 1\n  a: 2\n'],
  ['duplicate key across merge sources', 'a: &a {x: 1}\nb: &b {x: 2}\nc:\n  <<: [*a, *b]\n'],
  ['duplicate key 0x10 and 16', '0x10: a\n16: b\n'],
  ['duplicate key on and On', 'on: a\nOn: b\n'],
  ['duplicate key quoted single and double', "'a': 1\n\"a\": 2\n"],
  ['duplicate key alias and plain', 'x: &k a\ny:\n  *k : 1\n  a: 2\n']
]) add(name, text)
// YAML 1.1 words in keys, flow, sequences and Compose fields.
for (const word of ['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'OFF', 'true', '~', 'null', '0777', '1e3', '1:30']) {
  add(`word ${word} in flow`, `a: [${word}, {${word}: ${word}}]\n`)
  add(`word ${word} in sequence`, `- ${word}\n`)
  add(`word ${word} in compose`, `services:\n  web:\n    image: a\n    privileged: ${word}\n    environment:\n      X: ${word}\n`)
}
// Odd indentation, long keys, comments without space.
for (const [name, text] of [
  ['sequence indented under key by one', 'a:\n - 1\n - 2\n'],
  ['sequence items at different indents', 'a:\n  - 1\n   - 2\n'],
  ['sequence dedented item', 'a:\n  - 1\n - 2\n'],
  ['mapping under sequence item misaligned', '- a: 1\n   b: 2\n'],
  ['mapping under sequence item less', '- a: 1\n b: 2\n'],
  ['key at deeper level then back', 'a:\n      b: 1\nc: 2\n'],
  ['value more indented on next line', 'a:\n  b:\n        c\n'],
  ['plain continuation less indented', 'a:\n  b: x\n y\n'],
  ['plain continuation with tab indent', 'a: x\n\ty\n'],
  ['quoted continuation at column 0', 'a: "x\ny"\n'],
  ['single quoted continuation at column 0', "a: 'x\ny'\n"],
  ['key 1023 long', 'k'.repeat(1023) + ': 1\n'],
  ['key 1024 long', 'k'.repeat(1024) + ': 1\n'],
  ['key 1025 long', 'k'.repeat(1025) + ': 1\n'],
  ['quoted key 1030 long', '"' + 'k'.repeat(1030) + '": 1\n'],
  ['key with multibyte 600', 'é'.repeat(600) + ': 1\n'],
  ['comment glued to plain', 'a: b#c\n'],
  ['comment glued to single quoted', "a: 'b'#c\n"],
  ['comment glued to flow end', 'a: [1]#c\n'],
  ['comment glued to flow map end', 'a: {b: 1}#c\n'],
  ['comment glued to key colon', 'a:#c\n'],
  ['comment glued to dash', '-#c\n'],
  ['comment glued to alias', 'a: &x 1\nb: *x#c\n'],
  ['comment glued to anchor', 'a: &x#c 1\n'],
  ['comment glued to tag', 'a: !!str#c 1\n'],
  ['comment glued to quoted key', '"a"#c: 1\n'],
  ['comment after quoted key value', '"a": "b"#c\nc: d\n'],
  ['comment glued inside multi-line quoted', 'a: "x"#c\nb: "y"#d\n'],
  ['document end with comment', 'a: 1\n... # c\n'],
  ['document end glued', 'a: 1\n...#c\n'],
  ['document start glued', '---#c\na: 1\n'],
  ['document start then value', '--- a\n'],
  ['document start then sequence', '--- - a\n'],
  ['document end indented', 'a: 1\n ...\n'],
  ['document end inside block scalar', 'a: |\n  x\n...\n'],
  ['document end in plain', 'a: b\n...\n'],
  ['only document end', '...\n'],
  ['document end then directive', 'a: 1\n...\n%YAML 1.1\n---\nb: 2\n'],
  ['start start', '---\n---\na: 1\n'],
  ['end end', 'a: 1\n...\n...\n']
]) add(name, text)

// --- Depth and size bounds (go-yaml's own limits differ; these stay in ordinary ranges).
add('nesting 50 deep flow', 'a: ' + '['.repeat(50) + ']'.repeat(50) + '\n')
add('nesting 50 deep block', Array.from({ length: 50 }, (_, i) => ' '.repeat(i * 2) + `k${i}:`).join('\n') + ' 1\n')

// --- The corpus.
let corpusCount = 0
try {
  for (const file of yamlFilesUnder(corpus)) {
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
