import { beforeAll, describe, expect, it } from '@jest/globals'
import { defaultConfig, type Config } from '../../src/core/config.js'
import { loadConfig, prepareConfigValidation } from '../../src/core/config-file.js'
import { scanPrepared, type InputFile } from '../../src/core/engine.js'
import { isActive } from '../../src/core/finding.js'
import { allRules } from '../../src/core/registry.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { lines, prepareEngine } from '../helpers.js'
import { show } from './helpers.js'

beforeAll(prepareEngine)
beforeAll(prepareConfigValidation)

/** The engine's DF002 and CT001 findings, through the whole pipeline: analyzers, suppressions, rule settings. */
function scan(files: Record<string, string>, config: Partial<Config> = {}, explicit: string[] = []): string[] {
  const inputs: InputFile[] = Object.entries(files).map(([path, content]) => ({ path, content, explicit: explicit.includes(path) }))
  const result = scanPrepared(inputs, { workspace: new MemoryWorkspace(files), config: { ...defaultConfig(), ...config } })
  return result.findings.filter((f) => f.ruleId === 'DF002' || f.ruleId === 'CT001').map((f) => `${f.file} ${show(f)} ${f.severity}`)
}

const DOCKERFILE = lines`
  FROM alpine:3.19
  # containment-ignore DF002: the vendor installer calls sudo itself (VENDOR-42)
  RUN sudo ./install.sh
  RUN sudo make install
`

