import type { Range } from '../../core/finding.js'
import { unwrap, type Command, type Word } from '../../shell/analyze.js'
import { substitute } from '../image.js'
import type { Instruction } from '../model.js'
import { packageInstall, packageName, type PackageInstall } from '../packages.js'
import { wordRange, type DockerfileRule } from '../rule.js'

const WHY = 'an SSH server is another way into the container, with its own keys, passwords and daemon running as root'
const FIX = 'Remove it: get a shell with docker exec (kubectl exec), and install openssh-client if the image only needs to connect out.'

export const DF015: DockerfileRule = {
  id: 'DF015',
  slug: 'ssh-server',
  title: 'SSH server in the image',
  severity: 'medium',
  principles: ['P1'],
  rationale: `A container runs one service; ${WHY}, and every image built from it ships the same host keys.`,
  fix: FIX,
  equivalents: {
    trivy: ['DS-0004'],
    checkov: ['CKV_DOCKER_1'],
    kics: ['5907595b-5b6d-4142-b173-dbb0e73fbff8'],
    cis: ['5.7']
  },
  check(model, report) {
    const fire = (range: Range, written: string, what: string) => report(range, `"${written}" ${what}: ${WHY}. ${FIX}`, { snippet: written })
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'EXPOSE') {
        for (const arg of instruction.args) if (exposesSsh(instruction, arg.value)) fire(arg.range, `EXPOSE ${arg.value}`, 'publishes the SSH port')
      }
      if (!SCRIPTED.has(instruction.keyword)) continue
      for (const command of instruction.script?.commands ?? []) {
        const install = packageInstall(command)
        for (const word of install ? sshServerPackages(install) : []) fire(wordRange(model, word), `${install!.label} ${word.value}`, 'installs an SSH server')
        const daemon = startsSshd(command)
        if (daemon) fire(wordRange(model, daemon.at), daemon.written, 'runs an SSH server')
      }
    }
  }
}

const SCRIPTED = new Set(['RUN', 'ONBUILD', 'CMD', 'ENTRYPOINT'])

/** `22`, `22/tcp`, `20-25`, `${SSH_PORT}` with a known value. UDP and SCTP are not SSH. */
function exposesSsh(instruction: Instruction, raw: string): boolean {
  const value = substitute(raw, (name) => instruction.stage?.variables.get(name))
  const match = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(value ?? '')
  if (!match || (match[3] && match[3].toLowerCase() !== 'tcp')) return false
  const low = Number(match[1])
  const high = match[2] === undefined ? low : Number(match[2])
  return low <= 22 && 22 <= high
}

/** SSH server packages. On Alpine and openSUSE, `openssh` itself brings the server. */
const SERVERS = new Set(['openssh-server', 'openssh-server-pam', 'dropbear', 'dropbear-bin', 'tinysshd', 'tinyssh'])
const SERVER_TOO: Partial<Record<PackageInstall['manager'], Set<string>>> = {
  apk: new Set(['openssh']),
  zypper: new Set(['openssh'])
}

function sshServerPackages(install: PackageInstall): Word[] {
  return install.packages.filter((word) => {
    const name = packageName(word.value, install.manager)
    if (SERVERS.has(name) || SERVER_TOO[install.manager]?.has(name)) return true
    return install.manager === 'rpm' && /^openssh-server-\d/.test(name)
  })
}

const SERVICE_NAMES = new Set(['ssh', 'sshd', 'dropbear'])

/** `sshd -D`, `/usr/sbin/sshd`, `service ssh start`, `/etc/init.d/ssh start`, `rc-service sshd start`, `systemctl enable sshd`. */
function startsSshd(command: Command): { at: Word; written: string } | undefined {
  const runner = unwrap(command)
  const args = runner.args.map((a) => a.value)
  if (runner.program === 'sshd' || runner.program === 'dropbear') {
    // `sshd -t` / `-T` only check the configuration.
    if (args.some((a) => /^-[A-Za-z]*[tT]$/.test(a))) return undefined
    return { at: runner.name, written: [runner.name.value, ...args].join(' ') }
  }
  const written = `${runner.name.value} ${args.join(' ')}`
  if ((runner.program === 'service' || runner.program === 'rc-service') && SERVICE_NAMES.has(args[0] ?? '') && /^(?:re)?start$/.test(args[1] ?? '')) {
    return { at: runner.name, written }
  }
  if (/^\/etc\/init\.d\/(?:ssh|sshd|dropbear)$/.test(runner.name.value) && /^(?:re)?start$/.test(args[0] ?? '')) return { at: runner.name, written }
  if (runner.program === 'systemctl' && /^(?:enable|start|restart)$/.test(args.find((a) => !a.startsWith('-')) ?? '')) {
    const units = args.filter((a) => !a.startsWith('-')).slice(1)
    if (units.some((u) => SERVICE_NAMES.has(u.replace(/\.service$/, '')))) return { at: runner.name, written }
  }
  if (runner.program === 'rc-update' && args[0] === 'add' && SERVICE_NAMES.has(args[1] ?? '')) return { at: runner.name, written }
  return undefined
}
