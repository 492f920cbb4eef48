import type { AnalysisContext } from '../core/analyzer.js'
import type { Config } from '../core/config.js'
import type { Range } from '../core/finding.js'
import { analyzeShell, baseName, invocations, optionValue, SHELLS, type Command, type Invocation, type Word } from '../shell/analyze.js'
import { TextIndex } from '../core/text.js'
import { isKnownNonRootImage, isWindowsAdministrator, isWindowsImage, windowsDefaultUser } from './base-images.js'
import { repositorySources, stageChain } from './copied-files.js'
import { effectiveUser, isRootUser, runCommands, type DockerfileModel, type EffectiveUser, type ImageReference, type Instruction, type Stage } from './model.js'

/** Whether a stage's containers run as root, and whether they drop privileges at start (DF001, DX001). */
export interface StageUserVerdict {
  runsAsRoot: boolean
  /** When root: how the entrypoint drops privileges (`gosu` in docker-entrypoint.sh:42), if it does. */
  privilegeDrop?: {
    command: string
    file: string
    line: number
    /** Set when the drop is inferred: the entrypoint script that could not be read. */
    inferredFor?: string
  }
  /** Where DF001 reports: the stage's last USER when it names root, else the stage's FROM. */
  range: Range
  user: EffectiveUser
  /**
   * When root and no drop was found: entrypoint scripts the stage runs from the repository that could not
   * be read (so a drop they might do is unknown).
   */
  unreadScripts?: string[]
}

export function stageUser(model: DockerfileModel, stage: Stage, context: AnalysisContext): StageUserVerdict {
  const user = effectiveUser(stage, (image) => isNonRootBase(image, context.config))
  const windowsUser = user.fromBaseImage && user.user === 'root' ? windowsBaseUser(user.decidedBy) : undefined
  if (windowsUser) user.user = windowsUser
  const runsAsRoot = isRootUser(user.user) || isWindowsAdministrator(user.user)
  const range = user.instruction && runsAsRoot ? user.instruction.args[0]?.range ?? user.instruction.range : stage.from.range
  if (!runsAsRoot) return { runsAsRoot, range, user }
  const search = new DropSearch(model, stage, context)
  const privilegeDrop = search.run() ?? (search.unread.length > 0 ? installedDropTool(model, stage, search.unread[0]) : undefined)
  return privilegeDrop ? { runsAsRoot, range, user, privilegeDrop } : { runsAsRoot, range, user, unreadScripts: search.unread }
}

/** Tools that exist in an image only to drop privileges at start: installing one is the plan to use it. */
const DROP_ONLY_TOOLS = new Set(['gosu', 'su-exec'])

/**
 * When the entrypoint script is not in the scanned files (a pull request that changes only the
 * Dockerfile, a corpus of Dockerfiles), an image that installs gosu or su-exec and starts a script of
 * its repository drops privileges there: that is the only use of those tools (the official postgres,
 * redis and mongo images). The script, when it can be read, decides instead.
 */
function installedDropTool(model: DockerfileModel, stage: Stage, script: string): Drop | undefined {
  for (const current of stageChain(stage)) {
    for (const { command } of runCommands(model, current)) {
      const word = [command.name, ...command.args].find((w) => DROP_ONLY_TOOLS.has(baseName(w.value)))
      if (!word) continue
      const line = model.index.positionAt(word.start).line
      return { command: baseName(word.value), file: model.path, line, inferredFor: script }
    }
  }
  return undefined
}

function isNonRootBase(image: ImageReference, config: Config): boolean {
  return image.kind === 'image' && image.name !== undefined && isKnownNonRootImage(image.name, config.nonRootImages)
}

/** The account a Windows base image starts as, when the chain's base is a Windows image. */
function windowsBaseUser(stage: Stage): string | undefined {
  const root = stageChain(stage).pop()
  const name = root?.image.name
  return name && isWindowsImage(name) ? windowsDefaultUser(name) : undefined
}

/**
 * The ENTRYPOINT and CMD a stage starts with: its own last ones, else those of the stages it is built on.
 * An ENTRYPOINT set nearer than the CMD resets it, as Docker does.
 */
export function startupInstructions(stage: Stage): Instruction[] {
  let entrypoint: Instruction | undefined
  let cmd: Instruction | undefined
  let cmdReset = false
  for (const current of stageChain(stage)) {
    const own = current.instructions.filter((i) => !i.onbuild)
    const lastEntrypoint = own.filter((i) => i.keyword === 'ENTRYPOINT').pop()
    const lastCmd = own.filter((i) => i.keyword === 'CMD').pop()
    if (!cmd && !cmdReset && lastCmd) cmd = lastCmd
    if (!entrypoint && lastEntrypoint) {
      entrypoint = lastEntrypoint
      if (!cmd) cmdReset = true
    }
  }
  return [entrypoint, cmd].filter((i): i is Instruction => i !== undefined)
}

/** Programs that run the next argument: `tini -- /entrypoint.sh`, `dumb-init /entrypoint.sh`. */
const INIT_WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'docker-init'])

/** Entrypoint scripts are followed this deep (an entrypoint that execs another script of the repository). */
const MAX_SCRIPT_DEPTH = 3

type Drop = NonNullable<StageUserVerdict['privilegeDrop']>