describe('the engine with suppressions', () => {
  it('returns every finding, the suppressed ones carrying their suppression', () => {
    const result = scanPrepared([{ path: 'Dockerfile', content: DOCKERFILE }])
    const df002 = result.findings.filter((f) => f.ruleId === 'DF002')
    expect(df002.map((f) => [f.line, isActive(f)])).toEqual([
      [3, false],
      [4, true]
    ])
    expect(df002[0].suppression).toEqual({
      kind: 'inline',
      tool: undefined,
      reason: 'the vendor installer calls sudo itself (VENDOR-42)',
      file: 'Dockerfile',
      line: 2
    })
  })

  it.each([
    ['# containment-ignore DF002: vendor installer', 'inline'],
    ['# hadolint ignore=DL3004', 'hadolint'],
    ['# trivy:ignore:AVD-DS-0010', 'trivy'],
    ['# kics-scan ignore-line', 'kics']
  ])('suppresses the instruction below "%s" only', (comment, by) => {
    const text = `FROM alpine:3.19\n${comment}\nRUN sudo ./install.sh\nRUN sudo make install\n`
    expect(scan({ Dockerfile: text })).toEqual([`Dockerfile DF002@3 ~${by}:2 high`, 'Dockerfile DF002@4 high'])
  })

  it.each([
    ['# checkov:skip=CKV2_DOCKER_1: vendor installer', 'checkov'],
    ['# hadolint global ignore=DL3004', 'hadolint'],
    ['# kics-scan disable=8ada6e80-0ade-439e-b176-0b28f6bce35a', 'kics']
  ])('suppresses every DF002 of the file with "%s"', (comment, by) => {
    const text = `FROM alpine:3.19\nRUN sudo ./install.sh\n${comment}\nRUN sudo make install\n`
    expect(scan({ Dockerfile: text })).toEqual([`Dockerfile DF002@2 ~${by}:3 high`, `Dockerfile DF002@4 ~${by}:3 high`])
  })

  it('keeps a severity override on a suppressed finding, and drops a rule turned off with no CT001', () => {
    expect(scan({ Dockerfile: DOCKERFILE }, { rules: { DF002: 'low' } })).toEqual(['Dockerfile DF002@3 ~inline:2 low', 'Dockerfile DF002@4 low'])
    expect(scan({ Dockerfile: DOCKERFILE }, { rules: { DF002: 'off' } })).toEqual([])
  })

  it('reports CT001 at info, which rules settings can raise or turn off', () => {
    const stale = 'FROM alpine:3.19\n# containment-ignore DF002: sudo was removed since\nRUN ls\n'
    expect(scan({ Dockerfile: stale })).toEqual(['Dockerfile CT001@2:1 Suppression "# containment-ignore DF002: sudo was removed since" matches no DF002 finding on line 3, which it covers: a stale or misplaced suppression would silently excuse a future DF002 finding there. Remove it, or move it directly above what DF002 reports. info'])
    expect(scan({ Dockerfile: stale }, { rules: { CT001: 'medium' } })[0]).toMatch(/ medium$/)
    expect(scan({ Dockerfile: stale }, { rules: { CT001: 'off' } })).toEqual([])
  })

  it('applies the config\'s ignore entries to the paths they name', () => {
    const files = { 'legacy/Dockerfile': 'FROM alpine:3.19\nRUN sudo ls\n', 'app/Dockerfile': 'FROM alpine:3.19\nRUN sudo ls\n' }
    const ignore = [{ rules: ['DF002'], paths: ['legacy/'], reason: 'replaced in Q3', kind: 'config' as const, file: '.containment.yml', line: 4 }]
    expect(scan(files, { ignore })).toEqual(['app/Dockerfile DF002@2 high', 'legacy/Dockerfile DF002@2 ~config:4 high'])
  })

  it('applies .hadolint.yaml "ignored" everywhere, through loadConfig, unless other tools are turned off', () => {
    const files = { '.hadolint.yaml': 'ignored:\n  - DL3004\n', Dockerfile: 'FROM alpine:3.19\nRUN sudo ls\n' }
    const { config } = loadConfig(new MemoryWorkspace(files))
    expect(scan({ Dockerfile: files.Dockerfile }, config)).toEqual(['Dockerfile DF002@2 ~hadolint:2 high'])
    expect(scan({ Dockerfile: files.Dockerfile }, { ...config, otherToolsSuppressions: false })).toEqual(['Dockerfile DF002@2 high'])
  })

  it('leaves excluded files out, unless named explicitly', () => {
    const files = { 'vendor/x/Dockerfile': 'FROM alpine:3.19\nRUN sudo ls\n', Dockerfile: 'FROM alpine:3.19\nRUN sudo ls\n' }
    expect(scan(files, { exclude: ['vendor/'] })).toEqual(['Dockerfile DF002@2 high'])
    expect(scan(files, { exclude: ['vendor/'] }, ['vendor/x/Dockerfile'])).toEqual(['Dockerfile DF002@2 high', 'vendor/x/Dockerfile DF002@2 high'])
  })

  it.each([
    ['a stale suppression', 'FROM alpine:3.20\n# containment-ignore DF002: the installer needs sudo\nRUN apk add --no-cache curl\n', [/^CT001@2:1 .* matches no DF002 finding on line 3/]],
    [
      'a misspelt ID above a blank line',
      'FROM alpine:3.20\n# containment-ignore DF02: vendor installer\n\nRUN sudo ./install.sh\n',
      [/^CT001@2:1 .* has no instruction directly below it/, /^CT001@2:1 .* names "DF02", .* Did you mean "DF002"\?/, /^DF002@4$/]
    ]
  ])('fires as the CT001 page says on %s', (_name, text, expected) => {
    const found = scanPrepared([{ path: 'Dockerfile', content: text }]).findings.filter((f) => f.ruleId === 'CT001' || f.ruleId === 'DF002')
    expect(found.map(show)).toEqual(expected.map((pattern) => expect.stringMatching(pattern)))
  })

  it('lists CT001 in the catalog', () => {
    expect(allRules.find((r) => r.id === 'CT001')).toMatchObject({ slug: 'unused-suppression', severity: 'info', principles: ['-'] })
  })
})

