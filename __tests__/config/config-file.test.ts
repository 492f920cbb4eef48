import { beforeAll, describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/core/config.js'
import { ConfigError, describeConfig, loadConfig, parseConfig, prepareConfigValidation, type ConfigProblem } from '../../src/core/config-file.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { lines } from '../helpers.js'

beforeAll(prepareConfigValidation)

const FILE = '.github/containment.yml'

/** The problems of an invalid config, as `line key: message [→ suggestion]`, and the exit code it carries. */
function problemsOf(text: string): { exitCode: number; problems: string[]; message: string } {
  try {
    parseConfig(text, FILE)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const show = (p: ConfigProblem) => `${p.line} ${p.key}: ${p.message}${p.suggestion ? ` → ${p.suggestion}` : ''}`
    return { exitCode: error.exitCode, problems: error.problems.map(show), message: error.message }
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig: a valid file', () => {
  it('maps every key to the effective Config', () => {
    const config = parseConfig(
      lines`
        # yaml-language-server: $schema=../containment.schema.json
        fail-on: medium
        rules:
          DF009: off
          DF021: low
        exclude: [test/fixtures/, "**/*.example.Dockerfile"]
        trusted-registries: [Docker.io, ghcr.io/my-org/]
        secrets:
          names: [passphrase]
          allowed: [TOKEN_ISSUER_URL]
        non-root-images: ["*:nonroot"]
        privilege-drop-commands: [drop-to-app]
        sensitive-ports: [8443]
        inline-suppressions: false
        other-tools-suppressions: false
        ignore:
          - rules: [DF001]
            paths: [legacy/**]
            reason: legacy images are replaced in Q3
        limits:
          max-file-bytes: 2097152
          max-files: 500
      `,
      FILE
    )
    expect(config).toEqual({
      failOn: 'medium',
      rules: { DF009: 'off', DF021: 'low' },
      exclude: ['test/fixtures/', '**/*.example.Dockerfile'],
      trustedRegistries: ['docker.io', 'ghcr.io/my-org'],
      secrets: { names: ['PASSPHRASE'], allowed: ['TOKEN_ISSUER_URL'] },
      nonRootImages: ['*:nonroot'],
      privilegeDropCommands: ['drop-to-app'],
      sensitivePorts: [8443],
      inlineSuppressions: false,
      otherToolsSuppressions: false,
      ignore: [{ rules: ['DF001'], paths: ['legacy/**'], reason: 'legacy images are replaced in Q3', kind: 'config', file: FILE, line: 17 }],
      limits: { maxFileBytes: 2097152, maxFiles: 500 }
    })
  })

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing configured yet\n'],
    ['an empty mapping', '{}\n']
  ])('takes %s as the defaults', (_name, text) => {
    expect(parseConfig(text, FILE)).toEqual(defaultConfig())
  })

  it('accepts a $schema key for editors that read it from the file', () => {
    expect(parseConfig('$schema: ./containment.schema.json\nfail-on: never\n', FILE).failOn).toBe('never')
  })
})

