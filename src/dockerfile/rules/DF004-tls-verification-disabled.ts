import type { Range } from '../../core/finding.js'
import type { FixDraft } from '../../core/fix.js'
import { removeOptionLetter, removeProperty, removeWords } from '../fixes.js'
import { unwrap, type Command, type Invocation, type Word } from '../../shell/analyze.js'
import { parseArgs, slice, splitOnce, subcommand } from '../command-line.js'
import { busyboxApplet, CURL_VALUED, WGET_VALUED } from '../downloads.js'
import { environmentSettings, type EnvironmentSetting } from '../environment.js'
import type { DockerfileModel, Instruction } from '../model.js'
import { pipCommand } from '../packages.js'
import { wordRange, type DockerfileRule } from '../rule.js'
import { isVerification } from '../verification.js'
import { settingsIn, writtenLines, writtenTexts } from '../written-text.js'

const WHY = 'anyone on the network path (a proxy, a hijacked DNS answer) can serve the build a forged download'
/** When the same RUN checks a checksum or signature after the download: the check is what is left. */
const checkedWhy = (check: string, line: number) =>
  `the "${check}" check on line ${line} rejects a forged file if it covers this download, but nothing authenticates the server: anyone on the network path (a proxy, a hijacked DNS answer) can read the request, any credential in it, and forge whatever that check does not cover`
const FIX = 'Remove it; for a server with a private CA, add the CA certificate to the image (update-ca-certificates) instead.'

export const DF004: DockerfileRule = {
  id: 'DF004',
  slug: 'tls-verification-disabled',
  title: 'TLS verification disabled',
  severity: 'high',
  principles: ['P3'],
  rationale: `Without certificate verification, HTTPS proves nothing about the server: ${WHY}, and the image runs it.`,
  fix: FIX,
  equivalents: {
    checkov: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16'],
    cis: ['4.11']
  },
  autofix: [{ safety: 'safe', what: 'removes the switch: `-k`/`--insecure` (or its letter in `-fsSLk`), `--no-check-certificate`, `-c http.sslVerify=false`, `--trusted-host <host>`, and the ENV variable (`GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, …)' }],
  check(model, report) {
    const fire: Fire = (range, written, what, fix, why = WHY) =>
      report(range, `"${written}" ${what}: ${why}. ${FIX}`, { snippet: written, fix })
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      const commands = instruction.script?.commands ?? []
      for (const command of commands) {
        const runner = busyboxApplet(unwrap(command))
        const hits = commandHits(runner)
        if (hits.length === 0) continue
        const check = runner.program === 'curl' || runner.program === 'wget' ? laterCheck(model, commands, command.end) : undefined
        for (const hit of hits) {
          fire(wordRange(model, hit.word), hit.word.value, hit.what, () => hitRemoval(model, hit), check && checkedWhy(check.name, check.line))
        }
      }
      checkWritten(model, instruction, fire)
    }
    for (const setting of environmentSettings(model)) {
      const what = variableDisables(setting.name, setting.value)
      if (what) fire(setting.range, `${setting.name}=${setting.value ?? "…"}`, what, () => settingRemoval(model, setting))
    }
  }
}

type Fire = (range: Range, written: string, what: string, fix?: () => FixDraft | undefined, why?: string) => void

/** The first checksum or signature check after `offset` in the RUN (`sha256sum -c`, `gpg --verify`). */
function laterCheck(model: DockerfileModel, commands: Command[], offset: number): { name: string; line: number } | undefined {
  const check = commands.find((c) => c.start >= offset && isVerification(c))
  if (!check) return undefined
  const runner = unwrap(check)
  return { name: runner.name.value, line: model.index.positionAt(runner.name.start).line }
}

interface Hit {
  word: Word
  what: string
  /** What removing the switch takes: its words (`-c http.sslVerify=false`), or its letter in a cluster (`-fsSLk`). */
  removal?: { words: Word[] } | { letter: string }
}

