import type { Range, Severity } from '../../core/finding.js'
import { unwrap, type Command, type Invocation, type Word } from '../../shell/analyze.js'
import { parseArgs, slice, type ParsedArgs } from '../command-line.js'
import type { DockerfileModel, Instruction } from '../model.js'
import { wordRange, type DockerfileRule } from '../rule.js'
import { writtenLines, writtenTexts } from '../written-text.js'

const FIX = 'Create the service account as an ordinary user (useradd -r -u 10001 app), with no extra groups, no sudo rule and no password.'

export const DF018: DockerfileRule = {
  id: 'DF018',
  slug: 'root-equivalent-account',
  title: 'Root-equivalent account',
  severity: 'high',
  principles: ['P1', 'P2'],
  rationale:
    'An account with UID 0, a passwordless sudo rule or membership of sudo, wheel, docker or root is root by another name: USER <that account> drops no privileges.',
  fix: FIX,
  equivalents: { checkov: ['CKV2_DOCKER_17'] },
  check(model, report) {
    const fire: Fire = (range, written, what, severity) => report(range, `"${written}" ${what}. ${FIX}`, { snippet: written, severity })
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      for (const command of instruction.script?.commands ?? []) {
        for (const hit of accountHits(command)) fire(wordRange(model, hit.word), hit.written, hit.what, hit.severity)
      }
      checkWritten(model, instruction, fire)
    }
  }
}

type Fire = (range: Range, written: string, what: string, severity?: Severity) => void

interface Hit {
  word: Word
  written: string
  what: string
  severity?: Severity
}

/** Supplementary groups that make an account root-equivalent, and why. */
const GROUPS: Record<string, string> = {
  root: "gets group root's access to the files it owns",
  '0': "gets group root's access to the files it owns",
  sudo: 'can become root through sudo',
  wheel: 'can become root through sudo or su',
  docker: "controls the Docker daemon whenever its socket is mounted, which is root on the host",
  admin: 'can become root through sudo (the admin group of older Ubuntu releases)'
}
/**
 * Primary groups that do the same. GID 0 as the primary group is the OpenShift convention for
 * arbitrary UIDs (files group-owned by 0): it is not flagged.
 */
const PRIMARY = new Set(['sudo', 'wheel', 'docker', 'admin'])

const USERADD_VALUED = [
  '-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home-dir', '-s', '--shell', '-c', '--comment', '-k', '--skel', '-K', '--key',
  '-e', '--expiredate', '-f', '--inactive', '-p', '--password', '-b', '--base-dir', '-Z', '--selinux-user', '-R', '--root', '-P', '--prefix',
  '--btrfs-subvolume-home'
]
/** usermod's `-l` renames (takes a value); useradd's `-l` is a flag. */
const USERMOD_VALUED = [...USERADD_VALUED, '-l', '--login', '-v', '--add-subuids', '-V', '--del-subuids', '-w', '--add-subgids', '-W', '--del-subgids']
const ADDUSER_VALUED = [
  '--uid', '--gid', '--ingroup', '--home', '--shell', '--gecos', '--comment', '--firstuid', '--lastuid', '--firstgid', '--lastgid',
  '--conf', '--extrausers', '-h', '-g', '-s', '-G', '-u', '-k'
]

function accountHits(command: Command): Hit[] {
  const runner = unwrap(command)
  switch (runner.program) {
    case 'useradd':
    case 'usermod':
      return userOptions(runner, parseArgs(runner.args, { valued: runner.program === 'useradd' ? USERADD_VALUED : USERMOD_VALUED }), ['-g', '--gid'])
    case 'adduser':
      return adduserHits(runner)
    case 'addgroup':
      return addgroupHits(runner)
    case 'gpasswd':
      return gpasswdHits(runner)
    case 'passwd':
      return [...passwdDelete(runner), ...literalPassword(command, runner)]
    case 'chpasswd':
      return literalPassword(command, runner)
    default:
      return []
  }
}

