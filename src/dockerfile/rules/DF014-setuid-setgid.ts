import type { Range } from '../../core/finding.js'
import { unwrap, type Command, type Invocation, type Word } from '../../shell/analyze.js'
import { joinedArgument } from '../arguments.js'
import { normalizePath, parseArgs } from '../command-line.js'
import { describeTargets, modeChanges, modeGrant, removals, removedLater, type ModeChange, type ModeGrant } from '../file-modes.js'
import type { DockerfileModel, Instruction, Stage } from '../model.js'
import { wordRange, type DockerfileRule } from '../rule.js'
import { trimTrailingSlashesKeepOne } from '../../core/text.js'

const FIX = 'Remove the bit or the capability; run the program as the user that needs it, or give the container the capability at run time (and only that one).'

export const DF014: DockerfileRule = {
  id: 'DF014',
  slug: 'setuid-setgid',
  title: 'setuid/setgid bit or file capabilities',
  severity: 'medium',
  principles: ['P2', 'P5'],
  rationale:
    'A setuid/setgid file or one with file capabilities hands its privileges to whoever runs it: after dropping to a non-root user, one bug in that program is a way back up.',
  fix: FIX,
  equivalents: { cis: ['4.8'] },
  check(model, report) {
    const fire = (range: Range, written: string, what: string) => report(range, `"${written}" ${what}. ${FIX}`, { snippet: written })
    const workdirs = new Map<Stage, string[]>()
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const flag = instruction.flags.find((f) => f.name === 'chmod')
        const grant = flag?.value ? modeGrant(flag.value) : undefined
        if (flag && grant && (grant.setuid || grant.setgid)) {
          fire(flag.valueRange ?? flag.range, `--chmod=${flag.value}`, `sets the ${bits(grant)} bit on the copied files: ${consequence(grant)}`)
        }
      }
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      const commands = instruction.script?.commands ?? []
      let directories: Set<string> | undefined
      let removed: Map<string, number> | undefined
      for (const command of commands) {
        for (const change of modeChanges(command)) {
          const { grant } = change
          if (!(grant.setuid || grant.setgid)) continue
          directories ??= knownDirectories(model, instruction, workdirs)
          removed ??= removals(commands)
          if (onlyDirectories(change, directories) || removedLater(change, removed)) continue
          const targets = describeTargets(change.targets.map((t) => t.value))
          const what = change.recursive
            ? `sets the ${bits(grant)} bit on ${targets} and every file under it: ${recursiveConsequence(grant)}`
            : `sets the ${bits(grant)} bit on ${targets}: ${consequence(grant)}`
          fire(wordRange(model, change.mode), `${change.via} ${change.mode.value}`, what)
        }
        for (const caps of grantedCapabilities(unwrap(command))) {
          fire(wordRange(model, caps.word), `setcap ${caps.word.value}`, `gives ${describeTargets([caps.file])} file capabilities: every user who runs it gets them, root or not`)
        }
      }
    }
  }
}

function bits(grant: ModeGrant): string {
  return grant.setuid && grant.setgid ? 'setuid and setgid' : grant.setuid ? 'setuid' : 'setgid'
}

function consequence(grant: ModeGrant): string {
  return grant.setuid
    ? "it then runs with its owner's privileges (root, for a root-owned file) whoever starts it"
    : "it then runs with its group's privileges whoever starts it"
}

/** `chmod -R g+s /var/www`: the files in the tree get the bit too, and only the executables among them matter. */
function recursiveConsequence(grant: ModeGrant): string {
  const whose = grant.setuid ? "its owner's privileges (root, for a root-owned file)" : "its group's privileges"
  return `any executable among them then runs with ${whose} whoever starts it (on the directories themselves the bit only makes new files inherit the group)`
}

/**
 * Directories the RUN creates (`mkdir`) or the stage sets as WORKDIR, and paths written with a
 * trailing `/`: setgid on a directory only makes new files inherit its group, and setuid is ignored.
 */
function knownDirectories(model: DockerfileModel, instruction: Instruction, workdirs: Map<Stage, string[]>): Set<string> {
  const out = new Set<string>()
  const stage = instruction.stage
  const runs = stage ? stage.instructions.slice(0, stage.instructions.indexOf(instruction) + 1) : [instruction]
  for (const run of runs) for (const command of run.script?.commands ?? []) for (const path of createdDirectories(command)) out.add(directoryKey(path))
  if (stage && !workdirs.has(stage)) {
    const paths = stage.instructions.filter((i) => i.keyword === 'WORKDIR').map((i) => joinedArgument(model, i)?.value ?? '')
    workdirs.set(stage, paths.filter((p) => p !== '').map(directoryKey))
  }
  for (const path of (stage && workdirs.get(stage)) ?? []) out.add(path)
  return out
}

/** `mkdir a b`, `install -d a b`: the directories a command creates. */
function createdDirectories(command: Command): string[] {
  const runner = unwrap(command)
  if (runner.program === 'mkdir') return parseArgs(runner.args, { valued: ['-m', '--mode', '-Z', '--context'] }).operands.map((w) => w.value)
  if (runner.program !== 'install') return []
  const parsed = parseArgs(runner.args, { valued: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory', '-Z', '--context'] })
  return parsed.options.some((o) => o.name === '-d' || o.name === '--directory') ? parsed.operands.map((w) => w.value) : []
}

function directoryKey(path: string): string {
  return trimTrailingSlashesKeepOne(normalizePath(path))
}

function onlyDirectories(change: ModeChange, directories: Set<string>): boolean {
  if (change.recursive) return false
  if (change.directories) return true
  if (change.targets.length === 0) return false
  return change.targets.every((t) => t.value.endsWith('/') || directories.has(directoryKey(t.value)))
}

/** `setcap cap_net_bind_service=+ep /usr/bin/node`: each capability text that grants (`=`/`+` with flags), with its file. */
function grantedCapabilities(runner: Invocation): Array<{ word: Word; file: string }> {
  if (runner.program !== 'setcap') return []
  const operands = parseArgs(runner.args, { valued: ['-n'] }).operands
  const out: Array<{ word: Word; file: string }> = []
  for (let i = 0; i + 1 < operands.length; i += 2) {
    const caps = operands[i]
    if (caps.value !== '-r' && caps.value !== '-' && /[=+][eip]/i.test(caps.value)) out.push({ word: caps, file: operands[i + 1].value })
  }
  return out
}