function hitRemoval(model: DockerfileModel, hit: Hit): FixDraft | undefined {
  if (!hit.removal) return undefined
  const written = model.index.text.slice(hit.word.start, hit.word.end)
  if ('letter' in hit.removal) return removeOptionLetter(hit.word, hit.removal.letter, `Remove \`${hit.removal.letter}\` from \`${written}\``)
  const words = hit.removal.words
  return removeWords(model, words, `Remove \`${words.map((w) => model.index.text.slice(w.start, w.end)).join(' ')}\``)
}

/** `ENV GIT_SSL_NO_VERIFY=1`: the variable goes (the instruction, when it sets nothing else). */
function settingRemoval(model: DockerfileModel, setting: EnvironmentSetting): FixDraft | undefined {
  if (!setting.instruction || !setting.property || setting.instruction.keyword !== 'ENV') return undefined
  return removeProperty(model, setting.instruction, setting.property, `Remove \`${setting.name}\` from ENV`)
}

const FALSE = new Set(['false', '0', 'no', 'off'])

function commandHits(runner: Invocation): Hit[] {
  switch (runner.program) {
    case 'curl':
      return optionHits(runner.args, CURL_VALUED, ['-k', '--insecure', '--proxy-insecure', '--doh-insecure'], 'turns off certificate checks in curl')
    case 'wget':
      return optionHits(runner.args, WGET_VALUED, ['--no-check-certificate'], 'turns off certificate checks in wget')
    case 'git':
      return gitHits(runner.args)
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return npmHits(runner)
    case 'conda':
    case 'mamba':
    case 'micromamba':
      return condaHits(runner.args)
    case 'yum':
    case 'dnf':
    case 'dnf5':
    case 'microdnf':
    case 'tdnf':
    case 'yum-config-manager':
      return setoptHits(runner.args)
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return aptHits(runner.args)
    default:
      return pipHits(runner)
  }
}

/** Options written with the flag (`-k` in `-fsSLk`): reported at the word holding it. */
function optionHits(args: Word[], valued: string[], flags: string[], what: string): Hit[] {
  const parsed = parseArgs(args, { valued })
  const seen = new Set<Word>()
  const out: Hit[] = []
  for (const option of parsed.options) {
    if (!flags.includes(option.name) || seen.has(option.word)) continue
    seen.add(option.word)
    const removal = option.word.value === option.name ? { words: [option.word] } : option.name.length === 2 ? { letter: option.name[1] } : undefined
    out.push({ word: option.word, what, removal })
  }
  return out
}

/** `git -c http.sslVerify=false clone …`, `git config --global http.sslVerify false`. */
function gitHits(args: Word[]): Hit[] {
  const out: Hit[] = []
  const what = 'turns off certificate checks in git'
  for (let i = 0; i < args.length - 1; i++) {
    if (args[i].value !== '-c') continue
    const [key, value] = splitOnce(args[i + 1].value, '=')
    if (isSslVerifyKey(key) && FALSE.has(value.toLowerCase())) out.push({ word: args[i + 1], what, removal: { words: [args[i], args[i + 1]] } })
  }
  const sub = subcommand(args, ['-c', '-C', '--git-dir', '--work-tree', '--namespace'])
  if (sub?.name.value !== 'config') return out
  const operands = parseArgs(sub.rest, { valued: ['-f', '--file', '--blob', '--type', '--default', '--comment'] }).operands
  const keyAt = operands.findIndex((w) => isSslVerifyKey(w.value))
  if (keyAt >= 0 && FALSE.has((operands[keyAt + 1]?.value ?? '').toLowerCase())) out.push({ word: operands[keyAt], what })
  return out
}

/** `http.sslVerify`, `http.https://host/.sslVerify`: git keys are case-insensitive. */
function isSslVerifyKey(key: string): boolean {
  const lower = key.toLowerCase()
  return lower.startsWith('http.') && lower.endsWith('.sslverify')
}