/** `-u 0` / `--uid=0`, primary group (`-g`, `--ingroup`, busybox `-G`), supplementary groups (`-G a,b`). */
function userOptions(runner: Invocation, parsed: ParsedArgs, primary: string[], supplementary = ['-G', '--groups']): Hit[] {
  const out: Hit[] = []
  for (const option of parsed.options) {
    const value = option.value
    if (!value) continue
    const attached = value.start >= option.word.start && value.end <= option.word.end
    const written = `${runner.name.value} ${option.word.value}${attached ? '' : ` ${value.value}`}`
    if ((option.name === '-u' || option.name === '--uid') && /^0+$/.test(value.value)) {
      out.push({ word: value, written, what: 'gives the account UID 0: it is root under another name, and USER with it runs as root' })
    } else if (primary.includes(option.name) && PRIMARY.has(value.value)) {
      out.push({ word: value, written, what: `makes ${value.value} the account's group: it ${GROUPS[value.value]}` })
    } else if (supplementary.includes(option.name)) {
      out.push(...groupList(value, `${runner.name.value} ${attached ? `${option.name}=` : `${option.word.value} `}`))
    }
  }
  return out
}

/** Each root-equivalent group of `a,b,c`, at its position in the word. */
function groupList(word: Word, prefix: string): Hit[] {
  const out: Hit[] = []
  let offset = 0
  for (const group of word.value.split(',')) {
    if (GROUPS[group]) {
      out.push({ word: slice(word, offset, offset + group.length), written: `${prefix}${group}`, what: `adds the account to the ${group} group: it ${GROUPS[group]}` })
    }
    offset += group.length + 1
  }
  return out
}

/** Debian `adduser --uid 0 x`, `adduser --ingroup sudo x`, `adduser x sudo`; BusyBox `adduser -u 0 -G wheel x`. */
function adduserHits(runner: Invocation): Hit[] {
  const parsed = parseArgs(runner.args, { valued: ADDUSER_VALUED })
  const out = userOptions(runner, parsed, ['--ingroup', '-G', '--gid'], [])
  if (parsed.operands.length === 2) out.push(...groupOperand(runner, parsed.operands))
  return out
}

/** `addgroup x wheel` (BusyBox, Debian): adds user x to the group. */
function addgroupHits(runner: Invocation): Hit[] {
  const operands = parseArgs(runner.args, { valued: ['-g', '--gid', '--conf'] }).operands
  return operands.length === 2 ? groupOperand(runner, operands) : []
}

/** `gpasswd -a x docker`, `gpasswd --add x sudo`, `gpasswd -M a,b wheel`. */
function gpasswdHits(runner: Invocation): Hit[] {
  const parsed = parseArgs(runner.args, { valued: ['-a', '--add', '-d', '--delete', '-M', '--members', '-A', '--administrators', '-Q', '--root'] })
  const adds = parsed.options.some((o) => ['-a', '--add', '-M', '--members'].includes(o.name))
  const group = parsed.operands[parsed.operands.length - 1]
  if (!adds || !group || !GROUPS[group.value]) return []
  return [{ word: group, written: `gpasswd … ${group.value}`, what: `adds an account to the ${group.value} group: it ${GROUPS[group.value]}` }]
}

function groupOperand(runner: Invocation, operands: Word[]): Hit[] {
  const [user, group] = operands
  if (!GROUPS[group.value]) return []
  return [{ word: group, written: `${runner.name.value} ${user.value} ${group.value}`, what: `adds "${user.value}" to the ${group.value} group: it ${GROUPS[group.value]}` }]
}

/** `passwd -d root`: an empty password. */
function passwdDelete(runner: Invocation): Hit[] {
  const parsed = parseArgs(runner.args, { valued: ['-r', '--repository', '-R', '--root', '-n', '-x', '-w', '-i'] })
  const option = parsed.options.find((o) => o.name === '-d' || o.name === '--delete')
  if (!option) return []
  const user = parsed.operands[0]?.value ?? 'root'
  const what =
    user === 'root'
      ? 'leaves root without a password: su, or any login the image offers, becomes root with no password'
      : `leaves "${user}" without a password: any login the image offers gets in as that user with no password`
  return [{ word: option.word, written: `passwd ${option.word.value}${parsed.operands[0] ? ` ${user}` : ''}`, what }]
}

