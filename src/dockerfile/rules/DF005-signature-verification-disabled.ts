import type { Range } from '../../core/finding.js'
import type { FixDraft } from '../../core/fix.js'
import { removeWords } from '../fixes.js'
import { unwrap, type Invocation, type Word } from '../../shell/analyze.js'
import { parseArgs, slice, splitOnce } from '../command-line.js'
import type { DockerfileModel, Instruction } from '../model.js'
import { packageOrigin } from '../package-origins.js'
import { wordRange, type DockerfileRule } from '../rule.js'
import { settingsIn, writtenLines, writtenTexts, type WrittenLine } from '../written-text.js'

const WHY = 'a tampered or substituted package installs without complaint'
const FIX = "Remove it and import the repository's signing key instead (a keyring file with signed-by=, rpm --import, apk keys)."

export const DF005: DockerfileRule = {
  id: 'DF005',
  slug: 'signature-verification-disabled',
  title: 'Package signature verification disabled',
  severity: 'high',
  principles: ['P3'],
  rationale: `Package signatures are what makes a mirror, a proxy or a plain-HTTP repository safe to use: without them ${WHY}, and runs as root in the build.`,
  fix: FIX,
  equivalents: {
    checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
    cis: ['4.11']
  },
  autofix: [{ safety: 'safe', what: 'removes `--allow-untrusted`, `--allow-unauthenticated`, `--allow-insecure-repositories`, `--nogpgcheck`, `--no-gpg-checks`, `--nosignature`, `--nodigest`' }],
  check(model, report) {
    const fire: Fire = (range, written, what, fix) => report(range, `"${written}" ${what}: ${WHY}. ${FIX}`, { snippet: written, fix })
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      for (const command of instruction.script?.commands ?? []) {
        const runner = unwrap(command)
        const hits = commandHits(runner)
        if (hits.length === 0) continue
        const files = localPackageFiles(runner)
        const origins = files?.map((file) => ({ file, origin: packageOrigin(model, instruction, command, file) }))
        if (origins?.every((o) => o.origin.built)) continue
        const unbuilt = origins?.find((o) => !o.origin.built)
        const note = unbuilt && !unbuilt.origin.built ? ` ("${unbuilt.file}": ${unbuilt.origin.why}, not a package this build made)` : ''
        for (const hit of hits) fire(wordRange(model, hit.word), hit.word.value, `${hit.what}${note}`, () => switchRemoval(model, hit.word))
      }
      checkWritten(model, instruction, fire)
    }
  }
}

type Fire = (range: Range, written: string, what: string, fix?: () => FixDraft | undefined) => void

/** Switches that only turn a check off: removing one is a safe fix (the install then verifies, or fails). */
const REMOVABLE = new Set(['--allow-untrusted', '--allow-unauthenticated', '--allow-insecure-repositories', '--nogpgcheck', '--no-gpgchecks', '--no-gpg-checks', '--nosignature', '--nodigest'])

function switchRemoval(model: DockerfileModel, word: Word): FixDraft | undefined {
  return REMOVABLE.has(word.value) ? removeWords(model, [word], `Remove \`${word.value}\``) : undefined
}

interface Hit {
  word: Word
  what: string
}

const APT_FLAGS = ['--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes']
const APT_VALUED = ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture']
const TRUE = new Set(['true', '1', 'yes', 'on'])
const FALSE = new Set(['false', '0', 'no', 'off'])

function commandHits(runner: Invocation): Hit[] {
  switch (runner.program) {
    case 'apk':
      return flagHits(runner.args, ['--allow-untrusted'], 'makes apk install packages with no valid signature')
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return aptHits(runner.args)
    case 'yum':
    case 'dnf':
    case 'dnf5':
    case 'microdnf':
    case 'tdnf':
    case 'yum-config-manager':
      return [...flagHits(runner.args, ['--nogpgcheck', '--no-gpgchecks'], `makes ${runner.program} skip package signature checks`), ...setoptHits(runner.args)]
    case 'zypper':
      return flagHits(runner.args, ['--no-gpg-checks', '--no-gpg-check'], 'makes zypper accept packages and repositories without valid signatures')
    case 'rpm':
      return flagHits(runner.args, ['--nosignature', '--nodigest', '--noverify', '--nofiledigest'], 'makes rpm skip its signature and digest checks')
    case 'add-apt-repository':
      return runner.args.flatMap((word) => {
        const offset = trustedSourceOption(word.value)
        return offset < 0 ? [] : [{ word: slice(word, offset, offset + optionLength(word.value, offset)), what: TRUSTED_WHAT }]
      })
    default:
      return []
  }
}

const PACKAGE_FILE = /\.(?:apk|rpm|deb)$/i

/**
 * `apk add --allow-untrusted /tmp/packages/*.apk`: the local package files a command installs, when all
 * its operands are local files; undefined when one is a URL or a repository package (`apk add x`).
 * Whether such files may go unsigned depends on where they come from (package-origins.ts).
 */
function localPackageFiles(runner: Invocation): string[] | undefined {
  const words = runner.args.filter((w) => !w.value.startsWith('-'))
  const operands = runner.program === 'rpm' ? words : words.slice(1)
  if (operands.length === 0) return undefined
  const local = operands.every((w) => (/^(?:\.{0,2}\/|~\/)/.test(w.value) || PACKAGE_FILE.test(w.value)) && !w.value.includes('://'))
  return local ? operands.map((w) => w.value) : undefined
}

