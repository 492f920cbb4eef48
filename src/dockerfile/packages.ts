import { unwrap, type Command, type Invocation, type Word } from '../shell/analyze.js'
import { parseArgs, subcommand, type ParsedArgs } from './command-line.js'
import { interpreterFamily } from './interpreters.js'

/**
 * Package installations a command performs: which package manager, and the package operands as
 * written (files, paths, URLs and `$VARIABLES` left out: they name no registry package).
 */
export type PackageManager = 'apt' | 'apk' | 'rpm' | 'zypper' | 'pip' | 'npm' | 'gem'

export interface PackageInstall {
  manager: PackageManager
  /** How it is written, for messages: `apt-get install`, `python3 -m pip install`. */
  label: string
  /** Where to report: the program word (behind sudo/env). */
  at: Word
  /** Registry packages named on the command line, versions included (`curl=8.5.0-2`). */
  packages: Word[]
  /** The command line as options and operands (after the subcommand). */
  parsed: ParsedArgs
}

interface ManagerSpec {
  manager: PackageManager
  subcommands: string[]
  /** Options that take a value, global and of the subcommand. */
  valued: string[]
}

const APT: ManagerSpec = {
  manager: 'apt',
  subcommands: ['install', 'reinstall'],
  valued: ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture']
}
const APK: ManagerSpec = {
  manager: 'apk',
  subcommands: ['add'],
  valued: ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--progress-fd', '--cache-max-age', '--timeout']
}
const RPM_FAMILY: ManagerSpec = {
  manager: 'rpm',
  subcommands: ['install', 'localinstall', 'reinstall'],
  valued: ['-c', '--config', '--installroot', '--releasever', '-d', '--debuglevel', '-e', '--errorlevel', '-R', '--randomwait', '-x', '--exclude', '--repo', '--repoid', '--enablerepo', '--disablerepo', '--setopt', '--forcearch', '--downloaddir', '--destdir']
}
const ZYPPER: ManagerSpec = {
  manager: 'zypper',
  subcommands: ['install', 'in'],
  valued: ['-r', '--repo', '--from', '-t', '--type', '-R', '--root', '-D', '--reposd-path', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '-c', '--config']
}
const PIP: ManagerSpec = {
  manager: 'pip',
  subcommands: ['install'],
  valued: [
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
    '--trusted-host', '-t', '--target', '--prefix', '--root', '--src', '--platform', '--python-version', '--implementation',
    '--abi', '--only-binary', '--no-binary', '--progress-bar', '--cache-dir', '--log', '--proxy', '--retries', '--timeout',
    '--exists-action', '--global-option', '--install-option', '-C', '--config-settings', '--upgrade-strategy', '--report',
    '--root-user-action', '--python', '--keyring-provider', '--cert', '--client-cert', '--use-feature', '--use-deprecated',
    '--log-file', '--resume-retries', '--group'
  ]
}
const NPM: ManagerSpec = {
  manager: 'npm',
  subcommands: ['install', 'i', 'add', 'isntall', 'in'],
  valued: ['--registry', '--prefix', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include', '--tag', '--loglevel', '--save-prefix', '--install-strategy', '-C', '--dir', '--network-concurrency', '--filter', '--reporter']
}
const GEM: ManagerSpec = {
  manager: 'gem',
  subcommands: ['install', 'i'],
  valued: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-p', '--http-proxy', '--platform', '-P', '--trust-policy', '-g', '--file', '--document', '--build-root', '--target-rbconfig']
}

const MANAGERS: Record<string, ManagerSpec> = {
  'apt-get': APT,
  apt: APT,
  aptitude: APT,
  apk: APK,
  yum: RPM_FAMILY,
  dnf: RPM_FAMILY,
  dnf5: RPM_FAMILY,
  microdnf: RPM_FAMILY,
  tdnf: RPM_FAMILY,
  zypper: ZYPPER,
  npm: NPM,
  pnpm: NPM,
  yarn: NPM,
  gem: GEM
}

const FILE_SUFFIX = /\.(?:deb|apk|rpm|whl|tar\.gz|tgz|tar\.bz2|zip|gem)$/i

export function packageInstall(command: Command): PackageInstall | undefined {
  const runner = unwrap(command)
  const pip = pipInvocation(runner)
  if (pip) return install(pip.runner, pip.args, PIP, `${pip.label} install`)
  const spec = MANAGERS[runner.program]
  if (!spec) return undefined
  let args = runner.args
  if (runner.program === 'yarn' && args[0]?.value === 'global') args = args.slice(1)
  const sub = subcommand(args, spec.valued)
  if (!sub || !spec.subcommands.includes(sub.name.value)) return undefined
  if (runner.program === 'yarn' && sub.name.value !== 'add') return undefined
  return install(runner, sub.rest, spec, `${runner.name.value} ${sub.name.value}`)
}

/** `pip …`, `pip3.12 …`, `python3 -m pip …`, `uv pip …`: the words after `pip`, and how it is written. */
export function pipCommand(runner: Invocation): { args: Word[]; label: string } | undefined {
  const args = runner.args
  if (/^pip[0-9.]{0,6}$/.test(runner.program)) return { args, label: runner.name.value }
  if (interpreterFamily(runner.program) === 'python') {
    const m = args.findIndex((a) => a.value === '-m')
    if (m >= 0 && /^pip[0-9.]{0,6}$/.test(args[m + 1]?.value ?? '')) {
      return { args: args.slice(m + 2), label: `${runner.name.value} -m ${args[m + 1].value}` }
    }
  }
  if (runner.program === 'uv' && args[0]?.value === 'pip') return { args: args.slice(1), label: 'uv pip' }
  return undefined
}

/** `pip install …` in any of the forms of `pipCommand`. */
function pipInvocation(runner: Invocation): { runner: Invocation; args: Word[]; label: string } | undefined {
  const pip = pipCommand(runner)
  if (!pip) return undefined
  const sub = subcommand(pip.args, PIP.valued)
  if (!sub || sub.name.value !== 'install') return undefined
  return { runner, args: sub.rest, label: pip.label }
}

function install(runner: Invocation, args: Word[], spec: ManagerSpec, label: string): PackageInstall {
  const parsed = parseArgs(args, { valued: spec.valued })
  const packages = parsed.operands.filter((w) => isRegistryPackage(w.value, spec.manager))
  return { manager: spec.manager, label, at: runner.name, packages, parsed }
}

/** A package from the manager's registry, not a file, a path, a URL or an expansion. */
function isRegistryPackage(value: string, manager: PackageManager): boolean {
  if (value === '' || value.includes('$') || value.includes('`')) return false
  if (/^[./~]/.test(value) || value.includes('://') || FILE_SUFFIX.test(value)) return false
  if (manager === 'npm') return !/^(?:file|git|github|gitlab|bitbucket|link|workspace|npm):/.test(value) && !(value.includes('/') && !value.startsWith('@'))
  if (manager === 'pip') return !/^git\+/.test(value) && !value.includes('/')
  return true
}

/** Strips the version and architecture: `openssh-server=1:9.2p1-2` and `openssh-server:amd64` are `openssh-server`. */
export function packageName(value: string, manager: PackageManager): string {
  if (manager === 'npm') {
    const at = value.indexOf('@', 1)
    return at < 0 ? value : value.slice(0, at)
  }
  const stop = value.search(manager === 'pip' ? /[=<>!~[;@ ]/ : /[=<>~:]/)
  return (stop < 0 ? value : value.slice(0, stop)).toLowerCase()
}

