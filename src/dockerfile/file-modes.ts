import { invocations, unwrap, type Command, type Word } from '../shell/analyze.js'
import { executedPrograms, parseArgs } from './command-line.js'
import { trimTrailingSlashesKeepOne } from '../core/text.js'

/**
 * File modes a Dockerfile sets, and what they grant. Octal (`0777`, `4755`) and symbolic (`o+w`,
 * `u+s,g-w`) modes of chmod, `mkdir -m`, `install -m`, and the `--chmod` of COPY and ADD.
 *
 * Symbolic modes without a "who" (`+w`, `=rwx`) are filtered by the umask, which is 022 in a build:
 * they do not give others write. `s` is not masked, so `+s` sets both setuid and setgid.
 */
export interface ModeGrant {
  othersWrite: boolean
  setuid: boolean
  setgid: boolean
  sticky: boolean
}

const OCTAL = /^0{0,2}[0-7]{1,4}$/
/** One clause of a symbolic mode: who, then operations. Bounded, no nested quantifiers. */
const CLAUSE = /^[ugoa]{0,4}(?:[-+=][rwxXst]{0,6}|[-+=][ugo])+$/
const OPERATION = /[-+=][rwxXstugo]*/g

export function modeGrant(mode: string): ModeGrant | undefined {
  if (OCTAL.test(mode)) return octalGrant(mode)
  if (mode.length > 64) return undefined
  const clauses = mode.split(',')
  if (!clauses.every((c) => CLAUSE.test(c))) return undefined
  const grant: ModeGrant = { othersWrite: false, setuid: false, setgid: false, sticky: false }
  for (const clause of clauses) addClause(grant, clause)
  return grant
}

function octalGrant(mode: string): ModeGrant {
  const digits = mode.replace(/^0+(?=\d{4})/, '').padStart(4, '0')
  const special = Number(digits[0])
  const others = Number(digits[3])
  return { othersWrite: (others & 2) !== 0, setuid: (special & 4) !== 0, setgid: (special & 2) !== 0, sticky: (special & 1) !== 0 }
}

function addClause(grant: ModeGrant, clause: string): void {
  const who = /^[ugoa]*/.exec(clause)![0]
  const all = who === '' || who.includes('a')
  for (const [operation] of clause.slice(who.length).matchAll(OPERATION)) {
    if (operation[0] === '-') continue
    const perms = operation.slice(1)
    if (perms.includes('w') && (who.includes('o') || who.includes('a'))) grant.othersWrite = true
    if (perms.includes('s') && (all || who.includes('u'))) grant.setuid = true
    if (perms.includes('s') && (all || who.includes('g'))) grant.setgid = true
    if (perms.includes('t')) grant.sticky = true
  }
}

/** A mode a command sets: the mode word, and the paths it is applied to. */
export interface ModeChange {
  mode: Word
  grant: ModeGrant
  /** `chmod 777 a b`: a and b. */
  targets: Word[]
  recursive: boolean
  /**
   * The targets are directories: the command creates them (`mkdir -m`, `install -d -m`), or `find -type d`
   * selects them (`find … -type d -exec chmod g+s {} +`, `find … -type d | xargs chmod g+s`).
   */
  directories: boolean
  /** How it is set, for messages: `chmod`, `mkdir -m`, `install -m`. */
  via: string
  /** The command that sets it. */
  command: Command
}

const CHMOD_VALUED = ['--reference']
const MKDIR_VALUED = ['-m', '--mode', '-Z', '--context']
const INSTALL_VALUED = ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory', '--strip-program', '-Z', '--context']