/** `echo 'root:secret' | chpasswd`, `chpasswd <<< 'u:p'`, `echo -e 'p\np' | passwd u`: a password written in the file. */
function literalPassword(command: Command, runner: Invocation): Hit[] {
  const stages = command.pipeline?.commands ?? []
  const feeders = stages.slice(0, stages.indexOf(command)).map(unwrap)
  const printed = feeders.filter((f) => f.program === 'echo' || f.program === 'printf')
  const hereString = command.redirects.find((r) => r.operator === '<<<')
  const literal = hereString ? !hereString.target.dynamic : printed.length > 0 && printed.every((f) => f.args.length > 0 && f.args.every((a) => !a.dynamic))
  if (!literal) return []
  return [
    {
      word: runner.name,
      written: runner.name.value,
      what: 'is given a password written in the Dockerfile: it is in the image history for anyone who pulls the image, and the account accepts it',
      severity: 'medium'
    }
  ]
}

/** `NOPASSWD` rules written to sudoers; a UID-0 line written to /etc/passwd. */
function checkWritten(model: DockerfileModel, instruction: Instruction, fire: Fire): void {
  for (const written of writtenTexts(model, instruction)) {
    for (const line of writtenLines(written)) {
      const rule = sudoersRule(line.text)
      if (rule?.nopasswd !== undefined && rule.asRoot) {
        const who = rule.who.startsWith('%') ? `members of group ${rule.who.slice(1)}` : `"${rule.who}"`
        const what =
          rule.commands === 'ALL'
            ? `lets ${who} run any command as root without a password: any process running as that user is root`
            : `lets ${who} run ${rule.commands} as root without a password: unless none of them can start a shell or write a file, that user is root`
        fire(model.index.range(line.at(rule.nopasswd), line.at(rule.nopasswd + 'NOPASSWD'.length)), line.text.trim(), what)
      }
      const account = /^([A-Za-z0-9_.][A-Za-z0-9_.-]{0,31}):[^:]*:0+:/.exec(line.text)
      if (account && account[1] !== 'root' && written.destination !== undefined && /(?:^|\/)passwd$/.test(written.destination)) {
        fire(model.index.range(line.at(0), line.at(account[1].length)), line.text.trim(), 'adds an account with UID 0 to /etc/passwd: it is root under another name')
      }
    }
  }
}

/**
 * A sudoers rule: `who host = (runas) TAG: commands`. Only rules that run as root count: no runas
 * list, or one that holds ALL or root.
 */
function sudoersRule(text: string): { who: string; asRoot: boolean; nopasswd?: number; commands: string } | undefined {
  const match = /^(\s*)([%A-Za-z0-9_.+-]{1,64})[ \t]+[^\s=]{1,64}[ \t]*=[ \t]*/.exec(text)
  if (!match) return undefined
  let rest = text.slice(match[0].length)
  let offset = match[0].length
  let asRoot = true
  const runas = /^\(([^)]{0,200})\)[ \t]*/.exec(rest)
  if (runas) {
    const users = runas[1].split(':')[0].split(',').map((u) => u.trim())
    asRoot = users.some((u) => u === 'ALL' || u === 'root' || u === '#0') || users.every((u) => u === '')
    rest = rest.slice(runas[0].length)
    offset += runas[0].length
  }
  let nopasswd: number | undefined
  for (let tag = /^([A-Z_]{2,20})[ \t]*:[ \t]*/.exec(rest); tag; tag = /^([A-Z_]{2,20})[ \t]*:[ \t]*/.exec(rest)) {
    if (tag[1] === 'NOPASSWD') nopasswd = offset
    rest = rest.slice(tag[0].length)
    offset += tag[0].length
  }
  const commands = rest.trim()
  return { who: match[2], asRoot, nopasswd, commands: commands === 'ALL' ? 'ALL' : `"${commands}"` }
}