function flagHits(args: Word[], flags: string[], what: string): Hit[] {
  const out: Hit[] = []
  for (const word of args) {
    if (word.value === '--') break
    if (flags.some((f) => word.value === f || word.value.startsWith(`${f}=`))) out.push({ word, what })
  }
  return out
}

/** `--allow-unauthenticated`, `--force-yes`, `-o APT::Get::AllowUnauthenticated=true`, `-o Acquire::AllowInsecureRepositories=1`. */
function aptHits(args: Word[]): Hit[] {
  const out = flagHits(args, APT_FLAGS, 'makes apt accept unsigned packages or repositories')
  const parsed = parseArgs(args, { valued: APT_VALUED })
  for (const option of parsed.options) {
    if ((option.name !== '-o' && option.name !== '--option') || !option.value) continue
    const [key, value] = splitOnce(option.value.value, '=')
    if (aptOptionDisables(key, value)) out.push({ word: option.value, what: 'makes apt accept unsigned packages or repositories' })
  }
  return out
}

function aptOptionDisables(key: string, value: string): boolean {
  const name = key.toLowerCase()
  const lower = value.replace(/^"|"$/g, '').toLowerCase()
  if (['apt::get::allowunauthenticated', 'acquire::allowinsecurerepositories', 'acquire::allowdowngradetoinsecurerepositories'].includes(name)) {
    return TRUE.has(lower)
  }
  return false
}

/** `--setopt=gpgcheck=0`, `--setopt=*.gpgcheck=0`, `--setopt myrepo.gpgcheck=false`. */
function setoptHits(args: Word[]): Hit[] {
  const out: Hit[] = []
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    const setting = value.startsWith('--setopt=') ? slice(args[i], '--setopt='.length) : value === '--setopt' ? args[i + 1] : undefined
    if (!setting) continue
    const [key, option] = splitOnce(setting.value, '=')
    if (/(?:^|\.)gpgcheck$/i.test(key) && FALSE.has(option.toLowerCase())) {
      out.push({ word: args[i], what: 'turns off package signature checks for the repositories' })
    }
  }
  return out
}

const TRUSTED_WHAT = 'marks an apt source as trusted, so its packages install without a valid signature'

/**
 * Where `trusted=yes` sits in a one-line apt source (`deb [arch=amd64 trusted=yes] http://… ./`), or
 * -1. A local repository (`file:`, `copy:`) of packages built in the same build has no signature to
 * check and nothing on the network to tamper with: it does not count.
 */
function trustedSourceOption(line: string): number {
  const match = /^(\s*deb(?:-src)?\s+\[)([^\]]{0,500})\]\s*(\S{0,16})/.exec(line)
  if (!match || /^(?:file|copy):/i.test(match[3])) return -1
  let offset = match[1].length
  for (const option of match[2].split(/(\s+)/)) {
    if (/^trusted=(?:yes|true|1)$/i.test(option)) return offset
    offset += option.length
  }
  return -1
}

/**
 * What a RUN writes into configuration: `gpgcheck=0` in a yum/dnf repository file, `[trusted=yes]`
 * in an apt source (one-line or `Trusted: yes` in deb822), `APT::Get::AllowUnauthenticated "true"`,
 * pacman's `SigLevel = Never`.
 */
function checkWritten(model: DockerfileModel, instruction: Instruction, fire: Fire): void {
  for (const written of writtenTexts(model, instruction)) {
    for (const setting of settingsIn(written)) {
      const what = settingDisables(setting.key, setting.value)
      if (what) fire(model.index.range(setting.start, setting.end), `${setting.key}=${setting.value}`, what)
    }
    for (const line of writtenLines(written)) checkLine(model, line, fire)
  }
}

function settingDisables(key: string, value: string): string | undefined {
  const name = key.toLowerCase()
  const lower = value.toLowerCase()
  if (name === 'gpgcheck' && FALSE.has(lower)) return 'turns off package signature checks for a yum/dnf repository'
  if (name === 'trusted' && TRUE.has(lower)) return TRUSTED_WHAT
  if (name === 'siglevel' && lower === 'never') return 'turns off package signature checks in pacman'
  return undefined
}

/** Length of the source option at `offset` (up to a blank or `]`). */
function optionLength(text: string, offset: number): number {
  const length = text.slice(offset).search(/[\s\]]/)
  return length < 0 ? text.length - offset : length
}

function checkLine(model: DockerfileModel, line: WrittenLine, fire: Fire): void {
  const trusted = trustedSourceOption(line.text)
  if (trusted >= 0) {
    const length = optionLength(line.text, trusted)
    fire(model.index.range(line.at(trusted), line.at(trusted + length)), line.text.slice(trusted, trusted + length), TRUSTED_WHAT)
  }
  const apt = /^\s*((APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)\s+"?(?:true|1|yes)"?)/i.exec(line.text)
  if (apt) {
    const from = line.text.indexOf(apt[1])
    fire(model.index.range(line.at(from), line.at(from + apt[2].length)), apt[1], 'makes apt accept unsigned packages or repositories')
  }
}
