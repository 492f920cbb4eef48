import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, composeFindings, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

// Written against the catalog; the name and value rules are the shared ones of src/core/secrets.ts (DF006).
describe('DC011 secret-in-compose', () => {
  it('fires on secret-like names with literal values, in map and list form, at the entry', () => {
    const text = lines`
      services:
        web:
          image: a:1
          environment:
            DB_PASSWORD: hunter2
        db:
          image: b:1
          environment:
            - POSTGRES_PASSWORD=s3cr3t-value
            - API_TOKEN=abcdef123456
    `
    expect(compose('DC011', text)).toEqual(['5:7 high', '9:9 high', '10:9 high'])
  })

  it('fires on build args', () => {
    const text = lines`
      services:
        web:
          build:
            context: .
            args:
              NPM_TOKEN: abcdef0123456789
    `
    expect(compose('DC011', text)).toEqual(['6:9 high'])
  })

  it('fires at critical on a known credential format, whatever the name', () => {
    expect(compose('DC011', 'services:\n  web:\n    image: a:1\n    environment:\n      - AWS_ID=AKIAIOSFODNN7EXAMPLE\n')).toEqual(['5:9 critical'])
  })

  it('never puts the secret in the message or the snippet', () => {
    const [finding] = composeFindings('DC011', 'services:\n  web:\n    image: a:1\n    environment:\n      DB_PASSWORD: hunter2\n')
    expect(finding.message).not.toContain('hunter2')
    expect(finding.snippet).toBe('DB_PASSWORD')
  })

  it.each([
    ['a ${VAR} reference', 'DB_PASSWORD: ${DB_PASSWORD}'],
    ['a $VAR reference', 'DB_PASSWORD: $DB_PASSWORD'],
    ['a _FILE name', 'DB_PASSWORD_FILE: /run/secrets/db'],
    ['an empty value', 'DB_PASSWORD: ""'],
    ['no value (taken from the shell)', 'DB_PASSWORD:'],
    ['a name that is not secret-like', 'LOG_LEVEL: debug']
  ])('does not fire on %s', (_name, entry) => {
    expect(compose('DC011', `services:\n  web:\n    image: a:1\n    environment:\n      ${entry}\n`)).toEqual([])
  })

  it('does not fire on a name given without value in list form, nor on secrets: usage', () => {
    const text = lines`
      services:
        web:
          image: a:1
          environment:
            - DB_PASSWORD
          secrets: [db_password]
      secrets:
        db_password:
          file: ./db_password.txt
    `
    expect(compose('DC011', text)).toEqual([])
  })
})
