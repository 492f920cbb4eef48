import { beforeAll, describe, expect, it } from '@jest/globals'
import { composeAnalyzer } from '../../src/compose/analyzer.js'
import { defaultConfig } from '../../src/core/config.js'
import { scanPrepared } from '../../src/core/engine.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { compose, composeFindings, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

describe('DC021 invalid-compose', () => {
  it.each([
    ['invalid YAML, at the line where it breaks', 'services:\n  web:\n    image: [nginx\n  db:\n    image: x\n', '4:5 medium'],
    ['a top level that is a list', '- services\n- web\n', '1:1 medium'],
    ['a top level that is a single value', 'just text\n', '1:1 medium'],
    ['services as a list', 'services: [a, b]\n', '1:11 medium'],
    ['a service that is a value', 'services:\n  web: nginx\n', '2:8 medium'],
    ['privileged as a mapping', 'services:\n  web:\n    image: a:1\n    privileged: {}\n', '4:17 medium'],
    ['cap_add as a value', 'services:\n  web:\n    image: a:1\n    cap_add: SYS_ADMIN\n', '4:14 medium'],
    ['a list item that is a mapping where a value is expected', 'services:\n  web:\n    image: a:1\n    cap_add:\n      - {name: x}\n', '5:9 medium'],
    ['a duplicate key', 'services:\n  web:\n    image: a:1\n    image: b:1\n', '4:5 medium'],
    ['an unknown alias', 'services:\n  web:\n    <<: *base\n', '3:9 medium'],
    ['an unknown top-level key', 'service:\n  web:\n    image: a:1\n', '1:1 medium']
  ])('fires on %s', (_name, text, expected) => {
    expect(compose('DC021', text)).toEqual([expected])
  })

  it('still checks the rest of a file with a key of the wrong type', () => {
    const text = 'services:\n  web:\n    image: a:1\n    cap_add: SYS_ADMIN\n    privileged: true\n'
    expect(compose('DC021', text)).toEqual(['4:14 medium'])
    expect(compose('DC001', text)).toEqual(['5:5 critical'])
  })

  it('reads a format-1 file (services at the top), reports it once, and checks its services', () => {
    const text = lines`
      vpn:
        build: .
        net: host
        privileged: true
    `
    expect(compose('DC021', text)).toEqual(['1:1 medium'])
    expect(compose('DC001', text)).toEqual(['4:3 critical'])
    expect(composeFindings('DC021', text)[0].message).toContain('format 1')
  })

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing yet\n'],
    ['extension fields and top-level keys only', 'x-common: &c {a: 1}\nname: app\nvolumes:\n  data:\nnetworks:\n  front:\n'],
    ['Compose tags', 'services:\n  web:\n    image: a:1\n    ports: !reset []\n    environment: !override\n      A: 1\n'],
    ['a null service', 'services:\n  web:\n'],
    ['several documents', 'services:\n  web:\n    image: a:1\n---\nservices:\n  web:\n    read_only: true\n']
  ])('does not fire on %s', (_name, text) => {
    expect(compose('DC021', text)).toEqual([])
  })

  it.each([
    ['an alias bomb', billionLaughs()],
    ['1,000-deep nesting', 'services:\n  web:\n    x: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n'],
    ['a 5 MB file', new TextEncoder().encode('services:\n  web:\n    image: a:1\n' + '# padding\n'.repeat(520_000))]
  ])('reports %s within a second, without stopping the other files', (_name, text) => {
    const started = Date.now()
    const result = scanPrepared([
      { path: 'compose.yaml', content: text },
      { path: 'other/compose.yaml', content: 'services:\n  web:\n    image: a:1\n    privileged: true\n' }
    ])
    expect(Date.now() - started).toBeLessThan(1000)
    expect(result.findings.filter((f) => f.file === 'compose.yaml').map((f) => f.ruleId)).toEqual(['DC021'])
    expect(result.findings.some((f) => f.file === 'other/compose.yaml' && f.ruleId === 'DC001')).toBe(true)
  })

  it('refuses a 5 MB text handed to the analyzer directly, without parsing it', () => {
    const started = Date.now()
    const findings = composeAnalyzer.analyze(
      { path: 'compose.yaml', text: 'services:\n  web:\n    privileged: true\n' + '# padding\n'.repeat(520_000) },
      { config: defaultConfig(), workspace: new MemoryWorkspace(), memo: new Map() }
    )
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['DC021 1:1'])
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('leaves a binary file named compose.yaml to the engine, reported as DC021', () => {
    const result = scanPrepared([{ path: 'compose.yaml', content: new Uint8Array([0x73, 0x65, 0x00, 0xff, 0x10]) }])
    expect(result.findings.map((f) => `${f.ruleId} ${f.line}`)).toEqual(['DC021 1'])
  })
})

function billionLaughs(): string {
  const out = ['services:', '  web:', '    image: a:1', 'x-lol:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  const names = 'abcdefghi'
  for (let i = 1; i < names.length; i++) out.push(`  ${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]`)
  return out.join('\n') + '\n'
}
