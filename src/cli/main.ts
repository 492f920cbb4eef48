import { lstatSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, relative, resolve, sep } from 'node:path'
import type { Config } from '../core/config.js'
import { ConfigError, loadConfig, withConfigValidation } from '../core/config-file.js'
import { discoverFiles, inside } from '../core/discover.js'
import { scan, type InputFile } from '../core/engine.js'
import { atLeast, isActive } from '../core/finding.js'
import { allRules } from '../core/registry.js'
import { docsUrl } from '../core/rule.js'
import { DirectoryWorkspace } from '../core/workspace.js'
import { VERSION } from '../version.js'
import { parseArgs, USAGE, UsageError, type Command, type ScanCommand } from './args.js'
import { colourEnabled } from './colour.js'
import { formatRulesText } from './format-text.js'
import { render } from './formats.js'
import { NO_PROGRESS, terminalProgress, type Progress } from './progress.js'
import { runFix } from './fix.js'
import { readInput, scanInThreads, threadCount } from './pool.js'

export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  /** Colour text output unless --color/--no-color say otherwise (the environment and the terminal decide). */
  colour: boolean
  /** Standard input for the path `-`: at most `maxBytes + 1` bytes kept, `size` counting all of it. */
  readStdin?: (maxBytes: number) => Promise<Uint8Array | { bytes: Uint8Array; size: number }>
  /** A progress line on stderr for long scans (when stderr is a terminal). */
  progress?: () => Progress
  /** The bundle worker threads run (dist/cli-main.js); without it every scan runs on this thread. */
  workerEntry?: string
}

const processIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  colour: colourEnabled(undefined, process.env, Boolean(process.stdout.isTTY)),
  readStdin: async (maxBytes) => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length
      // Past the limit the rest is counted, not kept.
      if (size <= maxBytes) chunks.push(chunk as Buffer)
    }
    return size > maxBytes ? { bytes: new Uint8Array(0), size } : Buffer.concat(chunks)
  },
  progress: () => (process.stderr.isTTY ? terminalProgress((text) => process.stderr.write(text)) : NO_PROGRESS),
  workerEntry: bundleEntry()
})

/** This module's file when it runs bundled (a worker can start it); not from the TypeScript sources. */
function bundleEntry(): string | undefined {
  const file = fileURLToPath(import.meta.url)
  return file.endsWith('.js') ? file : undefined
}

/** What `-` is called when --stdin-filename does not name it. */
const STDIN_NAME = '<stdin>'

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
    case 'fix':
      return runFix(command, io)
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

async function runScan(command: ScanCommand, io: Io): Promise<number> {
  const diskPaths = command.paths.filter((p) => p !== '-')
  const targets = diskPaths.map((p) => resolve(io.cwd, p))
  for (const target of targets) {
    try {
      readableTarget(target)
    } catch {
      io.stderr(`containment: cannot read "${relative(io.cwd, target) || '.'}"\n`)
      return 2
    }
  }
  const root = commonAncestor([io.cwd, ...targets.map((t) => (statSync(t).isDirectory() ? t : dirname(t)))])
  for (const target of targets) {
    if (lstatSync(target).isSymbolicLink() && !inside(root, target)) {
      io.stderr(`containment: "${relative(io.cwd, target)}" is a symbolic link that leads outside ${relative(io.cwd, root) || '.'}: it is not read\n`)
      return 2
    }
  }
  let config: Config
  try {
    config = withLimits(await loadCliConfig(command, io), command)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    io.stderr(`containment: invalid configuration, nothing was scanned:\n${error.message}\n`)
    return error.exitCode
  }
  const limit = config.limits.maxFileBytes
  const discovered = discoverFiles(root, targets)
  // Over limits.max-files: the first files by path are scanned, and the scan says it is incomplete.
  const files = discovered.slice(0, config.limits.maxFiles)
  const incomplete =
    discovered.length > files.length
      ? `${discovered.length} files to scan, more than limits.max-files (${config.limits.maxFiles}): only the first ${files.length} were scanned`
      : undefined
  const fixes = command.fixes || command.format === 'sarif'
  // Worker threads for scans of many files; standard input and proven fixes (which scan fixed files
  // again with every input at hand) stay on this thread.
  const threads = io.workerEntry && !fixes && !command.paths.includes('-') ? threadCount(files, command.workers) : 1
  const inputs: InputFile[] = threads > 1 ? [] : files.map((f) => readInput(f, limit))
  if (command.paths.includes('-')) {
    if (!io.readStdin) throw new Error('standard input is not available')
    const path = stdinPath(command, io, root)
    // Standard input stands for the file of that name: an editor passes the unsaved buffer this way.
    const onDisk = inputs.findIndex((input) => input.path === path)
    if (onDisk >= 0) inputs.splice(onDisk, 1)
    const stdin = await io.readStdin(limit)
    inputs.push(stdin instanceof Uint8Array ? { path, content: stdin, explicit: true } : { path, content: stdin.bytes, size: stdin.size, explicit: true })
  }
  const progress = command.format === 'text' && io.progress ? io.progress() : NO_PROGRESS
  const result =
    threads > 1
      ? await scanInThreads(files, root, config, threads, io.workerEntry!)
      : await scan(inputs, { config, workspace: new DirectoryWorkspace(root, { maxFileBytes: limit }), fixes, progress: progress.update })
  progress.end()
  const toCwd = (path: string) => relative(io.cwd, resolve(root, path)).split(sep).join('/')
  const findings = result.findings.map((f) => ({
    ...f,
    file: toCwd(f.file),
    ...(f.suppression?.file ? { suppression: { ...f.suppression, file: toCwd(f.suppression.file) } } : {})
  }))
  const failOn = command.failOn ?? config.failOn
  const report = { findings, files: result.files.map((f) => toCwd(f.path)), failOn, ...(incomplete ? { incomplete } : {}) }
  io.stdout(render(command.format, report, { colour: command.colour ?? io.colour, showInfo: command.all }))
  if (incomplete) io.stderr(`containment: warning: the scan is incomplete: ${incomplete}; raise --max-files (limits.max-files) or name fewer paths\n`)
  // An incomplete scan does not pass (exit 1), unless --fail-on never.
  if (failOn === 'never') return 0
  return incomplete || findings.some((f) => isActive(f) && atLeast(f.severity, failOn)) ? 1 : 0
}

/** The config with --max-file-bytes and --max-files on top. */
function withLimits(config: Config, command: ScanCommand): Config {
  return {
    ...config,
    limits: { maxFileBytes: command.maxFileBytes ?? config.limits.maxFileBytes, maxFiles: command.maxFiles ?? config.limits.maxFiles }
  }
}

/**
 * Standard input's path relative to the scan root: --stdin-filename (relative to the current directory,
 * so that a Compose file on stdin finds the Dockerfile its `build:` names), else `<stdin>`.
 */
function stdinPath(command: ScanCommand, io: Io, root: string): string {
  if (command.stdinFilename === undefined) return STDIN_NAME
  return relative(root, resolve(io.cwd, command.stdinFilename)).split(sep).join('/')
}

function readableTarget(target: string): void {
  statSync(target)
}

/** The config file named with --config, else the one found in the current directory (the repository root). */
export async function loadCliConfig(command: { config?: string; format?: string }, io: Io): Promise<Config> {
  const explicit = command.config === undefined ? undefined : resolve(io.cwd, command.config)
  const text = explicit === undefined ? undefined : readOptional(explicit)
  const workspace = new DirectoryWorkspace(io.cwd)
  const loaded = await withConfigValidation(() => loadConfig(workspace, { path: command.config, text }))
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
