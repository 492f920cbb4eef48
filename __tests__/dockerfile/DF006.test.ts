import { beforeAll, describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/core/config.js'
import { isLiteralValue, isSecretName, knownCredential } from '../../src/core/secrets.js'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

// Built by concatenation so that the test file itself holds no credential-shaped literal.
const GITHUB_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'
const AWS_KEY_ID = 'AKIA' + 'IOSFODNN7EXAMPLE'
const SLACK_TOKEN = 'xoxb-' + '123456789012-1234567890123-abcdefghijABCDEFGHIJ'
const NPM_TOKEN = 'npm_' + 'abcdefghijABCDEFGHIJ0123456789abcdef'
const PRIVATE_KEY = '-----BEGIN ' + 'RSA PRIVATE KEY-----'

describe('DF006 secret-in-build-config', () => {
  it.each([
    ['ENV with a password', 'FROM alpine\nENV DB_PASSWORD=hunter2\n', ['2:5 high']],
    ['ENV in the legacy form', 'FROM alpine\nENV DB_PASSWORD hunter2\n', ['2:5 high']],
    ['a camelCase name', 'FROM alpine\nENV dbPassword=hunter2\n', ['2:5 high']],
    ['ARG with a default token', 'FROM alpine\nARG GITHUB_TOKEN=abc123\n', ['2:5 high']],
    ['API_KEY', 'FROM alpine\nENV API_KEY="k-123"\n', ['2:5 high']],
    ['APIKEY', 'FROM alpine\nENV STRIPE_APIKEY=k-123\n', ['2:5 high']],
    ['a dotted name', 'FROM alpine\nENV spring.datasource.password=s3cret\n', ['2:5 high']],
    ['MYSQL_PWD', 'FROM alpine\nENV MYSQL_PWD=s3cret\n', ['2:5 high']],
    ['DB_PASS', 'FROM alpine\nENV DB_PASS=s3cret\n', ['2:5 high']],
    ['CLIENT_SECRET', 'FROM alpine\nENV OAUTH_CLIENT_SECRET=s3cret\n', ['2:5 high']],
    ['AWS_SECRET_ACCESS_KEY', 'FROM alpine\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n', ['2:5 high']],
    ['SECRET_KEY_BASE', 'FROM ruby:3\nENV SECRET_KEY_BASE=0123abcd\n', ['2:5 high']],
    ['CREDENTIALS', 'FROM alpine\nENV REGISTRY_CREDENTIALS=user:pass\n', ['2:5 high']],
    ['PRIVATE_KEY', 'FROM alpine\nENV JWT_PRIVATE_KEY=abc\n', ['2:5 high']],
    ['a reference with a literal default', 'FROM alpine\nENV ADMIN_PASSWORD=${ADMIN_PASSWORD:-changeme}\n', ['2:5 high']],
    ['the second of two properties', 'FROM alpine\nENV APP_PORT=8080 APP_TOKEN=t0k3n\n', ['2:19 high']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF006', text)).toEqual(expected)
  })

  it.each([
    ['ARG with no value', 'FROM alpine\nARG NPM_TOKEN\nRUN npm ci\n', ['2:5 medium']],
    ['ARG with an empty value', 'FROM alpine\nARG NPM_TOKEN=\n', ['2:5 medium']],
    ['ARG with no value, but not the ENV that only references it', 'FROM alpine\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\n', ['2:5 medium']],
    ['a global ARG (once, not again where a stage imports it)', 'ARG NPM_TOKEN\nFROM node:20\nARG NPM_TOKEN\nRUN npm ci\n', ['1:5 medium']]
  ])('fires at medium on %s', (_name, text, expected) => {
    expect(dockerfile('DF006', text)).toEqual(expected)
  })

  it.each([
    ['an AWS key in ENV', `FROM alpine\nENV AWS_ACCESS_KEY_ID=${AWS_KEY_ID}\n`, ['2:23 critical']],
    ['a GitHub token in a quoted ENV value', `FROM alpine\nENV GH="${GITHUB_TOKEN}"\n`, ['2:9 critical']],
    ['a Slack token in ARG', `FROM alpine\nARG HOOK=${SLACK_TOKEN}\n`, ['2:10 critical']],
    ['a token inside a RUN URL', `FROM alpine\nRUN git clone https://${GITHUB_TOKEN}@github.com/org/repo\n`, ['2:23 critical']],
    ['a token on a continuation line', `FROM alpine\nRUN apk add git && \\\n    git clone https://x:${GITHUB_TOKEN}@github.com/o/r\n`, ['3:25 critical']],
    ['a token in sh -c, reported once', `FROM alpine\nRUN sh -c "curl -H 'Authorization: token ${GITHUB_TOKEN}' https://api.github.com"\n`, ['2:42 critical']],
    ['a token written to a file by a here-document', `FROM node:20\nRUN cat <<EOF > /root/.npmrc\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nEOF\n`, ['3:34 critical']],
    ['a private key in ENV', `FROM alpine\nENV KEY="${PRIVATE_KEY}\\nMIIE"\n`, ['2:10 critical']],
    ['a token in an ADD URL', `FROM alpine\nADD https://${GITHUB_TOKEN}@raw.githubusercontent.com/o/r/main/x /x\n`, ['2:13 critical']]
  ])('fires at critical on %s', (_name, text, expected) => {
    expect(dockerfile('DF006', text)).toEqual(expected)
  })

  it('reports a credential once, at critical, even under a secret-like name', () => {
    expect(dockerfile('DF006', `FROM alpine\nENV GITHUB_TOKEN=${GITHUB_TOKEN}\n`)).toEqual(['2:18 critical'])
  })

  it.each([
    ['a *_FILE name', 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n'],
    ['a *_PATH name', 'FROM alpine\nENV TOKEN_PATH=tokens/app\n'],
    ['a *_DIR name', 'FROM alpine\nENV SECRETS_DIR=secrets\n'],
    ['a *_URL name', 'FROM alpine\nENV TOKEN_URL=https://auth.example.com/token\n'],
    ['a *_MODE name', 'FROM alpine\nENV RACKULA_AUTH_MODE=none\nENV PASSWORD_MODE=strict\n'],
    ['a *_SOCK name', 'FROM alpine\nENV SSH_AUTH_SOCK=agent.sock\n'],
    ['a *_ENABLED name', 'FROM alpine\nENV PASSWORD_RESET_ENABLED=yes\n'],
    ['a *_LENGTH name', 'FROM alpine\nENV PASSWORD_MIN_LENGTH=12\n'],
    ['GOPRIVATE', 'FROM golang:1.22\nENV GOPRIVATE=github.com/acme\n'],
    ['PWD, the working directory', 'FROM alpine\nENV PWD=/app OLDPWD=/\n'],
    ['only a ${VAR} reference', 'FROM alpine\nENV DB_PASSWORD=${DB_PASSWORD}\n'],
    ['only a $VAR reference', 'FROM alpine\nENV API_TOKEN=$API_TOKEN\n'],
    ['an empty value', 'FROM alpine\nENV DB_PASSWORD=""\n'],
    ['a switch', 'FROM mysql:8\nENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MYSQL_RANDOM_ROOT_PASSWORD=1\n'],
    ['a file path', 'FROM alpine\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json\n'],
    ['GPG key fingerprints', 'FROM python:3\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n'],
    ['nginx PROXY_PASS', 'FROM nginx:1\nENV PROXY_PASS=http://backend:8080\n'],
    ['a name without a secret token', 'FROM alpine\nENV PASSWORDLESS_LOGIN=on\nENV TOKENIZER=bpe\n'],
    ['a credential in a comment', `FROM alpine\n# ${GITHUB_TOKEN}\nRUN ls\n`],
    ['a token-like prefix that is too short', 'FROM alpine\nRUN echo ghp_short\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF006', text)).toEqual([])
  })

  it('honours the configured allowed names and extra name parts', () => {
    expect(dockerfile('DF006', 'FROM alpine\nENV DB_PASSWORD=dev\n', {}, { secrets: { names: [], allowed: ['db_password'] } })).toEqual([])
    expect(dockerfile('DF006', 'FROM alpine\nENV ATM_PIN=1234\n', {}, { secrets: { names: ['PIN'], allowed: [] } })).toEqual(['2:5 high'])
  })

  it('says where the secret goes and how to pass it instead', () => {
    const [finding] = findingsOf('DF006', { Dockerfile: 'FROM alpine\nARG NPM_TOKEN\n' })
    expect(finding.message).toContain('ARG "NPM_TOKEN"')
    expect(finding.message).toContain('RUN --mount=type=secret')
  })

  it('does not put the credential itself in the snippet', () => {
    const [finding] = findingsOf('DF006', { Dockerfile: lines`
      FROM alpine
      ENV GH=${GITHUB_TOKEN}
    ` })
    expect(finding.snippet).not.toContain(GITHUB_TOKEN)
  })
})

describe('secret detection shared with DC011', () => {
  const config = defaultConfig()

  it.each(['DB_PASSWORD', 'db-password', 'dbPassword', 'API_KEY', 'ApiKey', 'APIKEY', 'MYSQL_PWD', 'CLIENT_SECRET', 'AUTH_TOKEN', 'PRIVATE_KEY', 'ACCESS_KEY', 'CREDENTIALS', 'PASSPHRASE', 'DB_PASS'])(
    '%s is secret-like',
    (name) => expect(isSecretName(name, config)).toBe(true)
  )

  it.each(['PWD', 'OLDPWD', 'GOPRIVATE', 'PASSWORD_FILE', 'TOKEN_PATH', 'SECRET_DIR', 'TOKEN_URL', 'AUTH_MODE', 'SSH_AUTH_SOCK', 'PASSWORD_ENABLED', 'PASSWORD_LENGTH', 'DB_USER', 'GPG_KEYS', 'KEY', 'PASSWORDLESS', 'PROXY_PASS', 'PASS_MAX_DAYS', 'AWS_ACCESS_KEY_ID', 'TOKEN_HOST'])(
    '%s is not secret-like',
    (name) => expect(isSecretName(name, config)).toBe(false)
  )

  it('finds credential formats by prefix, with their position', () => {
    expect(knownCredential(`x=${AWS_KEY_ID};`)).toEqual({ kind: 'AWS access key ID', start: 2, end: 22 })
    expect(knownCredential(`https://u:${GITHUB_TOKEN}@github.com`)?.kind).toBe('GitHub token')
    expect(knownCredential(`github_pat_${'A'.repeat(22)}_${'b'.repeat(59)}`)?.kind).toBe('GitHub fine-grained token')
    expect(knownCredential(SLACK_TOKEN)?.kind).toBe('Slack token')
    expect(knownCredential(`glpat-${'x'.repeat(20)}`)?.kind).toBe('GitLab token')
    expect(knownCredential(`sk_live_${'a'.repeat(24)}`)?.kind).toBe('Stripe live key')
    expect(knownCredential(`${'-----BEGIN'} OPENSSH PRIVATE KEY-----`)?.kind).toBe('private key')
    expect(knownCredential('AKIA_NOT_A_KEY ghp_short BEGIN PUBLIC KEY')).toBeUndefined()
    expect(knownCredential(`XAKIA${'A'.repeat(16)}`)).toBeUndefined()
  })

  it('scans hostile input in linear time', () => {
    const hostile = '-----BEGIN ' + 'A '.repeat(50000) + 'ghp_'.repeat(20000) + 'xoxb-'.repeat(20000)
    const started = Date.now()
    knownCredential(hostile)
    isLiteralValue('${A:-'.repeat(20000))
    isLiteralValue('${A:-'.repeat(20000) + '}'.repeat(20000))
    isLiteralValue('${A}'.repeat(20000))
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it.each([
    ['hunter2', true],
    ['${PASSWORD:-changeme}', true],
    ['prefix-${SUFFIX}', true],
    ['', false],
    ['""', false],
    ['${PASSWORD}', false],
    ['$PASSWORD', false],
    ['${A}${B}', false],
    ['${PASSWORD:?required}', false],
    ['true', false],
    ['/run/secrets/db', false]
  ])('isLiteralValue(%p) is %p', (value, expected) => {
    expect(isLiteralValue(value)).toBe(expected)
  })
})
