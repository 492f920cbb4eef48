import { describe, expect, it } from '@jest/globals'
import { underscoresBetweenDigits } from '../../src/compose/yaml-values.js'
import { isLineTerminator, trimEndOf, trimTrailingSlashesKeepOne } from '../../src/core/text.js'
import { directiveValue, parserDirectives } from '../../src/dockerfile/directives.js'

/**
 * The regular expressions recheck found super-linear, and the code or linear regex that replaced each.
 * Every replacement is compared with the old regex on every string of a small alphabet up to a length
 * (the old regexes are fast on those), then timed on the attack string recheck reported for the old regex,
 * pumped to 50,000 characters.
 */
const BUDGET_MS = 100
const ATTACK_LENGTH = 50_000

/** Every string over `alphabet` of length 0 to `max`. */
function* strings(alphabet: string[], max: number): Generator<string> {
  let level = ['']
  yield ''
  for (let length = 1; length <= max; length++) {
    const next: string[] = []
    for (const prefix of level) for (const char of alphabet) next.push(prefix + char)
    yield* next
    level = next
  }
}

/** recheck's attack: `prefix + pump × n + suffix`, n chosen so that the string has about 50,000 characters. */
function attack(prefix: string, pump: string, suffix: string): string {
  return prefix + pump.repeat(Math.ceil(ATTACK_LENGTH / pump.length)) + suffix
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now()
  const value = run()
  return { value, ms: performance.now() - started }
}

function sameAsRegex(alphabet: string[], max: number, ours: (s: string) => unknown, regex: (s: string) => unknown): void {
  const differences: string[] = []
  for (const s of strings(alphabet, max)) {
    if (ours(s) !== regex(s)) differences.push(JSON.stringify(s))
  }
  expect(differences.slice(0, 10)).toEqual([])
}

describe('trimEndOf replaces /x+$/', () => {
  it('agrees with the old regex', () => {
    sameAsRegex(['/', 'a', '\n', '\0'], 7, (s) => trimEndOf(s, '/'), (s) => s.replace(/\/+$/, ''))
    sameAsRegex(['0', '1', '.'], 7, (s) => trimEndOf(s, '0'), (s) => s.replace(/0+$/, ''))
  })

  it("is linear on recheck's attacks ('/'.repeat(n) + '\\x00/', '0'.repeat(n) + '\\x000')", () => {
    const slashes = timed(() => trimEndOf(attack('', '/', '\0/'), '/'))
    expect(slashes.value).toHaveLength(ATTACK_LENGTH + 1)
    expect(slashes.ms).toBeLessThan(BUDGET_MS)
    const zeros = timed(() => trimEndOf(attack('', '0', '\x000'), '0'))
    expect(zeros.value).toHaveLength(ATTACK_LENGTH + 1)
    expect(zeros.ms).toBeLessThan(BUDGET_MS)
  })
})

describe('trimTrailingSlashesKeepOne replaces /(.)\\/+$/ → $1', () => {
  it('agrees with the old regex', () => {
    sameAsRegex(['/', 'a', '\n', '\r', '\u2028'], 6, trimTrailingSlashesKeepOne, (s) => s.replace(/(.)\/+$/, '$1'))
  })

  it("is linear on recheck's attack ('//'.repeat(n) + '\\x00/')", () => {
    const run = timed(() => trimTrailingSlashesKeepOne(attack('', '//', '\0/')))
    expect(run.value).toHaveLength(ATTACK_LENGTH + 1)
    expect(run.ms).toBeLessThan(BUDGET_MS)
  })

  it('keeps the root', () => {
    expect(trimTrailingSlashesKeepOne('/')).toBe('/')
    expect(trimTrailingSlashesKeepOne('///')).toBe('/')
    expect(trimTrailingSlashesKeepOne('/usr/bin//')).toBe('/usr/bin')
    expect(isLineTerminator('\u2029')).toBe(true)
    expect(isLineTerminator('a')).toBe(false)
  })
})

describe('String.prototype.trimEnd replaces /\\s+$/', () => {
  it('agrees with the old regex on every kind of white space', () => {
    const blanks = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2028', '\u202f', '\u3000', '\ufeff', '\u200b', '\u0085']
    sameAsRegex([...blanks, 'a'], 2, (s) => s.trimEnd(), (s) => s.replace(/\s+$/, ''))
  })

  it("is linear on recheck's attack ('\\t'.repeat(n) + '\\x00\\t')", () => {
    const run = timed(() => attack('> ', '\t', '\0\t').trimEnd())
    expect(run.value).toHaveLength(ATTACK_LENGTH + 3)
    expect(run.ms).toBeLessThan(BUDGET_MS)
  })
})

describe('the -c flag of a shell: /^-[abd-zA-Z]*c[a-zA-Z]*$/ replaces /^-[a-zA-Z]*c[a-zA-Z]*$/', () => {
  const NEW = /^-[abd-zA-Z]*c[a-zA-Z]*$/
  it('agrees with the old regex', () => {
    sameAsRegex(['-', 'c', 'e', 'C', '1'], 6, (s) => NEW.test(s), (s) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(s))
  })

  it("is linear on recheck's attack ('-' + 'c'.repeat(n) + '\\x00')", () => {
    const run = timed(() => NEW.test(attack('-', 'c', '\0')))
    expect(run.value).toBe(false)
    expect(run.ms).toBeLessThan(BUDGET_MS)
  })
})

describe('directiveValue replaces the value part of BuildKit\'s directive regex', () => {
  const OLD = /^([a-zA-Z][a-zA-Z0-9]*)[ \t\v\f\r]*=[ \t\v\f\r]*(.+?)[ \t\v\f\r]*$/
  it('agrees with the old regex', () => {
    sameAsRegex([' ', '\t', '\r', '\n', 'a', '='], 6, (rest) => directiveValue(rest), (rest) => OLD.exec(`k=${rest}`)?.[2])
  })

  it("is linear on recheck's attack ('A=' + '\\t'.repeat(n) + '=' + '\\t'.repeat(n) + '\\r=\\t')", () => {
    const half = '\t'.repeat(ATTACK_LENGTH / 2)
    const line = `# A=${half}=${half}\r=\t`
    const run = timed(() => parserDirectives(`${line}\nFROM scratch\n`))
    expect(run.value.error).toBeUndefined()
    expect(run.ms).toBeLessThan(BUDGET_MS)
    const value = timed(() => directiveValue(`${half}=${half}\r=\t`))
    expect(value.value).toBeUndefined()
    expect(value.ms).toBeLessThan(BUDGET_MS)
  })

  it('reads real directives as before', () => {
    expect(parserDirectives('# syntax = docker/dockerfile:1 \r\n# escape=`\nFROM x\n')).toMatchObject({ syntax: 'docker/dockerfile:1', escape: '`' })
  })
})

describe('underscoresBetweenDigits replaces /^(?:[^_]|(?<=[0-9])_(?=[0-9]))*$/', () => {
  it('agrees with the old regex', () => {
    sameAsRegex(['_', '1', 'a', '.'], 7, underscoresBetweenDigits, (s) => /^(?:[^_]|(?<=[0-9])_(?=[0-9]))*$/.test(s))
  })

  it("is linear on recheck's attack ('0_0'.repeat(n) + '_' + '0\\x00'.repeat(n) + '_')", () => {
    const run = timed(() => underscoresBetweenDigits('0_0'.repeat(ATTACK_LENGTH / 6) + '_' + '0\0'.repeat(ATTACK_LENGTH / 4) + '_'))
    expect(run.value).toBe(false)
    expect(run.ms).toBeLessThan(BUDGET_MS)
  })
})