describe('the engine with suppressions in Compose files', () => {
  const run = (files: Record<string, string>, ruleIds: string[], scanned = ['compose.yaml']) => {
    const inputs = scanned.map((path) => ({ path, content: files[path] }))
    const result = scanPrepared(inputs, { workspace: new MemoryWorkspace(files) })
    return result.findings.filter((f) => ruleIds.includes(f.ruleId)).map((f) => `${f.file} ${show(f)}`)
  }

  it('honours ours above a key and at the end of a line, and suppresses nothing else', () => {
    const compose = lines`
      services:
        web:
          image: nginx:1.27
          # containment-ignore DC012: the reverse proxy listens publicly
          ports:
            - "80:80"
            - "443:443"
          privileged: true  # containment-ignore DC001: loads a kernel module in CI only
        db:
          image: postgres:16
          ports: ["5432:5432"]
          privileged: true
    `
    expect(run({ 'compose.yaml': compose }, ['DC001', 'DC012', 'CT001'])).toEqual([
      'compose.yaml DC012@6 ~inline:4',
      'compose.yaml DC012@7 ~inline:4',
      'compose.yaml DC001@8 ~inline:8',
      'compose.yaml DC012@11',
      'compose.yaml DC001@12'
    ])
  })

  it.each([
    ['      - "80:80"  # dclint disable-line no-unbound-port-interfaces', 'dclint'],
    ['      # kics-scan ignore-block\n      - "80:80"', 'kics'],
    ['      - "80:80"  # trivy:ignore:DS-9999 containment-ignore is not here', undefined]
  ])('honours "%s" for the equivalent rule only', (item, by) => {
    const compose = `services:\n  web:\n    image: nginx:1.27\n    ports:\n${item}\n      - "8080:8080"\n`
    const port = compose.split('\n').findIndex((l) => l.includes('"80:80"')) + 1
    expect(run({ 'compose.yaml': compose }, ['DC012', 'CT001'])).toEqual([`compose.yaml DC012@${port}${by ? ` ~${by}:${item.includes('kics') ? port - 1 : port}` : ''}`, `compose.yaml DC012@${port + 1}`])
  })

  it('reads the suppressions of a file pulled in by extends, where its findings are reported', () => {
    const files = {
      'compose.yaml': 'services:\n  app:\n    extends:\n      file: base.yml\n      service: app\n',
      'base.yml': 'services:\n  app:\n    image: runner:1.0\n    # containment-ignore DC001: CI runner on an isolated host\n    privileged: true\n    cap_add: [SYS_ADMIN]\n'
    }
    expect(run(files, ['DC001', 'DC004', 'CT001'])).toEqual(['base.yml DC001@5 ~inline:4', 'base.yml DC004@6'])
  })

  it('reads them as YAML even when the extends target holds a Dockerfile inline (a FROM line)', () => {
    const files = {
      'compose.yaml': 'services:\n  app:\n    extends:\n      file: base.yml\n      service: app\n',
      'base.yml': lines`
        services:
          app:
            build:
              dockerfile_inline: |
                FROM alpine:3.20
            # containment-ignore DC012: the CI database, on a runner of its own
            ports:
              - "5432:5432"
              - "5433:5433"
      `
    }
    expect(run(files, ['DC012', 'CT001'])).toEqual(['base.yml DC012@8 ~inline:6', 'base.yml DC012@9 ~inline:6'])
  })

  it('reports an unused suppression in an extends target that has no finding at all', () => {
    const files = {
      'compose.yaml': 'services:\n  app:\n    extends:\n      file: base.yml\n      service: app\n',
      'base.yml': `services:\n  app:\n    image: runner:1.0@sha256:${'a'.repeat(64)}\n    # containment-ignore DC001: no longer privileged\n    user: "10001"\n`
    }
    expect(run(files, ['DC001', 'CT001'])).toEqual([expect.stringMatching(/^base\.yml CT001@4:5 .*matches no DC001 finding on line 5/)])
    expect(run(files, ['DC015', 'DC016', 'DC017'])).toEqual([])
  })

  it('reads the suppressions of a file that several files pull in once', () => {
    const files = {
      'compose.yaml': 'include:\n  - db.yml\n',
      'other/compose.yaml': 'include:\n  - ../db.yml\n',
      'db.yml': 'services:\n  db:\n    image: postgres:16\n    # containment-ignore DC012: the CI database\n    ports: ["5432:5432"]\n    # containment-ignore DC001: stale\n    user: "70"\n'
    }
    const found = run(files, ['DC012', 'CT001'], ['compose.yaml', 'other/compose.yaml'])
    expect(found).toEqual(['db.yml DC012@5 ~inline:4', expect.stringMatching(/^db\.yml CT001@6:5 /)])
  })

  it('reads the suppressions of a file pulled in by include, and reports the unused ones there', () => {
    const files = {
      'compose.yaml': 'include:\n  - infra/db.yml\nservices:\n  web:\n    image: a:1\n',
      'infra/db.yml': lines`
        services:
          db:
            image: postgres:16
            ports: ["5432:5432"]  # containment-ignore DC012: bound on the CI runner only
            privileged: true
            # containment-ignore DC004: nothing here adds a capability
            user: "70"
      `
    }
    expect(run(files, ['DC001', 'DC012', 'CT001'])).toEqual(['infra/db.yml DC012@4 ~inline:4', 'infra/db.yml DC001@5', expect.stringMatching(/^infra\/db\.yml CT001@6:5 .*matches no DC004 finding on line 7/)])
  })
})
