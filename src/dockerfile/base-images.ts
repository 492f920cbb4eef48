import type { ImageName } from './image.js'

/**
 * What is known about base images without pulling them: whether they are Windows images and which
 * ones start as a non-root user. Every entry of the built-in list is documented in docs/rules/DF001.md.
 */

/** The tag's dash-separated parts: `3.12-windowsservercore-ltsc2022` is 3.12, windowsservercore, ltsc2022. */
function tagParts(name: ImageName): string[] {
  return (name.tag ?? '').toLowerCase().split('-')
}

/** Windows Server Core, Nano Server and images built on them (`python:3-windowsservercore`, `golang:nanoserver`). */
export function isWindowsImage(name: ImageName): boolean {
  const repository = name.repository.toLowerCase()
  if (name.registry === 'mcr.microsoft.com' && (repository === 'windows' || repository.startsWith('windows/'))) return true
  if (name.registry === 'docker.io' && /^microsoft\/(?:windowsservercore|nanoserver)$/.test(repository)) return true
  return tagParts(name).some((part) => part === 'windowsservercore' || part === 'servercore' || part === 'nanoserver')
}

/** The account a Windows image starts as: Nano Server starts as ContainerUser, the others as ContainerAdministrator. */
export function windowsDefaultUser(name: ImageName): 'ContainerUser' | 'ContainerAdministrator' {
  const repository = name.repository.toLowerCase()
  const nano = repository.endsWith('nanoserver') || tagParts(name).includes('nanoserver')
  return nano ? 'ContainerUser' : 'ContainerAdministrator'
}

/** The Windows administrator accounts, the equivalent of root (user names are case-insensitive on Windows). */
export function isWindowsAdministrator(user: string): boolean {
  const name = user.split(':')[0].trim().toLowerCase()
  return name === 'containeradministrator' || name === 'administrator'
}

/** Built-in knowledge: images whose own configuration sets a non-root USER. */
const NON_ROOT_IMAGES: Array<{ why: string; matches: (name: ImageName) => boolean }> = [
  {
    why: 'distroless and similar `nonroot` tags run as uid 65532',
    matches: (name) => hasTagSuffix(name, 'nonroot')
  },
  {
    why: '`rootless` tags (docker:dind-rootless, gitea rootless) set a non-root USER',
    matches: (name) => hasTagSuffix(name, 'rootless')
  },
  {
    why: 'Chainguard images run as nonroot, except -dev variants and the wolfi-base/chainguard-base/busybox bases',
    matches: (name) =>
      name.registry === 'cgr.dev' &&
      !/(?:^|\/)(?:wolfi-base|chainguard-base|busybox)$/.test(name.repository) &&
      !tagParts(name).includes('dev')
  },
  {
    why: 'Bitnami images run as uid 1001, except the minideb base',
    matches: (name) => name.registry === 'docker.io' && /^bitnami(?:legacy|secure)?\//.test(name.repository) && !name.repository.endsWith('/minideb')
  },
  {
    why: 'nginx-unprivileged runs as the nginx user (uid 101)',
    matches: (name) => name.registry === 'docker.io' && name.repository === 'nginxinc/nginx-unprivileged'
  },
  {
    why: 'Elastic Stack images (Elasticsearch, Kibana, Logstash, Beats, Elastic Agent) run as uid 1000',
    matches: (name) =>
      name.registry === 'docker.elastic.co' && /^(?:elasticsearch|kibana|logstash|beats|elastic-agent|apm)\//.test(name.repository)
  },
  {
    why: '.NET chiseled images run as the app user (uid 1654)',
    matches: (name) => name.registry === 'mcr.microsoft.com' && name.repository.startsWith('dotnet/') && tagParts(name).some((p) => p.startsWith('chiseled'))
  },
  {
    why: 'Nano Server images start as ContainerUser',
    matches: (name) => isWindowsImage(name) && windowsDefaultUser(name) === 'ContainerUser'
  }
]

function hasTagSuffix(name: ImageName, suffix: string): boolean {
  const tag = (name.tag ?? '').toLowerCase()
  return tag === suffix || tag.endsWith(`-${suffix}`)
}

/** True when the image is known to start as a non-root user: the built-in list, or `nonRootImages` of the config. */
export function isKnownNonRootImage(name: ImageName, configured: string[]): boolean {
  return NON_ROOT_IMAGES.some((entry) => entry.matches(name)) || configured.some((pattern) => matchesImagePattern(name, pattern))
}

/**
 * `repo` matches every tag of the repository, `repo:tag` one tag; `*` matches any text (`/` included),
 * so `*:nonroot` matches `gcr.io/distroless/static:nonroot`. Docker Hub names match with or without
 * `docker.io/` and `library/`.
 */
export function matchesImagePattern(name: ImageName, pattern: string): boolean {
  const trimmed = pattern.trim()
  if (trimmed === '') return false
  const colon = trimmed.lastIndexOf(':')
  const hasTag = colon > trimmed.lastIndexOf('/')
  const repoPattern = hasTag ? trimmed.slice(0, colon) : trimmed
  const tagPattern = hasTag ? trimmed.slice(colon + 1) : undefined
  if (tagPattern !== undefined && !globMatch(tagPattern, name.tag ?? 'latest')) return false
  return repositoryForms(name).some((form) => globMatch(repoPattern.toLowerCase(), form))
}

function repositoryForms(name: ImageName): string[] {
  const repository = name.repository.toLowerCase()
  const forms = [`${name.registry}/${repository}`]
  if (name.registry === 'docker.io') {
    forms.push(repository)
    if (repository.startsWith('library/')) forms.push(repository.slice('library/'.length))
  }
  return forms
}

/** Wildcard match with `*` (any text) and `?` (one character); iterative, O(pattern × text) at worst. */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0
  let t = 0
  let star = -1
  let mark = 0
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++
      t++
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++
      mark = t
    } else if (star >= 0) {
      p = star + 1
      t = ++mark
    } else return false
  }
  while (p < pattern.length && pattern[p] === '*') p++
  return p === pattern.length
}