describe('parseConfig: an invalid file is one clear error with its line, key and exit code 2', () => {
  it.each([
    ['a misspelt key', 'fail_on: high\n', ['1 fail_on: is not a known key; known keys: fail-on, rules, exclude, trusted-registries, secrets, non-root-images, privilege-drop-commands, sensitive-ports, limits, inline-suppressions, other-tools-suppressions, ignore → fail-on']],
    ['an unknown key nested', 'secrets:\n  nams: [X]\n', ['2 secrets.nams: is not a known key in "secrets"; known keys: names, allowed → names']],
    ['a wrong type', 'fail-on: high\nexclude: vendor\n', ['2 exclude: is "vendor"; it must be a list']],
    ['a wrong item type', 'sensitive-ports:\n  - 8080\n  - admin\n', ['3 sensitive-ports[1]: is "admin"; it must be a whole number']],
    ['an out-of-range port', 'sensitive-ports: [70000]\n', ['1 sensitive-ports[0]: is the number 70000; it must be <= 65535']],
    ['a misspelt severity', 'fail-on: hihg\n', ['1 fail-on: is "hihg"; it must be one of critical, high, medium, low, info, never → high']],
    ['a boolean for off', 'rules:\n  DF009: false\n', ['2 rules.DF009: is the boolean false; it must be one of off, critical, high, medium, low, info → off']],
    ['a misspelt rule ID', 'rules:\n  DF0O1: off\n', ['2 rules.DF0O1: is not a rule ID (DF001, DC012, ...) → DF001']],
    ['a rule slug for its ID', 'rules:\n  sudo: off\n', ['2 rules.sudo: is not a rule ID (DF001, DC012, ...) → DF002']],
    ['a rule ID that does not exist', 'rules:\n  DF002: low\n  DF999: off\n', ['3 rules.DF999: names no rule: "DF999" is not a Containment rule ID']],
    ['an ignore entry without a reason', 'ignore:\n  - rules: [DF002]\n', ['2 ignore[0]: lacks "reason"']],
    ['an ignore entry with an unknown rule', 'ignore:\n  - rules: [DF002, DF0022]\n    reason: x\n', ['2 ignore[0].rules[1]: is "DF0022"; it must be a rule ID such as DF001 → DF002']],
    ['a secret name with a dash', 'secrets:\n  names: [MY-KEY]\n', ['2 secrets.names[0]: is "MY-KEY"; it must be letters, digits and underscores']],
    ['a zero file limit', 'limits:\n  max-file-bytes: 0\n', ['2 limits.max-file-bytes: is the number 0; it must be >= 1']],
    ['a size in words', 'limits:\n  max-file-bytes: 1MiB\n', ['2 limits.max-file-bytes: is "1MiB"; it must be a whole number']],
    ['a misspelt limit', 'limits:\n  max-file: 10\n', ['2 limits.max-file: is not a known key in "limits"; known keys: max-file-bytes, max-files → max-files']],
    ['not a mapping', '- fail-on: high\n', ['1 : is a list; it must be a mapping']]
  ])('%s', (_name, text, expected) => {
    const { exitCode, problems } = problemsOf(text)
    expect(exitCode).toBe(2)
    expect(problems).toEqual(expected)
  })

  it.each([
    ['a bad indentation', 'fail-on: high\nrules:\n  DF009: off\n DF021: low\n', 4],
    ['a duplicate key', 'fail-on: high\nfail-on: low\n', 2],
    ['an unclosed flow list', 'exclude: [a\nfail-on: high\n', 2]
  ])('bad YAML: %s', (_name, text, line) => {
    const { exitCode, problems, message } = problemsOf(text)
    expect(exitCode).toBe(2)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^${line} : is not valid YAML: `))
    expect(message).toMatch(new RegExp(`^\\.github/containment\\.yml:${line}: is not valid YAML: `))
  })

  it('formats the message with file, line, key and the suggestion', () => {
    expect(problemsOf('rules:\n  DF0O1: off\n').message).toBe('.github/containment.yml:2: "rules.DF0O1" is not a rule ID (DF001, DC012, ...). Did you mean "DF001"?')
  })

  it('lists several mistakes in the order of their lines', () => {
    expect(problemsOf('inline-suppressions: "no"\nfail-on: hihg\n').problems).toEqual([
      '1 inline-suppressions: is "no"; it must be true or false',
      '2 fail-on: is "hihg"; it must be one of critical, high, medium, low, info, never → high'
    ])
  })

  it('rejects several YAML documents', () => {
    expect(problemsOf('fail-on: high\n---\nfail-on: low\n').problems).toEqual(['1 : holds several YAML documents; a config file is one mapping'])
  })
})

describe('loadConfig', () => {
  it('reads .github/containment.yml, else .containment.yml, else the defaults', () => {
    expect(loadConfig(new MemoryWorkspace({ '.github/containment.yml': 'fail-on: low\n' }))).toMatchObject({ file: '.github/containment.yml', config: { failOn: 'low' } })
    expect(loadConfig(new MemoryWorkspace({ '.containment.yml': 'fail-on: info\n' }))).toMatchObject({ file: '.containment.yml', config: { failOn: 'info' } })
    expect(loadConfig(new MemoryWorkspace({}))).toEqual({ config: defaultConfig(), file: undefined, sources: [], warnings: [] })
  })

  it('refuses two config files rather than read one of them silently', () => {
    const workspace = new MemoryWorkspace({ '.github/containment.yml': 'fail-on: low\n', '.containment.yml': 'fail-on: high\n' })
    expect(() => loadConfig(workspace)).toThrow('.containment.yml: is one of 2 config files (.github/containment.yml, .containment.yml): keep one')
  })

  it('reads the file named by --config, and fails with exit code 2 when it does not exist', () => {
    const workspace = new MemoryWorkspace({ 'ci/strict.yml': 'fail-on: low\n', '.github/containment.yml': 'fail-on: never\n' })
    expect(loadConfig(workspace, { path: 'ci/strict.yml' })).toMatchObject({ file: 'ci/strict.yml', config: { failOn: 'low' } })
    expect(loadConfig(workspace, { path: '/etc/containment.yml', text: 'fail-on: info\n' }).config.failOn).toBe('info')
    let error: unknown
    try {
      loadConfig(workspace, { path: 'ci/missing.yml' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).exitCode).toBe(2)
    expect((error as ConfigError).message).toBe('ci/missing.yml: config file not found.')
  })

  it('takes trustedRegistries and ignored rules from .hadolint.yaml', () => {
    const hadolint = 'ignored:\n  - DL3008\n  - DL3004\ntrustedRegistries:\n  - docker.io\n  - my-company.com:5000\n'
    const loaded = loadConfig(new MemoryWorkspace({ '.hadolint.yaml': hadolint }))
    expect(loaded.config.trustedRegistries).toEqual(['docker.io', 'my-company.com:5000'])
    expect(loaded.config.ignore).toEqual([
      { rules: ['DL3008'], paths: [], reason: 'DL3008 is listed in .hadolint.yaml "ignored"', kind: 'other-tool', tool: 'hadolint', file: '.hadolint.yaml', line: 2 },
      { rules: ['DL3004'], paths: [], reason: 'DL3004 is listed in .hadolint.yaml "ignored"', kind: 'other-tool', tool: 'hadolint', file: '.hadolint.yaml', line: 3 }
    ])
    expect(loaded.sources).toEqual(['.hadolint.yaml'])
  })

  it('keeps our trusted-registries over hadolint\'s, and reads neither file with other-tools-suppressions: false', () => {
    const files = { '.hadolint.yaml': 'trustedRegistries: [docker.io]\nignored: [DL3004]\n', '.trivyignore': 'DS-0010\n' }
    const ours = loadConfig(new MemoryWorkspace({ ...files, '.containment.yml': 'trusted-registries: [ghcr.io]\n' }))
    expect(ours.config.trustedRegistries).toEqual(['ghcr.io'])
    const off = loadConfig(new MemoryWorkspace({ ...files, '.containment.yml': 'other-tools-suppressions: false\n' }))
    expect(off.config.trustedRegistries).toBeUndefined()
    expect(off.config.ignore).toEqual([])
    expect(off.sources).toEqual([])
  })

  it('warns, without failing, about a .hadolint.yaml it cannot read', () => {
    const loaded = loadConfig(new MemoryWorkspace({ '.hadolint.yaml': 'ignored: [DL3004\n' }))
    expect(loaded.config.ignore).toEqual([])
    expect(loaded.warnings).toHaveLength(1)
    expect(loaded.warnings[0]).toMatch(/^\.hadolint\.yaml is not valid YAML .*: its ignored rules and trusted registries are not used\.$/)
  })

  it('reads .trivyignore: IDs with their lines, comments and expired entries left out', () => {
    const trivyignore = '# accepted risks\nAVD-DS-0002\n\nDS-0010 exp:2999-01-01\nDS002 exp:2000-01-01\nCVE-2023-1234\n'
    const loaded = loadConfig(new MemoryWorkspace({ '.trivyignore': trivyignore }))
    expect(loaded.config.ignore.map((e) => `${e.line} ${e.rules.join()} ${e.tool}`)).toEqual(['2 AVD-DS-0002 trivy', '4 DS-0010 trivy'])
    expect(loaded.sources).toEqual(['.trivyignore'])
  })
})

describe('describeConfig', () => {
  it('prints the effective configuration in the file\'s own keys, with its sources', () => {
    const loaded = loadConfig(
      new MemoryWorkspace({
        '.github/containment.yml': 'rules: {DF009: off}\nignore:\n  - rules: [DF001]\n    reason: base image is distroless\n',
        '.trivyignore': 'DS-0010\n'
      })
    )
    expect(describeConfig(loaded.config, loaded)).toBe(lines`
      # Effective configuration (from .github/containment.yml; other tools' files: .trivyignore)
      # trusted-registries is not set: DF010 and DC017 are off
      fail-on: high
      rules:
        DF009: 'off'
      exclude: []
      trusted-registries: null
      secrets:
        names: []
        allowed: []
      non-root-images: []
      privilege-drop-commands: []
      sensitive-ports: []
      inline-suppressions: true
      other-tools-suppressions: true
      limits:
        max-file-bytes: 1048576
        max-files: 10000
      ignore:
        - {rules: [DF001], reason: base image is distroless, from: .github/containment.yml:3}
        - {rules: [DS-0010], reason: DS-0010 is listed in .trivyignore, tool: trivy, from: .trivyignore:1}
    `)
  })
})
