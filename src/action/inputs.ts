import type { Severity } from '../core/finding.js'
import { trimEndOf } from '../core/text.js'

/**
 * review: scan and publish everything (the usual step). report: the unprivileged half of the workflow_run
 * recipe: scan, write the report file, the job summary, the outputs and the verdict; no comment, no
 * annotations and no suggested changes (the publishing half posts the first two). publish: the privileged half: read the report file and post
 * the comment and a check run with the annotations, without scanning anything.
 */
export type Mode = 'review' | 'report' | 'publish'

/** Where `mode: report` writes the report and `mode: publish` reads it, unless `report-file` says. */
export const DEFAULT_REPORT_FILE = 'containment-report.json'

/** The Action's inputs, validated. action.yml documents each one. */
export interface ActionInputs {
  mode: Mode
  /** The report file (relative to the workspace): written in review and report mode, read in publish mode. */
  reportFile?: string
  token: string
  /** Undefined: the config file's `fail-on`, else `high`. */
  failOn?: Severity | 'never'
  scope: 'changed' | 'all'
  baseline: 'base' | 'none'
  /** Globs: only matching files are scanned (empty: every Dockerfile and Compose file). */
  paths: string[]
  /** Globs never scanned, added to the config file's `exclude`. */
  exclude: string[]
  /** A config file named explicitly; undefined: discovered (.containment.yml, .github/containment.yml). */
  config?: string
  comment: 'update' | 'recreate' | 'off'
  annotations: boolean
  /** Undefined: no SARIF file. */
  sarifFile?: string
  sarifCategory: string
  /** Suggested changes on the pull request: none, safe fixes only, or every fix. */
  suggestions: 'off' | 'safe' | 'all'
  /** Undefined: the config file's `limits.max-file-bytes`, else 1 MiB. */
  maxFileBytes?: number
  /** Undefined: the config file's `limits.max-files`, else 10,000. */
  maxFiles?: number
}

export class InputError extends Error {}

/** Reads the inputs through `get` (core.getInput in the Action); throws InputError naming the bad input. */
export function parseInputs(get: (name: string) => string): ActionInputs {
  const failOn = get('fail-on').trim().toLowerCase()
  const mode = oneOf('mode', get('mode').trim().toLowerCase() || 'review', ['review', 'report', 'publish'] as const)
  const inputs: ActionInputs = {
    mode,
    reportFile: get('report-file').trim() || (mode === 'review' ? undefined : DEFAULT_REPORT_FILE),
    token: get('github-token').trim(),
    failOn: failOn === '' ? undefined : oneOf('fail-on', failOn, ['critical', 'high', 'medium', 'low', 'info', 'never'] as const),
    scope: oneOf('scope', get('scope').trim().toLowerCase() || 'changed', ['changed', 'all'] as const),
    baseline: oneOf('baseline', get('baseline').trim().toLowerCase() || 'base', ['base', 'none'] as const),
    paths: globList(get('paths')),
    exclude: globList(get('exclude')),
    config: get('config').trim() || undefined,
    comment: oneOf('comment', get('comment').trim().toLowerCase() || 'update', ['update', 'recreate', 'off'] as const),
    annotations: booleanInput('annotations', get('annotations'), true),
    sarifFile: get('sarif-file').trim() || undefined,
    sarifCategory: category(get('sarif-category')),
    suggestions: oneOf('suggestions', get('suggestions').trim().toLowerCase() || 'safe', ['off', 'safe', 'all'] as const),
    ...countInput('max-file-bytes', 'maxFileBytes', get('max-file-bytes'), 1024 * 1024 * 1024),
    ...countInput('max-files', 'maxFiles', get('max-files'), 10_000_000)
  }
  // The report half posts nothing: its token is read-only on forks, and the publish half posts once.
  return mode === 'report' ? { ...inputs, comment: 'off', annotations: false, suggestions: 'off' } : inputs
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(`Input "${name}" is "${value}"; expected one of: ${allowed.join(', ')}.`)
}

/** One glob per line (a YAML block scalar); blank lines and `#` comments are skipped. Commas are part of globs (`{a,b}`). */
export function globList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** A whole number from 1 to `max` (the config file's bounds), or nothing when empty. */
function countInput<K extends 'maxFileBytes' | 'maxFiles'>(name: string, key: K, text: string, max: number): Partial<Record<K, number>> {
  const value = text.trim().replace(/_/g, '')
  if (value === '') return {}
  if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > max) throw new InputError(`Input "${name}" is "${text.trim()}"; expected a whole number from 1 to ${max}.`)
  return { [key]: Number(value) } as Partial<Record<K, number>>
}

/** YAML 1.2 core booleans, as core.getBooleanInput reads them; empty takes the default. */
function booleanInput(name: string, text: string, fallback: boolean): boolean {
  const value = text.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input "${name}" is "${value}"; expected true or false.`)
}

/** The SARIF category, also the sticky comment's identity: letters, digits and `-_./` only. */
function category(text: string): string {
  const value = text.trim() || 'containment'
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(value)) {
    throw new InputError(`Input "sarif-category" is "${value}"; use up to 100 letters, digits, ".", "_", "-" or "/".`)
  }
  return trimEndOf(value, '/')
}

/** The input when given, else the config file's `fail-on` (whose default is `high`). */
export function effectiveFailOn(inputs: Pick<ActionInputs, 'failOn'>, configFailOn: Severity | 'never'): Severity | 'never' {
  return inputs.failOn ?? configFailOn
}
