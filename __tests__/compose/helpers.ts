import type { Config } from '../../src/core/config.js'
import type { Finding } from '../../src/core/finding.js'
import { findingsOf } from '../helpers.js'

export { lines, prepareEngine } from '../helpers.js'

/** Findings of a rule on `compose.yaml` (plus other files of the repository), as `line:column severity`. */
export function compose(ruleId: string, text: string, extra: Record<string, string> = {}, config: Partial<Config> = {}): string[] {
  return findingsOf(ruleId, { 'compose.yaml': text, ...extra }, config)
    .filter((f) => f.file === 'compose.yaml')
    .map((f) => `${f.line}:${f.column} ${f.severity}`)
}

/** Findings of a rule over several files, as `file:line:column severity`. */
export function project(ruleId: string, files: Record<string, string>, config: Partial<Config> = {}): string[] {
  return findingsOf(ruleId, files, config).map(located)
}

/** The full findings of a rule on `compose.yaml`, for message assertions. */
export function composeFindings(ruleId: string, text: string, extra: Record<string, string> = {}, config: Partial<Config> = {}): Finding[] {
  return findingsOf(ruleId, { 'compose.yaml': text, ...extra }, config).filter((f) => f.file === 'compose.yaml')
}

export function located(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity}`
}