class DropSearch {
  readonly unread: string[] = []
  private readonly visited = new Set<string>()
  constructor(
    private readonly model: DockerfileModel,
    private readonly stage: Stage,
    private readonly context: AnalysisContext
  ) {}

  run(): Drop | undefined {
    for (const instruction of startupInstructions(this.stage)) {
      const commands = instruction.script?.commands ?? []
      const drop = this.inCommands(commands, (offset) => ({ file: this.model.path, line: this.model.index.positionAt(offset).line }), 0)
      if (drop) return drop
    }
    return undefined
  }

  private inCommands(commands: Command[], where: (offset: number) => { file: string; line: number }, depth: number): Drop | undefined {
    for (const command of commands) {
      for (const link of invocations(command)) {
        const tool = dropTool(link, this.context.config)
        if (tool) return { command: tool, ...where(link.name.start) }
      }
    }
    if (depth >= MAX_SCRIPT_DEPTH) return undefined
    for (const command of commands) {
      for (const program of launchedPrograms(command)) {
        const drop = this.inScript(program, depth + 1)
        if (drop) return drop
      }
    }
    return undefined
  }

  /**
   * Follows a program the container starts to the repository file COPY'd there, and searches it. Inside a
   * script, only names that look like scripts are followed: every other command (`find`, `chown`) would be a
   * read, and in the Action a fetch, of a file that is not there.
   */
  private inScript(program: Word, depth: number): Drop | undefined {
    if (program.dynamic || program.value === '') return undefined
    const scriptLike = depth <= 1 || program.value.includes('/') || /\.(?:sh|bash)$/.test(program.value)
    const sources = repositorySources(this.model, this.stage, program.value).filter((s) => scriptLike || s.named)
    for (const { path } of sources) {
      if (this.visited.has(path)) return undefined
      const text = this.context.workspace.read(path)
      if (text === undefined) continue
      this.visited.add(path)
      if (!isShellScript(text)) return undefined
      const index = new TextIndex(text)
      const script = analyzeShell(text)
      return this.inCommands(script.commands, (offset) => ({ file: path, line: index.positionAt(offset).line }), depth)
    }
    const named = sources.find((s) => s.named)
    if (named && !this.unread.includes(named.path)) this.unread.push(named.path)
    return undefined
  }
}

/** The words of a command that may name a script the container runs: the program, and what init wrappers and shells run. */
function launchedPrograms(command: Command): Word[] {
  const words: Word[] = []
  for (const link of invocations(command)) {
    words.push(link.name)
    if (INIT_WRAPPERS.has(link.program) || SHELLS.has(link.program)) {
      const first = firstOperand(link.args)
      if (first && !(SHELLS.has(link.program) && link.args.some((a) => /^-[abd-zA-Z]*c[a-zA-Z]*$/.test(a.value)))) words.push(first)
    }
  }
  return words
}

function firstOperand(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    if (value === '--') return args[i + 1]
    if (!value.startsWith('-')) return args[i]
  }
  return undefined
}

/**
 * The privilege-dropping tool a link of a command chain is, when it switches to a user that is not root:
 * gosu, su-exec, s6-setuidgid, `setpriv --reuid`, `runuser -u`, `chroot --userspec`, `su <user> -c`, and
 * the commands the configuration adds.
 */
function dropTool(link: Invocation, config: Config): string | undefined {
  const program = link.program
  if (config.privilegeDropCommands.some((name) => baseName(name) === program)) return program
  switch (program) {
    case 'gosu':
    case 'su-exec':
    case 's6-setuidgid':
      return switchesToNonRoot(firstOperand(link.args)) ? program : undefined
    case 'setpriv':
      return switchesToNonRoot(optionValue(link.args, ['--reuid'])) ? `${program} --reuid` : undefined
    case 'runuser':
      return switchesToNonRoot(optionValue(link.args, ['-u', '--user']) ?? suTarget(link.args)) ? program : undefined
    case 'chroot':
      return switchesToNonRoot(optionValue(link.args, ['--userspec'])) ? `${program} --userspec` : undefined
    case 'su':
      return optionValue(link.args, ['-c', '--command']) && switchesToNonRoot(suTarget(link.args)) ? `${program} -c` : undefined
    default:
      return undefined
  }
}

/** Options of su and runuser that take a value, so that the user operand is found after them. */
const SU_VALUED = new Set(['-c', '--command', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'])

function suTarget(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    if (SU_VALUED.has(value)) {
      i++
      continue
    }
    if (value === '-' || value.startsWith('-')) continue
    return args[i]
  }
  return undefined
}

/** A user operand that is not root; a variable (`gosu "$APP_USER"`) counts, it is set by whoever wrote the script. */
function switchesToNonRoot(user: Word | undefined): boolean {
  if (!user || user.value === '') return false
  return user.dynamic || !isRootUser(user.value)
}

function isShellScript(text: string): boolean {
  if (!text.startsWith('#!')) return true
  const line = text.slice(2, text.indexOf('\n') < 0 ? Math.min(text.length, 256) : Math.min(text.indexOf('\n'), 256)).trim()
  const words = line.split(/\s+/)
  const program = baseName(words[0] ?? '') === 'env' ? words.slice(1).find((w) => !w.startsWith('-')) ?? '' : baseName(words[0] ?? '')
  return SHELLS.has(program)
}

