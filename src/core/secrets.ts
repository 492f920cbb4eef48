import type { Config } from './config.js'

/** Secret detection shared by DF006 (ENV/ARG/RUN) and DC011 (environment, build args). */

// TODO(DF006): implemented with the DF006 rule.
export function isSecretName(_name: string, _config: Config): boolean {
  return false
}

/** A value in a known credential format (AWS key id, GitHub token, Slack token, private key), or undefined. */
export function knownCredential(_value: string): { kind: string } | undefined {
  return undefined
}

/** A literal value that is worth reporting: not empty, not only `${VAR}` references. */
export function isLiteralValue(_value: string): boolean {
  return false
}
