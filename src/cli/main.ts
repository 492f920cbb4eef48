import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, relative, resolve, sep } from 'node:path'
import type { Config } from '../core/config.js'
import { ConfigError, loadConfig } from '../core/config-file.js'
import { discoverFiles } from '../core/discover.js'
import { scan } from '../core/engine.js'
import { atLeast, isActive, type Finding } from '../core/finding.js'
import { allRules } from '../core/registry.js'
import { docsUrl } from '../core/rule.js'
import { DirectoryWorkspace } from '../core/workspace.js'
import { toSarif } from '../report/sarif.js'
import { VERSION } from '../version.js'
import { parseArgs, USAGE, UsageError, type Command } from './args.js'
import { formatRulesText, formatText } from './format-text.js'
import { scanInThreads, threadCount } from './pool.js'

export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  colour: boolean
  /** The bundle worker threads run (dist/cli.js); without it every scan runs on this thread. */
  workerEntry?: string
}

const processIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  workerEntry: bundleEntry()
})

/** This module's file when it runs bundled (a worker can start it); not from the TypeScript sources. */
function bundleEntry(): string | undefined {
  const file = fileURLToPath(import.meta.url)
  return file.endsWith('.js') ? file : undefined
}

/** The CLI: returns the exit status (0 pass, 1 findings at or above fail-on, 2 usage or internal error). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let command: Command
  try {
    command = parseArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`containment: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE + '\n')
      return 0
    case 'version':
      io.stdout(`${VERSION}\n`)
      return 0
    case 'rules':
      io.stdout(command.format === 'json' ? JSON.stringify(rulesJson(), null, 2) + '\n' : formatRulesText(allRules, docsUrl))
      return 0
    case 'scan':
      return runScan(command, io)
  }
}

function rulesJson() {
  return allRules.map((r) => ({
    id: r.id,
    slug: r.slug,
    severity: r.severity,
    title: r.title,
    principles: r.principles,
    docs: docsUrl(r.id),
    equivalents: r.equivalents
  }))
}

async function runScan(command: Extract<Command, { kind: 'scan' }>, io: Io): Promise<number> {
  const targets = command.paths.map((p) => resolve(io.cwd, p))
  for (const target of targets) {
    try {
      readableTarget(target)
    } catch {
      io.stderr(`containment: cannot read "${relative(io.cwd, target) || '.'}"\n`)
      return 2
    }
  }
  const root = commonAncestor([io.cwd, ...targets.map((t) => (statSync(t).isDirectory() ? t : dirname(t)))])
  let config: Config
  try {
    config = loadCliConfig(command, io)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    io.stderr(`containment: invalid configuration, nothing was scanned:\n${error.message}\n`)
    return error.exitCode
  }
  const files = discoverFiles(root, targets)
  const threads = io.workerEntry ? threadCount(files, command.workers) : 1
  const result =
    threads > 1
      ? await scanInThreads(files, root, config, threads, io.workerEntry!)
      : await scan(
          files.map((f) => ({ path: f.path, content: readFileSync(f.absolute), explicit: f.explicit })),
          { config, workspace: new DirectoryWorkspace(root) }
        )
  const toCwd = (path: string) => relative(io.cwd, resolve(root, path)).split(sep).join('/')
  const findings = result.findings.map((f) => ({
    ...f,
    file: toCwd(f.file),
    ...(f.suppression?.file ? { suppression: { ...f.suppression, file: toCwd(f.suppression.file) } } : {})
  }))
  const active = findings.filter(isActive)
  const failOn = command.failOn ?? config.failOn
  io.stdout(render(command, findings, active, result.files.length, io))
  return failOn !== 'never' && active.some((f) => atLeast(f.severity, failOn)) ? 1 : 0
}

function render(command: Extract<Command, { kind: 'scan' }>, all: Finding[], active: Finding[], files: number, io: Io): string {
  const format = command.format
  if (format === 'json') return JSON.stringify({ findings: active, files }, null, 2) + '\n'
  if (format === 'sarif') return JSON.stringify(sarifOf(all), null, 2) + '\n'
  return formatText(active, files, all.length - active.length, io.colour, command.all)
}

function readableTarget(target: string): void {
  statSync(target)
}

/** The config file named with --config, else the one found in the current directory (the repository root). */
function loadCliConfig(command: Extract<Command, { kind: 'scan' }>, io: Io): Config {
  const explicit = command.config === undefined ? undefined : resolve(io.cwd, command.config)
  const loaded = loadConfig(new DirectoryWorkspace(io.cwd), {
    path: command.config,
    text: explicit === undefined ? undefined : readOptional(explicit)
  })
  for (const warning of loaded.warnings) io.stderr(`containment: warning: ${warning}\n`)
  if (loaded.file && command.format === 'text') io.stderr(`containment: using ${loaded.file}\n`)
  return loaded.config
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

function sarifOf(findings: Finding[]): unknown {
  return toSarif(findings, allRules, { version: VERSION })
}

/** The deepest directory that holds every path: rules may read files anywhere under it. */
export function commonAncestor(paths: string[]): string {
  const split = paths.map((p) => p.split(sep))
  const first = split[0]
  let length = first.length
  for (const parts of split) {
    let i = 0
    while (i < length && i < parts.length && parts[i] === first[i]) i++
    length = i
  }
  return first.slice(0, length).join(sep) || sep
}