/** `npm config set strict-ssl false`, `npm set strict-ssl=false`, `--strict-ssl=false`, `yarn config set enableStrictSsl false`. */
function npmHits(runner: Invocation): Hit[] {
  const out: Hit[] = []
  const what = `turns off certificate checks in ${runner.program}`
  for (const word of runner.args) {
    if (/^--strict-ssl=(?:false|0)$/i.test(word.value)) out.push({ word, what })
  }
  const values = configSet(runner.args)
  for (let i = 0; i < values.length; i++) {
    const [key, inline] = splitOnce(values[i].value, '=')
    const value = inline !== '' ? inline : values[i + 1]?.value ?? ''
    if (/^(?:strict-ssl|enableStrictSsl)$/i.test(key) && FALSE.has(value.toLowerCase())) out.push({ word: values[i], what })
  }
  return out
}

/** The words after `config set` / `set`, options left out. */
function configSet(args: Word[]): Word[] {
  const words = args.filter((w) => !w.value.startsWith('-'))
  if (words[0]?.value === 'config' && words[1]?.value === 'set') return words.slice(2)
  if (words[0]?.value === 'set') return words.slice(1)
  return []
}

/** `conda config --set ssl_verify false`. */
function condaHits(args: Word[]): Hit[] {
  const at = args.findIndex((w, i) => w.value === '--set' && args[i + 1]?.value === 'ssl_verify')
  if (at < 0 || !FALSE.has((args[at + 2]?.value ?? '').toLowerCase())) return []
  return [{ word: args[at + 1], what: 'turns off certificate checks in conda' }]
}

/** `--setopt=sslverify=0`, `--setopt=*.sslverify=false`, `--setopt myrepo.sslverify=0`. */
function setoptHits(args: Word[]): Hit[] {
  const out: Hit[] = []
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    let setting: Word | undefined
    if (value.startsWith('--setopt=')) setting = slice(args[i], '--setopt='.length)
    else if (value === '--setopt') setting = args[i + 1]
    if (!setting) continue
    const [key, option] = splitOnce(setting.value, '=')
    if (/(?:^|\.)sslverify$/i.test(key) && FALSE.has(option.toLowerCase())) {
      out.push({ word: args[i], what: 'turns off certificate checks for the package repositories' })
    }
  }
  return out
}

/** `apt-get -o Acquire::https::Verify-Peer=false`. */
function aptHits(args: Word[]): Hit[] {
  const parsed = parseArgs(args, { valued: ['-o', '--option', '-c', '--config-file', '-t', '--target-release'] })
  const out: Hit[] = []
  for (const option of parsed.options) {
    if ((option.name !== '-o' && option.name !== '--option') || !option.value) continue
    const [key, value] = splitOnce(option.value.value, '=')
    if (isAptVerifyKey(key) && FALSE.has(value.toLowerCase())) {
      out.push({ word: option.value, what: 'turns off certificate checks for the apt repositories' })
    }
  }
  return out
}

function isAptVerifyKey(key: string): boolean {
  return /^Acquire::https?::(?:[^:]{1,253}::)?Verify-(?:Peer|Host)$/i.test(key)
}

/** `pip install --trusted-host x`, `pip config set global.trusted-host x`, `uv pip install --allow-insecure-host x`. */
function pipHits(runner: Invocation): Hit[] {
  const pip = pipCommand(runner)
  if (!pip) return []
  const what = `makes ${pip.label} accept any certificate (and plain HTTP) from that host`
  const out: Hit[] = []
  pip.args.forEach((word, i) => {
    const match = /^--(?:trusted-host|allow-insecure-host)(=?)/.exec(word.value)
    if (!match) return
    const value = pip.args[i + 1]
    const words = match[1] === '=' || word.value.length > match[0].length ? [word] : value ? [word, value] : undefined
    out.push({ word, what, removal: words && { words } })
  })
  const words = pip.args.filter((w) => !w.value.startsWith('-'))
  if (words[0]?.value === 'config' && words[1]?.value === 'set' && /(?:^|\.)trusted-host$/.test(words[2]?.value ?? '')) {
    out.push({ word: words[2], what })
  }
  return out
}

