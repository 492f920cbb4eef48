import type { Severity } from './finding.js'
import type { Equivalents } from './rule.js'

/** Tools whose suppressions are honoured for the equivalent rules. */
export type OtherTool = Exclude<keyof Equivalents, 'cis'>

/** A suppression that is not a comment in the scanned file: the config's `ignore`, `.hadolint.yaml`, `.trivyignore`. */
export interface IgnoreEntry {
  /** Our rule IDs for `config`; the tool's own IDs for `other-tool`. */
  rules: string[]
  /** Globs of the files it applies to; empty: every file. */
  paths: string[]
  reason: string
  kind: 'config' | 'other-tool'
  tool?: OtherTool
  /** Where it is written, for the report. */
  file: string
  line: number
}

/**
 * The effective configuration the engine and the adapters run with. Loading and validating the config
 * file is src/core/config-file.ts; this is the shape every other part reads, with every key set.
 */
export interface Config {
  /** Findings at or above this severity fail the run; `never` never fails. */
  failOn: Severity | 'never'
  /** Per rule ID: `off`, or a severity that replaces the rule's default. */
  rules: Record<string, 'off' | Severity>
  /** Globs (repository-relative) of files never scanned. */
  exclude: string[]
  /** Registries images may come from; `undefined` leaves DF010/DC017 off. Docker Hub is `docker.io`. */
  trustedRegistries?: string[]
  secrets: {
    /** Extra secret-like name parts (upper case, token boundaries), added to the built-in list. */
    names: string[]
    /** Variable names that are never secrets in this project. */
    allowed: string[]
  }
  /** Base images known to run as non-root (`repo`, `repo:tag`, or glob `*:nonroot`); added to the defaults. */
  nonRootImages: string[]
  /** Extra commands that drop privileges in an entrypoint, beside gosu, su-exec, setpriv, … */
  privilegeDropCommands: string[]
  /** Extra published ports that are data or admin ports (DC012 high). */
  sensitivePorts: number[]
  /** Honour `# containment-ignore` comments (false for audits). */
  inlineSuppressions: boolean
  /** Honour hadolint, Trivy, Checkov, KICS and dclint suppressions for equivalent rules. */
  otherToolsSuppressions: boolean
  /** Suppressions from the config file and other tools' files; applied whatever `inlineSuppressions` says. */
  ignore: IgnoreEntry[]
  limits: Limits
}

/** Bounds on what one scan reads (`limits` in the config file, the inputs and flags of the same names). */
export interface Limits {
  /** A file over this many bytes is not read: reported when scanned, its reference reported when referred to. */
  maxFileBytes: number
  /** Files scanned at most; more make the scan incomplete, which never passes silently. */
  maxFiles: number
}

export const DEFAULT_LIMITS: Readonly<Limits> = { maxFileBytes: 1024 * 1024, maxFiles: 10_000 }

export function defaultConfig(): Config {
  return {
    failOn: 'high',
    rules: {},
    exclude: [],
    trustedRegistries: undefined,
    secrets: { names: [], allowed: [] },
    nonRootImages: [],
    privilegeDropCommands: [],
    sensitivePorts: [],
    inlineSuppressions: true,
    otherToolsSuppressions: true,
    ignore: [],
    limits: { ...DEFAULT_LIMITS }
  }
}
