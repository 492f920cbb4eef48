import picomatch from 'picomatch'
import type { Config } from './config.js'

type Matcher = (path: string) => boolean

const cache = new Map<string, Matcher>()

/**
 * True when a repository-relative path matches one of the globs, read the way .gitignore reads them:
 * a glob without `/` matches a file or directory name at any depth, one with `/` is anchored at the
 * root, and a matching directory matches everything under it. Dotfiles match (`.devcontainer/`).
 */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false
  const key = globs.join('\0')
  let matcher = cache.get(key)
  if (!matcher) {
    matcher = picomatch(globs.flatMap(expand), { dot: true })
    cache.set(key, matcher)
  }
  return matcher(path.replace(/^\.\//, ''))
}

/** True when the config's `exclude` globs keep this file out of the scan. */
export function isExcluded(path: string, config: Pick<Config, 'exclude'>): boolean {
  return matchesAny(path, config.exclude)
}

function expand(glob: string): string[] {
  const anchored = glob.replace(/^\.?\//, '')
  const directory = anchored.endsWith('/')
  const pattern = directory ? anchored.slice(0, -1) : anchored
  const rooted = pattern.includes('/') || anchored !== glob
  const base = rooted ? pattern : `**/${pattern}`
  return directory ? [`${base}/**`] : [base, `${base}/**`]
}
