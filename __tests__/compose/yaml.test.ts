import { describe, expect, it } from '@jest/globals'
import { pairOf, parseYaml, YAML_LIMITS, type YamlMapping, type YamlNode } from '../../src/compose/yaml.js'

function at(parse: ReturnType<typeof parseYaml>, node: YamlNode): string {
  const p = parse.index.positionAt(node.start)
  return `${p.line}:${p.column}`
}

function get(node: YamlNode | undefined, ...path: Array<string | number>): YamlNode {
  let current = node!
  for (const step of path) {
    if (typeof step === 'number') current = (current as { items: YamlNode[] }).items[step]
    else current = pairOf(current as YamlMapping, step)!.value
  }
  return current
}

describe('YAML tree with positions', () => {
  it('reads a long run of tabs between flow entries in linear time (a fuzz case took 2 s for 28 KB)', () => {
    const tabs = '\t'.repeat(100_000)
    const text = `services:\n  web: {image: redis,${tabs}privileged: true}\n`
    const started = process.cpuUsage()
    const parse = parseYaml(text)
    const { user, system } = process.cpuUsage(started)
    expect((user + system) / 1000).toBeLessThan(500)
    const privileged = get(parse.documents[0].root, 'services', 'web', 'privileged')
    expect(privileged).toMatchObject({ kind: 'scalar', value: 'true' })
    expect(at(parse, privileged)).toBe(`2:${text.indexOf('true') - text.indexOf('\n')}`)
  })

  it('gives every key, value and item its 1-based line and column, comments and quotes included', () => {
    const text = [
      '# a comment',
      'services:   # trailing',
      '  "web":',
      '    # between',
      '    image: "nginx:1.27"',
      '    cap_add: [SYS_ADMIN, "NET_ADMIN"]',
      '    ports:',
      '      - "80:80"',
      '      - target: 443',
      '    empty:',
      ''
    ].join('\n')
    const parse = parseYaml(text)
    expect(parse.problems).toEqual([])
    const root = parse.documents[0].root as YamlMapping
    const web = pairOf(get(root, 'services') as YamlMapping, 'web')!
    expect(at(parse, web.key)).toBe('3:3')
    expect(at(parse, get(root, 'services', 'web', 'image'))).toBe('5:12')
    expect(at(parse, get(root, 'services', 'web', 'cap_add', 0))).toBe('6:15')
    expect(at(parse, get(root, 'services', 'web', 'cap_add', 1))).toBe('6:26')
    expect(at(parse, get(root, 'services', 'web', 'ports', 0))).toBe('8:9')
    expect(at(parse, get(root, 'services', 'web', 'ports', 1, 'target'))).toBe('9:17')
    const empty = get(root, 'services', 'web', 'empty')
    expect(empty.kind === 'scalar' && empty.value).toBe('')
    expect(parse.index.positionAt(empty.start).line).toBe(10)
  })

  it('applies merge keys: explicit keys win, earlier sources win, merged values keep the anchor position', () => {
    const text = [
      'x-a: &a',
      '  privileged: true',
      '  user: root',
      'x-b: &b',
      '  user: nobody',
      '  read_only: true',
      'services:',
      '  web:',
      '    <<: [*a, *b]',
      '    user: "1000"',
      ''
    ].join('\n')
    const parse = parseYaml(text)
    const web = get(parse.documents[0].root, 'services', 'web') as YamlMapping
    expect(web.pairs.map((p) => p.keyText).sort()).toEqual(['privileged', 'read_only', 'user'])
    expect(at(parse, get(web, 'privileged'))).toBe('2:15')
    expect(at(parse, get(web, 'read_only'))).toBe('6:14')
    expect((get(web, 'user') as { value: string }).value).toBe('1000')
    expect(pairOf(web, 'privileged')!.mergedAt).toBe(text.indexOf('<<'))
  })

  it('keeps a quoted "<<" key as a plain key', () => {
    const parse = parseYaml('a: &a {x: 1}\nb:\n  "<<": *a\n')
    expect((parse.documents[0].root as YamlMapping).pairs[1].value).toMatchObject({ kind: 'mapping', pairs: [{ keyText: '<<' }] })
  })

  it('reads every document of a multi-document file, and empty files and documents', () => {
    expect(parseYaml('a: 1\n---\nb: 2\n---\n').documents).toHaveLength(3)
    expect(parseYaml('').documents).toEqual([])
    expect(parseYaml('# only a comment\n').documents).toEqual([])
  })

  it.each([
    ['a syntax error', 'services:\n  web:\n    image: [a\n  db: 1\n', 'invalid YAML'],
    ['an unknown alias', 'a: *nope\n', 'refers to no anchor'],
    ['a merge of a scalar', 'a: &a 1\nb:\n  <<: *a\n', 'merge key'],
    ['a complex key', '? [a, b]\n: c\n', 'single value'],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 'duplicate key "a" (already set on line 1)']
  ])('reports %s with its position', (_name, text, message) => {
    const parse = parseYaml(text)
    expect(parse.problems.map((p) => p.message).join(' | ')).toContain(message)
  })

  it('stops an alias bomb, deep nesting and too many aliases quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) bomb.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill('*' + 'abcdefghi'[i - 1]).join(',')}]`)
    const started = Date.now()
    const parsed = parseYaml(bomb.join('\n') + '\n')
    expect(parsed.fatal).toBe(true)
    expect(parsed.problems[0].message).toContain('alias bomb')
    expect(parseYaml('a: ' + '['.repeat(1000) + ']'.repeat(1000)).problems[0].message).toMatch(/maxDepth|nesting/)
    const many = 'a: &a 1\nb: [' + Array(YAML_LIMITS.maxAliases + 1).fill('*a').join(', ') + ']\n'
    expect(parseYaml(many).problems[0].message).toContain('aliases')
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('go-yaml syntax (what Compose refuses)', () => {
  const problem = (text: string) => {
    const parse = parseYaml(text)
    const first = parse.problems[0]
    if (!first) return undefined
    const p = parse.index.positionAt(first.offset)
    return `${p.line}:${p.column} ${first.message} ${first.composeRejects ? '(Compose too)' : '(Compose may read it)'}`
  }

  it.each([
    ['a tab right after a dash', 'a:\n  -\t1\n', "2:4 invalid YAML: found character that cannot start any token (Compose too)"],
    ['a tab on a blank line in block context', 'a: 1\n\t\nb: 2\n', '2:1 invalid YAML: found a tab character that violates indentation (Compose too)'],
    ['content after `...` without `---`', 'a: 1\n...\nb: 2\n', '3:1 invalid YAML: did not find expected <document start> (Compose too)'],
    ['an unknown directive', '%FOO bar\n---\na: 1\n', '1:5 invalid YAML: found unknown directive name (Compose too)'],
    ['a key over 1,024 characters', 'k'.repeat(1025) + ': 1\n', `1:1026 invalid YAML: mapping values are not allowed in this context (Compose too)`],
    ['an empty key', ': 1\n', '1:1 invalid YAML: did not find expected key (Compose too)'],
    ['a line broken by U+2028', 'a: x\u2028y\n', "1:6 invalid YAML: could not find expected ':' (Compose too)"]
  ])('refuses %s, as go-yaml does, at its position', (_name, text, expected) => {
    expect(problem(text)).toBe(expected)
  })

  it.each([
    ['a comment glued to a quoted value', 'a: "x"# c\nb: 1\n', { a: 'x', b: '1' }],
    ['a tab after a key', 'a:\t1\n', { a: '1' }],
    ['an anchor ended by a colon', 'x:\n  &k : v\n', { x: { '': 'v' } }],
    ['a quoted continuation left of its key', 'a: "x\ny"\n', { a: 'x y' }]
  ])('reads %s, as go-yaml does', (_name, text, expected) => {
    const parse = parseYaml(text)
    expect(parse.problems).toEqual([])
    const plain = (node: YamlNode | undefined): unknown =>
      node === undefined || node.kind === 'scalar'
        ? (node?.value ?? null)
        : node.kind === 'sequence'
          ? node.items.map(plain)
          : Object.fromEntries(node.pairs.map((p) => [p.keyText, plain(p.value)]))
    expect(plain(parse.documents[0].root)).toEqual(expected)
  })

  it('keeps the tree of a file go-yaml refuses, with the refusal first', () => {
    const parse = parseYaml('services:\n  web:\n    image: nginx\n\t\n    privileged: true\n')
    expect(parse.fatal).toBe(false)
    expect(parse.problems[0]).toMatchObject({ composeRejects: true, message: expect.stringContaining('found a tab character that violates indentation') })
    expect(get(parse.documents[0].root, 'services', 'web', 'privileged')).toMatchObject({ value: 'true' })
  })
})
