import { isSeverity, type Severity } from '../core/finding.js'
import { FORMATS, type Format } from './formats.js'

export type { Format }

export interface ScanCommand {
  kind: 'scan'
  /** Paths to scan; `-` is standard input. */
  paths: string[]
  format: Format
  failOn?: Severity | 'never'
  config?: string
  all: boolean
  /** The name standard input is analysed and reported as (it picks the analyzer, as a file name does). */
  stdinFilename?: string
  /** --color / --no-color; undefined: FORCE_COLOR, NO_COLOR, the terminal decide. */
  colour?: boolean
  /** --fixes: JSON output carries the proven fixes too. */
  fixes: boolean
  /** --workers: threads for the scan; undefined: one per core when there are enough Dockerfiles. */
  workers?: number
  /** --max-file-bytes: replaces the config file's limits.max-file-bytes. */
  maxFileBytes?: number
  /** --max-files: replaces the config file's limits.max-files. */
  maxFiles?: number
}

export type Command =
  | ScanCommand
  | { kind: 'fix'; paths: string[]; dryRun: boolean; level: 'safe' | 'all'; failOn?: Severity | 'never'; config?: string }
  | { kind: 'rules'; format: 'text' | 'json' }
  | { kind: 'help' }
  | { kind: 'version' }

export class UsageError extends Error {}

export const USAGE = `Usage:
  containment scan [paths...] [--format text|json|sarif|markdown|github]
                  [--fail-on critical|high|medium|low|info|never] [--config FILE] [--all] [--fixes]
                  [--stdin-filename NAME] [--color | --no-color] [--workers N]
                  [--max-file-bytes N] [--max-files N]
  containment fix [paths...] [--dry-run] [--class safe|all] [--fail-on LEVEL] [--config FILE]
  containment rules [--format text|json]
  containment --help | --version

scan     Reviews Dockerfiles and Compose files. Directories are walked (skipping .git and node_modules);
         files named explicitly are analysed whatever their name. Default path: the current directory.
         "-" reads standard input; --stdin-filename names it (compose.yaml, api/Dockerfile, ...), which
         picks the analyser as a file name does and is the path reported.
         Formats: text (default: file:line:col, coloured on a terminal; NO_COLOR, FORCE_COLOR respected),
         json, sarif (SARIF 2.1.0), markdown (the Action's job summary), github (workflow-command
         annotations, as the Action prints them).
         Text output counts info findings without listing them; --all lists them too.
         SARIF carries the proven fixes (see fix); JSON does with --fixes.
         --workers N: threads for the scan (default: one per core when there are enough Dockerfiles).
         --max-file-bytes N: files over N bytes are not read; a scanned one is reported (DF023, DC021)
         (default: the config file's limits.max-file-bytes, else 1048576).
         --max-files N: at most N files are scanned; with more the scan is incomplete: stderr, JSON and
         SARIF say so and the exit status is 1 unless --fail-on never (default: limits.max-files, else 10000).
fix      Applies the fixes rules offer, each proven first (the fixed file scanned again has that finding no
         more and nothing new): --class safe (default) takes only fixes that remove a switch weakening isolation
         or add one that changes nothing else; --class all adds the ones to review (cap_drop ALL, read_only,
         USER). --dry-run prints a unified diff and writes nothing. Exit status: 1 when findings at --fail-on
         remain after the fixes, else 0 (2 as for scan).
rules    Lists the rule catalog.

Exit status:
  0  no active finding at or above --fail-on (default: the config file's fail-on, else high)
  1  at least one active finding at or above --fail-on, or an incomplete scan (more files than --max-files)
  2  usage error, unreadable path, invalid config file, or internal error (nothing is reported as a pass)`

