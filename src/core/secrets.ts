import type { Config } from './config.js'

/**
 * Secret detection shared by DF006 (ENV/ARG/RUN) and DC011 (environment, build args).
 *
 * Names are judged by their tokens (split on `_`, `-`, `.` and camelCase), never by substrings: `PASSWORD`
 * is a token of `DB_PASSWORD` and of `dbPassword`, but `PASSWORDLESS_LOGIN` and `GOPRIVATE` hold none.
 */

/** One token that makes a name secret-like on its own. */
const SECRET_TOKENS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'AUTHTOKEN', 'ACCESSTOKEN'
])

/** Two tokens that are secret-like together (`API_KEY`, `PrivateKey`); `KEY` alone is not (`GPG_KEYS` are fingerprints). */
const SECRET_PAIRS = new Set([
  'API KEY', 'PRIVATE KEY', 'ACCESS KEY', 'SECRET KEY', 'ENCRYPTION KEY', 'SIGNING KEY', 'MASTER KEY', 'ACCOUNT KEY',
  'APP KEY', 'CLIENT KEY', 'LICENSE KEY', 'SERVICE KEY', 'STORAGE KEY'
])

/**
 * A last token that says the value is not the secret itself but something about it: where it is (`_FILE`,
 * `_PATH`, `_DIR`, `_URL`, `_SOCK` — the recommended pattern), whether it is used (`_ENABLED`, `_MODE`), its
 * shape (`_LENGTH`, `_TYPE`) or who uses it (`_USER`, `_NAME`, `_ID`).
 */
const DESCRIPTIVE_SUFFIXES = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'SOCK', 'SOCKET', 'MODE',
  'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'LENGTH', 'LEN', 'SIZE', 'BITS', 'TYPE', 'KIND', 'FORMAT',
  'ALGORITHM', 'ALG', 'USER', 'USERNAME', 'NAME', 'ID', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'TTL', 'TIMEOUT',
  'LIFETIME', 'HEADER', 'PREFIX', 'METHOD', 'POLICY', 'VERSION', 'REGION', 'COUNT', 'MIN', 'MAX'
])

/** Names that hold secret-like tokens but are not secrets. */
const NEVER_SECRETS = new Set(['GOPRIVATE', 'GONOSUMDB', 'GONOPROXY'])

/** The upper-case tokens of a variable name: `dbPassword_FILE` is DB, PASSWORD, FILE. */
export function nameTokens(name: string): string[] {
  const spaced = name
    .slice(0, 256)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
  return spaced
    .split(/[\s_.-]+/)
    .filter((t) => t !== '')
    .map((t) => t.toUpperCase())
}

export function isSecretName(name: string, config: Config): boolean {
  const upper = name.toUpperCase()
  if (NEVER_SECRETS.has(upper)) return false
  if (config.secrets.allowed.some((allowed) => allowed.toUpperCase() === upper)) return false
  const tokens = nameTokens(name)
  if (tokens.length === 0 || DESCRIPTIVE_SUFFIXES.has(tokens[tokens.length - 1])) return false
  if (tokens.some((token, i) => isSecretToken(tokens, i) || SECRET_PAIRS.has(`${token} ${tokens[i + 1]}`))) return true
  return config.secrets.names.some((extra) => containsSequence(tokens, nameTokens(extra)))
}

/**
 * `PWD` is a secret only after a prefix (`MYSQL_PWD`): alone it is the shell's working directory. `PASS`
 * only ends a name (`DB_PASS`), and not nginx's `PROXY_PASS`, a URL; `PASS_MAX_DAYS` is a policy.
 */
function isSecretToken(tokens: string[], index: number): boolean {
  const token = tokens[index]
  if (SECRET_TOKENS.has(token)) return true
  if (token === 'PWD') return index > 0
  if (token === 'PASS') return index > 0 && index === tokens.length - 1 && tokens[index - 1] !== 'PROXY'
  return false
}

function containsSequence(tokens: string[], sequence: string[]): boolean {
  if (sequence.length === 0) return false
  for (let i = 0; i + sequence.length <= tokens.length; i++) {
    if (sequence.every((part, k) => tokens[i + k] === part)) return true
  }
  return false
}

