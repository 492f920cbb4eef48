import { writeFileSync } from 'node:fs'
import { readBounded } from '../core/read-file.js'
import { relative, resolve, sep } from 'node:path'
import { createTwoFilesPatch } from 'diff'
import type { Config } from '../core/config.js'
import { ConfigError } from '../core/config-file.js'
import { decodeFile } from '../core/decode.js'
import { discoverFiles } from '../core/discover.js'
import { prepareEngine, tooLarge } from '../core/engine.js'
import { atLeast, type Finding } from '../core/finding.js'
import { fixFile, type FixedFile } from '../core/fixer.js'
import { DirectoryWorkspace } from '../core/workspace.js'
import { visible } from './format-text.js'
import type { Command } from './args.js'
import { commonAncestor, loadCliConfig, type Io } from './main.js'

type FixCommand = Extract<Command, { kind: 'fix' }>

const BOM = '\ufeff'

/** `containment fix`: applies proven fixes (or prints them as a diff), says what it changed and what it left. */
export async function runFix(command: FixCommand, io: Io): Promise<number> {
  const targets = command.paths.map((p) => resolve(io.cwd, p))
  let files: ReturnType<typeof discoverFiles>
  try {
    files = discoverFiles(commonAncestor([io.cwd, ...targets]), targets)
  } catch {
    io.stderr(`containment: cannot read ${command.paths.map((p) => `"${p}"`).join(', ')}\n`)
    return 2
  }
  let config: Config
  try {
    config = await loadCliConfig({ config: command.config }, io)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    io.stderr(`containment: invalid configuration, nothing was fixed:\n${error.message}\n`)
    return error.exitCode
  }
  await prepareEngine()
  const root = commonAncestor([io.cwd, ...targets])
  const limit = config.limits.maxFileBytes
  const workspace = new DirectoryWorkspace(root, { maxFileBytes: limit })
  const toCwd = (path: string) => relative(io.cwd, resolve(root, path)).split(sep).join('/')
  const remaining: Finding[] = []
  let changedFiles = 0
  let appliedFixes = 0
  for (const file of files) {
    const read = readBounded(file.absolute, limit)
    if (read.size > limit) {
      io.stderr(`${visible(toCwd(file.path))}: not fixed: ${tooLarge(read.size, limit)}\n`)
      continue
    }
    const bytes = read.bytes
    const decoded = decodeFile(bytes)
    if (!decoded.ok) continue
    // The decoder may drop a byte order mark: it is put back as the file had it.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? BOM : ''
    const original = decoded.text.startsWith(BOM) ? decoded.text.slice(1) : decoded.text
    const result = fixFile(file.path, original, { config, workspace, explicit: file.explicit, level: command.level })
    remaining.push(...result.remaining.map((f) => ({ ...f, file: toCwd(f.file) })))
    if (result.applied.length === 0) continue
    changedFiles++
    appliedFixes += result.applied.length
    const shown = toCwd(file.path)
    if (command.dryRun) io.stdout(terminalSafe(createTwoFilesPatch(`a/${shown}`, `b/${shown}`, original, result.text, '', '', { context: 3 })))
    else writeFileSync(file.absolute, bom + result.text)
    io.stderr(describeApplied(shown, result, command.dryRun))
  }
  io.stderr(summary(changedFiles, appliedFixes, remaining, command))
  const failOn = command.failOn ?? config.failOn
  return failOn !== 'never' && remaining.some((f) => atLeast(f.severity, failOn)) ? 1 : 0
}

function describeApplied(path: string, result: FixedFile, dryRun: boolean): string {
  const verb = dryRun ? 'would fix' : 'fixed'
  const lines = result.applied.map((a) => `  ${a.ruleId} line ${a.line}: ${visible(a.fix.description)} (${a.fix.safety})`)
  return `${visible(path)}: ${verb} ${result.applied.length}\n${lines.join('\n')}\n`
}

function summary(files: number, fixes: number, remaining: Finding[], command: FixCommand): string {
  const verb = command.dryRun ? 'would apply' : 'applied'
  const withReview = remaining.filter((f) => f.fix?.safety === 'review').length
  const left = `${remaining.length} finding${remaining.length === 1 ? '' : 's'} left`
  const hint = command.level === 'safe' && withReview > 0 ? ` (${withReview} with a fix to review: --class all)` : ''
  return `containment: ${verb} ${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}; ${left}${hint}\n`
}

/** A diff keeps tabs and line breaks (CRLF included) as they are; other control characters are shown, not obeyed. */
function terminalSafe(patch: string): string {
  return patch.split(/(\r?\n|\t)/).map((part, i) => (i % 2 === 1 ? part : visible(part))).join('')
}