/**
 * What an environment variable turns off, if it does. git reads `GIT_SSL_NO_VERIFY` with getenv() and
 * turns verification off when it is set at all (git's http.c, http_init): `0`, `false`, an empty value
 * and one that expands to nothing included.
 */
function variableDisables(name: string, value: string | undefined): string | undefined {
  if (name.toUpperCase() === 'GIT_SSL_NO_VERIFY') return gitNoVerify(value)
  if (value === undefined) return undefined
  const lower = value.trim().toLowerCase()
  switch (name.toUpperCase()) {
    case 'PIP_TRUSTED_HOST':
      return lower !== '' ? 'makes pip accept any certificate (and plain HTTP) from those hosts' : undefined
    case 'PYTHONHTTPSVERIFY':
      return lower === '0' ? "turns off certificate checks in Python's HTTPS client" : undefined
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      return lower === '0' ? 'turns off certificate checks in every Node.js program' : undefined
    case 'NPM_CONFIG_STRICT_SSL':
    case 'YARN_ENABLE_STRICT_SSL':
      return FALSE.has(lower) ? 'turns off certificate checks in npm and yarn' : undefined
    case 'CONDA_SSL_VERIFY':
      return FALSE.has(lower) ? 'turns off certificate checks in conda' : undefined
    default:
      return undefined
  }
}

function gitNoVerify(value: string | undefined): string {
  if (value !== undefined && value.trim() !== '' && !FALSE.has(value.trim().toLowerCase())) return 'turns off certificate checks in git'
  const written = value === undefined ? 'whatever it expands to' : value.trim() === '' ? 'even empty' : `even "${value}"`
  return `turns off certificate checks in git, ${written}: git turns them off whenever the variable is set, whatever its value`
}

/**
 * Settings a RUN writes into configuration files: `sslverify=0` (yum, dnf, git), `strict-ssl=false`
 * (.npmrc), `trusted-host` (pip.conf), `check_certificate = off` (.wgetrc), `insecure` (.curlrc),
 * `Acquire::https::Verify-Peer "false"` (apt.conf).
 */
function checkWritten(model: DockerfileModel, instruction: Instruction, fire: Fire): void {
  for (const written of writtenTexts(model, instruction)) {
    for (const setting of settingsIn(written)) {
      const what = settingDisables(setting.key, setting.value)
      if (what) fire(model.index.range(setting.start, setting.end), `${setting.key}=${setting.value}`, what)
    }
    for (const line of writtenLines(written)) {
      const text = line.text.trim()
      const from = line.text.indexOf(text)
      const apt = /^(Acquire::https?::(?:[^:\s]{1,253}::)?Verify-(?:Peer|Host))\s+"?(false|0|no)"?/i.exec(text)
      if (apt) fire(model.index.range(line.at(from), line.at(from + apt[1].length)), apt[0], 'turns off certificate checks for the apt repositories')
      if (written.destination?.endsWith('.curlrc') && /^(?:insecure|-k|--insecure)$/.test(text)) {
        fire(model.index.range(line.at(from), line.at(from + text.length)), text, 'in .curlrc turns off certificate checks in every curl')
      }
    }
  }
}

function settingDisables(key: string, value: string): string | undefined {
  const lower = value.toLowerCase()
  const name = key.toLowerCase()
  if ((name === 'sslverify' || name.endsWith('.sslverify')) && FALSE.has(lower)) return 'turns off certificate checks (yum/dnf repository or git configuration)'
  if (name === 'strict-ssl' && FALSE.has(lower)) return 'turns off certificate checks in npm'
  if (name === 'trusted-host' && lower !== '') return 'makes pip accept any certificate (and plain HTTP) from that host'
  if (name === 'check_certificate' && FALSE.has(lower)) return 'turns off certificate checks in wget'
  if (name === 'ssl_verify' && FALSE.has(lower)) return 'turns off certificate checks in conda'
  return undefined
}
