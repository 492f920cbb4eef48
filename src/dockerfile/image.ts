/** Docker image references: parsing, and `${VAR}` substitution from ARG defaults. */

export interface ImageName {
  /** Registry host, normalised: Docker Hub is `docker.io`. */
  registry: string
  /** Repository path without registry (`library/node` for `node`). */
  repository: string
  tag?: string
  digest?: string
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'])

/** Parses `[registry/]repo[:tag][@digest]`; undefined for something that is not a reference. */
export function parseImageName(reference: string): ImageName | undefined {
  if (reference === '' || /\s/.test(reference)) return undefined
  let rest = reference
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  if (rest === '') return undefined
  const slash = rest.indexOf('/')
  const first = slash < 0 ? '' : rest.slice(0, slash)
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')
  let registry = hasRegistry ? first.toLowerCase() : 'docker.io'
  let repository = hasRegistry ? rest.slice(slash + 1) : rest
  if (DOCKER_HUB_ALIASES.has(registry)) registry = 'docker.io'
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`
  return { registry, repository, tag, digest }
}

export const FLOATING_TAGS = new Set(['latest', 'stable', 'edge', 'nightly', 'dev', 'canary', 'master', 'main', 'rolling'])

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}` from
 * known values, as BuildKit does in FROM and flags. Returns undefined when a variable stays unknown.
 */
export function substitute(text: string, lookup: (name: string) => string | undefined): string | undefined {
  let out = ''
  let unknown = false
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === '\\' && text[i + 1] === '$') {
      out += '$'
      i += 2
      continue
    }
    if (c !== '$') {
      out += c
      i++
      continue
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2)
      if (close < 0) return undefined
      const value = expandBraced(text.slice(i + 2, close), lookup)
      if (value === undefined) unknown = true
      else out += value
      i = close + 1
      continue
    }
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 257))
    if (!match) {
      out += c
      i++
      continue
    }
    const value = lookup(match[0])
    if (value === undefined) unknown = true
    else out += value
    i += 1 + match[0].length
  }
  return unknown ? undefined : out
}

function expandBraced(inner: string, lookup: (name: string) => string | undefined): string | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(inner)
  if (!match) return undefined
  const [, name, operator, word] = match
  const value = lookup(name)
  switch (operator) {
    case undefined:
      return value
    case ':-':
      return value === undefined || value === '' ? word : value
    case '-':
      return value === undefined ? word : value
    case ':+':
      return value === undefined || value === '' ? '' : word
    case '+':
      return value === undefined ? '' : word
    default:
      return undefined
  }
}
