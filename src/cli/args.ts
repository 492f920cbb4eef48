import { isSeverity, type Severity } from '../core/finding.js'

export type Format = 'text' | 'json' | 'sarif'

export type Command =
  | { kind: 'scan'; paths: string[]; format: Format; failOn?: Severity | 'never'; config?: string; all: boolean; workers?: number }
  | { kind: 'rules'; format: 'text' | 'json' }
  | { kind: 'help' }
  | { kind: 'version' }

export class UsageError extends Error {}

export const USAGE = `Usage:
  containment scan [paths...] [--format text|json|sarif] [--fail-on critical|high|medium|low|info|never]
                  [--config FILE] [--all] [--workers N]
  containment rules [--format text|json]
  containment --help | --version

scan     Reviews Dockerfiles and Compose files. Directories are walked (skipping .git and node_modules);
         files named explicitly are analysed whatever their name. Default path: the current directory.
         Exit status: 0 when no finding reaches --fail-on (default: high, or the config file's fail-on),
         1 when one does, 2 on a usage error, an invalid config or an internal error.
         Text output counts info findings without listing them; --all lists them too.
         --workers N: threads for the scan (default: one per core when there are enough Dockerfiles).
rules    Lists the rule catalog.`

const FORMATS = new Set(['text', 'json', 'sarif'])

export function parseArgs(argv: string[]): Command {
  const [first, ...rest] = argv
  if (first === undefined || argv.includes('--help') || argv.includes('-h') || first === 'help') return { kind: 'help' }
  if (first === '--version' || first === '-V') return { kind: 'version' }
  const options = readOptions(rest)
  if (first === 'scan') {
    const format = options.values.format ?? 'text'
    if (!FORMATS.has(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`)
    const failOn = options.values['fail-on']
    if (failOn !== undefined && failOn !== 'never' && !isSeverity(failOn)) {
      throw new UsageError(`--fail-on must be critical, high, medium, low, info or never, not "${failOn}"`)
    }
    assertOnly(options.values, ['format', 'fail-on', 'config', 'workers'])
    const workers = options.values.workers
    if (workers !== undefined && !/^[1-9][0-9]?$/.test(workers)) throw new UsageError(`--workers must be a number from 1 to 99, not "${workers}"`)
    return {
      kind: 'scan',
      paths: options.positional.length ? options.positional : ['.'],
      format: format as Format,
      failOn: failOn as Severity | 'never' | undefined,
      config: options.values.config,
      all: options.flags.has('all'),
      ...(workers === undefined ? {} : { workers: Number(workers) })
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

const BOOLEAN_FLAGS = new Set(['all'])

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

function assertOnly(values: Record<string, string>, allowed: string[]): void {
  for (const name of Object.keys(values)) {
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`)
  }
}