/** Modes set by a command: `chmod`, `mkdir -m`, `install -m`, and those run by `find -exec`. */
export function modeChanges(command: Command): ModeChange[] {
  const out: ModeChange[] = []
  const outer = unwrap(command)
  for (const runner of executedPrograms(command)) {
    if (runner.program === 'chmod') {
      const change = chmodChange(runner.args, command)
      const viaFind = runner !== outer && outer.program === 'find'
      if (change && (viaFind ? findSelectsDirectories(outer.args) : fedByDirectoryFind(command))) change.directories = true
      if (change) out.push(change)
    } else if (runner.program === 'mkdir' || runner.program === 'install') {
      const parsed = parseArgs(runner.args, { valued: runner.program === 'mkdir' ? MKDIR_VALUED : INSTALL_VALUED })
      const mode = parsed.options.find((o) => o.name === '-m' || o.name === '--mode')?.value
      const grant = mode && modeGrant(mode.value)
      const directories = runner.program === 'mkdir' || parsed.options.some((o) => o.name === '-d' || o.name === '--directory')
      if (mode && grant) {
        const targets = runner.program === 'install' && !directories ? parsed.operands.slice(-1) : parsed.operands
        out.push({ mode, grant, targets, recursive: false, directories, via: `${runner.program} -m`, command })
      }
    }
  }
  return out
}

/**
 * `find /x -type d -exec …`: a `-type d` test before the action, and no `-o`/`!` that could let other
 * files through (`-type d,f`, `-type d -o -type f`, `! -type d` select files too).
 */
function findSelectsDirectories(args: Word[]): boolean {
  let directories = false
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    if (/^-(?:exec|execdir|ok|okdir|print0?)$/.test(value)) break
    if (/^-(?:o|or|not)$/.test(value) || value === '!' || value === ',') return false
    if (value === '-type' || value === '-xtype') {
      if (args[i + 1]?.value !== 'd') return false
      directories = true
    }
  }
  return directories
}

/** `find /x -type d | xargs chmod g+s`: xargs reads the paths that a directory-only find prints. */
function fedByDirectoryFind(command: Command): boolean {
  if (!invocations(command).some((link) => link.program === 'xargs')) return false
  const stages = command.pipeline?.commands ?? []
  const feeder = stages[stages.indexOf(command) - 1]
  if (!feeder) return false
  const finder = unwrap(feeder)
  return finder.program === 'find' && findSelectsDirectories(finder.args)
}

/** chmod's mode is its first operand; a word like `-w` is a mode, not an option, when it parses as one. */
function chmodChange(args: Word[], command: Command): ModeChange | undefined {
  const modeIndex = args.findIndex((w) => !isChmodOption(w.value))
  const mode = args[modeIndex]
  if (!mode) return undefined
  const grant = modeGrant(mode.value)
  if (!grant) return undefined
  const rest = [...args.slice(0, modeIndex), ...args.slice(modeIndex + 1)]
  const parsed = parseArgs(rest, { valued: CHMOD_VALUED })
  const recursive = parsed.options.some((o) => o.name === '-R' || o.name === '--recursive')
  return { mode, grant, targets: parsed.operands, recursive, directories: false, via: 'chmod', command }
}

function isChmodOption(value: string): boolean {
  return value.startsWith('--') || /^-[RcfvHLP]{1,6}$/.test(value)
}


/** For messages: `"/app"`, `"/a" and "/b"`, `"/a", "/b" and 3 more`. */
export function describeTargets(targets: string[]): string {
  if (targets.length === 0) return 'the files'
  const quoted = targets.map((t) => `"${t}"`)
  if (quoted.length === 1) return quoted[0]
  if (quoted.length <= 3) return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
  return `${quoted.slice(0, 2).join(', ')} and ${quoted.length - 2} more`
}

/** Where each path is deleted (`rm -rf "$tempDir"`): the latest `rm` of it in the commands, by offset. */
export function removals(commands: Command[]): Map<string, number> {
  const removed = new Map<string, number>()
  for (const command of commands) {
    const runner = unwrap(command)
    if (runner.program !== 'rm') continue
    for (const word of parseArgs(runner.args, { valued: [] }).operands) removed.set(pathKey(word.value), command.name.start)
  }
  return removed
}

/** Every target is deleted later in the same RUN: the mode never reaches the image. Paths are compared as written. */
export function removedLater(change: ModeChange, removed: Map<string, number>): boolean {
  if (change.targets.length === 0) return false
  return change.targets.every((t) => (removed.get(pathKey(t.value)) ?? -1) > change.command.name.start)
}

function pathKey(path: string): string {
  return trimTrailingSlashesKeepOne(path)
}
