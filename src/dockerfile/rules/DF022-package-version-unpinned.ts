import type { Word } from '../../shell/analyze.js'
import { packageInstall, type PackageInstall, type PackageManager } from '../packages.js'
import { wordRange, type DockerfileRule } from '../rule.js'

/** How a pinned package is written, per manager, for the message. */
const PIN_EXAMPLE: Partial<Record<PackageManager, string>> = {
  apt: 'name=version',
  apk: 'name=version or name~version',
  pip: 'name==version (or a requirements file with pinned versions)',
  npm: 'name@version',
  gem: 'name:version or -v version'
}
const SHOWN = 5

export const DF022: DockerfileRule = {
  id: 'DF022',
  slug: 'package-version-unpinned',
  title: 'Package versions not pinned',
  severity: 'info',
  principles: ['P3'],
  rationale:
    'An unpinned package installs whatever version the registry serves on the day of the build: two builds of the same Dockerfile can ship different code, and a compromised release goes in unreviewed.',
  fix: 'Pin the versions (apt name=version, apk name=version, pip name==version, npm name@version, gem name:version), or use a lock file.',
  equivalents: {
    hadolint: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028'],
    kics: [
      '965a08d7-ef86-4f14-8792-4a3b2098937e',
      'd3499f6d-1651-41bb-a9a7-de925fea487b',
      '02d9c71f-3ee8-4986-9c27-1a20d0d19bfc',
      'e36d8880-3f78-4546-b9a1-12f0745ca0d5',
      '22cd11f7-9c6c-4f6e-84c0-02058120b341'
    ]
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      for (const command of instruction.script?.commands ?? []) {
        const install = packageInstall(command)
        const example = install && PIN_EXAMPLE[install.manager]
        if (!install || !example) continue
        const unpinned = unpinnedPackages(install)
        if (unpinned.length === 0) continue
        report(wordRange(model, install.at), `"${install.label}" does not pin ${listed(unpinned)}: a rebuild can install other code than the one reviewed. Pin them (${example}).`, {
          snippet: install.label
        })
      }
    }
  }
}

function unpinnedPackages(install: PackageInstall): Word[] {
  const options = new Set(install.parsed.options.map((o) => o.name))
  switch (install.manager) {
    case 'apt':
      return install.packages.filter((w) => !w.value.includes('='))
    case 'apk':
      return install.packages.filter((w) => !/[=~<>]/.test(w.value))
    case 'pip':
      if (options.has('-c') || options.has('--constraint')) return []
      return install.packages.filter((w) => !w.value.includes('=='))
    case 'npm':
      return install.packages.filter((w) => !pinnedNpm(w.value))
    case 'gem':
      // --version pins a single gem; RubyGems refuses it with several (name:version pins each).
      if ((options.has('-v') || options.has('--version')) && install.packages.length === 1) return []
      return install.packages.filter((w) => !/:./.test(w.value))
    default:
      return []
  }
}

const FLOATING_NPM_TAGS = new Set(['latest', 'next', 'canary', 'nightly', 'beta', 'alpha', 'rc', 'dev', 'experimental', 'insiders'])

/** `name@1.2.3`, `@scope/name@^1.2`; not `name`, `name@latest`. */
function pinnedNpm(value: string): boolean {
  const at = value.indexOf('@', 1)
  if (at < 0) return false
  const version = value.slice(at + 1)
  return version !== '' && !FLOATING_NPM_TAGS.has(version.toLowerCase())
}

/** `curl, git and wget`, `a, b, c, d, e and 3 more (8 packages)`. */
function listed(words: Word[]): string {
  const names = words.map((w) => w.value)
  if (names.length === 1) return names[0]
  const shown = names.slice(0, SHOWN)
  const rest = names.length - shown.length
  const text = rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
  return `${text} (${names.length} packages)`
}