export interface KnownCredential {
  kind: string
  /** Where the credential starts and ends in the value. */
  start: number
  end: number
}

/**
 * Credential formats recognised by their prefix. Every pattern starts with a literal prefix and has
 * bounded quantifiers only, so a scan is linear in the length of the value.
 */
const CREDENTIAL_FORMATS: Array<{ kind: string; pattern: RegExp }> = [
  { kind: 'AWS access key ID', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { kind: 'GitHub fine-grained token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}/ },
  { kind: 'GitLab token', pattern: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,64}/ },
  { kind: 'Slack token', pattern: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,255}/ },
  { kind: 'Stripe live key', pattern: /(?<![A-Za-z0-9])[rs]k_live_[A-Za-z0-9]{20,247}/ },
  { kind: 'npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/ },
  { kind: 'PyPI token', pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}/ },
  { kind: 'private key', pattern: /-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY( BLOCK)?-----/ }
]

/** Values longer than this are only searched in their first part: a bound on time for hostile input. */
const MAX_VALUE_LENGTH = 64 * 1024

/** The first value in a known credential format (AWS key id, GitHub token, Slack token, private key…), or undefined. */
export function knownCredential(value: string): KnownCredential | undefined {
  const text = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value
  let first: KnownCredential | undefined
  for (const { kind, pattern } of CREDENTIAL_FORMATS) {
    const match = pattern.exec(text)
    if (match && (!first || match.index < first.start)) first = { kind, start: match.index, end: match.index + match[0].length }
  }
  return first
}

/** Values that switch a feature rather than hold a secret (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`). */
const NON_SECRET_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off', '0', '1', 'none', 'null', 'nil', 'undefined'])

/** A file path (`/run/secrets/db`, `./key.json`): where a secret is, not the secret. */
const FILE_PATH = /^(?:\/|~\/|\.{1,2}\/)[\w./@+-]{0,4096}$/

/**
 * A literal value that is worth reporting: not empty, not a switch (`true`, `no`), not a file path
 * (`GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json`), not only `$VAR` or `${VAR}` references. A
 * reference with a literal default (`${PASSWORD:-changeme}`) is a literal: the default is written in the file.
 */
export function isLiteralValue(value: string): boolean {
  return isLiteralAt(value, 0)
}

/** Defaults nest (`${A:-${B:-x}}`); deeper than this, the value is taken as literal rather than followed. */
const MAX_DEFAULT_DEPTH = 4

function isLiteralAt(value: string, depth: number): boolean {
  const trimmed = unquote(value.slice(0, MAX_VALUE_LENGTH).trim())
  if (trimmed === '' || NON_SECRET_VALUES.has(trimmed.toLowerCase()) || FILE_PATH.test(trimmed)) return false
  return literalOutsideReferences(trimmed, depth)
}

function unquote(value: string): string {
  const first = value[0]
  if (value.length >= 2 && (first === '"' || first === "'") && value[value.length - 1] === first) return value.slice(1, -1).trim()
  return value
}

/** True when some character is not part of a `$VAR` or `${VAR…}` reference (defaults count as literal text). */
function literalOutsideReferences(text: string, depth: number): boolean {
  let i = 0
  while (i < text.length) {
    if (text[i] !== '$') {
      if (!/[\s"']/.test(text[i])) return true
      i++
      continue
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2)
      if (close < 0) return true
      if (depth >= MAX_DEFAULT_DEPTH || literalDefault(text.slice(i + 2, close), depth)) return true
      i = close + 1
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 257))
    if (!name) return true
    i += 1 + name[0].length
  }
  return false
}

/** `VAR:-word`, `VAR-word`, `VAR:+word`, `VAR+word` with a word that is itself literal. */
function literalDefault(inner: string, depth: number): boolean {
  const match = /^[A-Za-z_][A-Za-z0-9_]*(?::?[-+=])(.*)$/s.exec(inner)
  return match ? isLiteralAt(match[1], depth + 1) : false
}
