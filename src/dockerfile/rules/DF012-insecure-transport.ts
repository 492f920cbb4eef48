import type { Range } from '../../core/finding.js'
import { unwrap, type Command, type Invocation, type Word } from '../../shell/analyze.js'
import { copyArguments } from '../arguments.js'
import { optionValues, parseArgs, slice } from '../command-line.js'
import { downloadOf } from '../downloads.js'
import { environmentSettings } from '../environment.js'
import type { DockerfileModel, Instruction } from '../model.js'
import { pipCommand } from '../packages.js'
import { wordRange, type DockerfileRule } from '../rule.js'
import { isLoopback, parseUrl } from '../urls.js'
import { isVerification } from '../verification.js'
import { settingsIn, writtenTexts } from '../written-text.js'

const WHY = 'anyone on the network path can change it in transit, and the build installs or runs what they send'

export const DF012: DockerfileRule = {
  id: 'DF012',
  slug: 'insecure-transport',
  title: 'Download over an insecure transport',
  severity: 'medium',
  principles: ['P3'],
  rationale: `Plain http://, ftp:// and git:// are neither encrypted nor authenticated: ${WHY}.`,
  fix: 'Use https:// (or ssh for git); when a server only speaks HTTP, verify what you download against a pinned checksum in the same RUN.',
  equivalents: {},
  check(model, report) {
    const fire = (range: Range, url: string, by: string) =>
      report(range, `"${url}" is fetched over ${schemeName(url)} by ${by}: ${WHY}. Use ${secureScheme(url)} or verify the download against a pinned checksum.`, {
        snippet: url
      })
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ADD') checkAdd(model, instruction, fire)
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      const commands = instruction.script?.commands ?? []
      const lastCheck = commands.reduce((last, command, index) => (isVerification(command) ? index : last), -1)
      commands.forEach((command, index) => {
        for (const hit of commandUrls(command, lastCheck > index)) fire(wordRange(model, hit.word), hit.word.value, hit.by)
      })
      for (const written of writtenTexts(model, instruction)) {
        for (const setting of settingsIn(written)) {
          if (!REGISTRY_SETTINGS.has(setting.key.toLowerCase()) || !isInsecure(setting.value)) continue
          fire(model.index.range(setting.valueStart, setting.valueEnd), setting.value, `the "${setting.key}" setting written here`)
        }
      }
    }
    for (const setting of environmentSettings(model)) {
      if (!REGISTRY_VARIABLES.has(setting.name.toUpperCase()) || setting.value === undefined) continue
      for (const url of setting.value.split(/\s+/)) if (isInsecure(url)) fire(setting.range, url, setting.name)
    }
  }
}

/** Registry settings in .npmrc, pip.conf, .yarnrc.yml. */
const REGISTRY_SETTINGS = new Set(['registry', 'index-url', 'extra-index-url', 'find-links', 'npmregistryserver'])
const REGISTRY_VARIABLES = new Set(['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'NPM_CONFIG_REGISTRY', 'YARN_REGISTRY', 'YARN_NPM_REGISTRY_SERVER'])

interface Hit {
  word: Word
  by: string
}

/** A URL that travels in clear over the network: http, ftp or git, to a host that is not this machine. */
function isInsecure(text: string, schemes = ['http', 'ftp']): boolean {
  const url = parseUrl(text)
  return url !== undefined && schemes.includes(url.scheme) && !isLoopback(url.host)
}

function commandUrls(command: Command, verifiedLater: boolean): Hit[] {
  const download = downloadOf(command)
  if (download) {
    if (verifiedLater) return []
    const by = download.invocation.program
    return download.urls.filter((w) => isInsecure(w.value) || schemelessHost(w, by)).map((word) => ({ word, by }))
  }
  const runner = unwrap(command)
  switch (runner.program) {
    case 'git':
      return gitUrls(runner)
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return registryUrls(runner, ['--registry'])
    case 'gem':
      return registryUrls(runner, ['--source', '-s', '--add', '-a'])
    default:
      return pipUrls(runner)
  }
}

/** curl and wget take `example.com/x` as `http://example.com/x`. */
function schemelessHost(word: Word, program: string): boolean {
  if ((program !== 'curl' && program !== 'wget') || word.dynamic || parseUrl(word.value)) return false
  const host = /^([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})(?::\d{1,5})?(?:\/|$)/.exec(word.value)?.[1]
  return host !== undefined && /[A-Za-z]/.test(host.split('.').pop() ?? '') && !isLoopback(host.toLowerCase())
}

/** URLs given to git (clone, fetch, remote add, submodule add), except proxies and `insteadOf` rewrites. */
function gitUrls(runner: Invocation): Hit[] {
  const out: Hit[] = []
  runner.args.forEach((word, i) => {
    const previous = runner.args[i - 1]?.value.toLowerCase() ?? ''
    if (previous.endsWith('insteadof') || previous.includes('proxy')) return
    if (isInsecure(word.value, ['http', 'ftp', 'git'])) out.push({ word, by: 'git' })
  })
  return out
}

/** `--registry http://…`, `config set registry http://…`, and package URLs (`npm install http://x/p.tgz`). */
function registryUrls(runner: Invocation, options: string[]): Hit[] {
  const out: Hit[] = []
  runner.args.forEach((word, i) => {
    const previous = runner.args[i - 1]?.value.toLowerCase() ?? ''
    if (previous.includes('proxy')) return
    const option = options.find((o) => o.startsWith('--') && word.value.startsWith(`${o}=`))
    const value = option ? slice(word, option.length + 1) : word
    if (isInsecure(value.value)) out.push({ word: value, by: runner.program })
  })
  return out
}

/** `pip install -i http://…`, `--extra-index-url`, `--find-links`, `pip config set global.index-url http://…`, package URLs. */
function pipUrls(runner: Invocation): Hit[] {
  const pip = pipCommand(runner)
  if (!pip) return []
  const parsed = parseArgs(pip.args, { valued: ['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--proxy', '--cert', '-r', '--requirement', '-c', '--constraint'] })
  const words = [...optionValues(parsed, ['-i', '--index-url', '--extra-index-url', '-f', '--find-links']), ...parsed.operands]
  return words.filter((w) => isInsecure(w.value)).map((word) => ({ word, by: pip.label }))
}

/** `ADD http://…` without `--checksum`: the build fetches it in clear. */
function checkAdd(model: DockerfileModel, instruction: Instruction, fire: (range: Range, url: string, by: string) => void): void {
  if (instruction.flags.some((f) => f.name === 'checksum')) return
  for (const source of copyArguments(model, instruction).sources) {
    if (isInsecure(source.value, ['http', 'ftp', 'git'])) fire(source.range, source.value, 'ADD')
  }
}

function schemeName(url: string): string {
  const scheme = parseUrl(url)?.scheme ?? 'http'
  return scheme === 'git' ? 'the unauthenticated git:// protocol' : `plain ${scheme.toUpperCase()}`
}

function secureScheme(url: string): string {
  const scheme = parseUrl(url)?.scheme ?? 'http'
  return scheme === 'git' ? 'https:// or ssh' : scheme === 'ftp' ? 'https:// (or sftp)' : 'https://'
}