export function parseArgs(argv: string[]): Command {
  const [first, ...rest] = argv
  if (first === undefined || argv.includes('--help') || argv.includes('-h') || first === 'help') return { kind: 'help' }
  if (first === '--version' || first === '-V') return { kind: 'version' }
  const options = readOptions(rest)
  if (first === 'scan') {
    const format = options.values.format ?? 'text'
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not "${format}"`)
    const failOn = options.values['fail-on']
    if (failOn !== undefined && failOn !== 'never' && !isSeverity(failOn)) {
      throw new UsageError(`--fail-on must be critical, high, medium, low, info or never, not "${failOn}"`)
    }
    assertOnly(options.values, ['format', 'fail-on', 'config', 'stdin-filename', 'workers', 'max-file-bytes', 'max-files'])
    const maxFileBytes = countOption(options.values, 'max-file-bytes', 1024 * 1024 * 1024)
    const maxFiles = countOption(options.values, 'max-files', 10_000_000)
    const workers = options.values.workers
    if (workers !== undefined && !/^[1-9][0-9]?$/.test(workers)) throw new UsageError(`--workers must be a number from 1 to 99, not "${workers}"`)
    const paths = options.positional.length ? options.positional : ['.']
    const stdinFilename = options.values['stdin-filename']
    if (paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given once')
    if (stdinFilename !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename names standard input: give "-" as a path too')
    if (stdinFilename !== undefined && (stdinFilename.trim() === '' || /[\x00-\x1f]/.test(stdinFilename))) {
      throw new UsageError('--stdin-filename must be a file name')
    }
    if (options.flags.has('color') && options.flags.has('no-color')) throw new UsageError('--color and --no-color exclude each other')
    return {
      kind: 'scan',
      paths,
      format: format as Format,
      failOn: failOn as Severity | 'never' | undefined,
      config: options.values.config,
      all: options.flags.has('all'),
      stdinFilename,
      colour: options.flags.has('color') ? true : options.flags.has('no-color') ? false : undefined,
      fixes: options.flags.has('fixes'),
      ...(workers === undefined ? {} : { workers: Number(workers) }),
      ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
      ...(maxFiles === undefined ? {} : { maxFiles })
    }
  }
  if (first === 'fix') {
    const level = options.values.class ?? 'safe'
    if (level !== 'safe' && level !== 'all') throw new UsageError(`--class must be safe or all, not "${level}"`)
    const failOn = options.values['fail-on']
    if (failOn !== undefined && failOn !== 'never' && !isSeverity(failOn)) {
      throw new UsageError(`--fail-on must be critical, high, medium, low, info or never, not "${failOn}"`)
    }
    assertOnly(options.values, ['class', 'fail-on', 'config'])
    return {
      kind: 'fix',
      paths: options.positional.length ? options.positional : ['.'],
      dryRun: options.flags.has('dry-run'),
      level,
      failOn: failOn as Severity | 'never' | undefined,
      config: options.values.config
    }
  }
  if (first === 'rules') {
    const format = options.values.format ?? 'text'
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`)
    assertOnly(options.values, ['format'])
    if (options.positional.length) throw new UsageError(`rules takes no arguments`)
    return { kind: 'rules', format }
  }
  throw new UsageError(`unknown command "${first}"`)
}

const BOOLEAN_FLAGS = new Set(['all', 'color', 'no-color', 'dry-run', 'fixes'])

function readOptions(args: string[]): { values: Record<string, string>; flags: Set<string>; positional: string[] } {
  const values: Record<string, string> = {}
  const flags = new Set<string>()
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--') {
      positional.push(...args.slice(i + 1))
      break
    }
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq < 0 ? undefined : eq)
    if (BOOLEAN_FLAGS.has(name) && eq < 0) {
      flags.add(name)
      continue
    }
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1)
    if (value === undefined) throw new UsageError(`--${name} needs a value`)
    values[name] = value
  }
  return { values, flags, positional }
}

/** A whole number from 1 to `max` (the config file's bounds). */
function countOption(values: Record<string, string>, name: string, max: number): number | undefined {
  const value = values[name]
  if (value === undefined) return undefined
  if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not "${value}"`)
  return Number(value)
}

function assertOnly(values: Record<string, string>, allowed: string[]): void {
  for (const name of Object.keys(values)) {
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`)
  }
}
