/** URLs in commands: their scheme and host, and whether traffic to them leaves the machine. */

export interface UrlParts {
  /** Lower case, without `://`. */
  scheme: string
  /** Lower case; `[::1]` keeps its brackets. Empty when the host is an expansion (`http://$HOST/`). */
  host: string
  path: string
}

const URL_START = /^([A-Za-z][A-Za-z0-9+.-]{0,15}):\/\//

export function parseUrl(text: string): UrlParts | undefined {
  const match = URL_START.exec(text)
  if (!match) return undefined
  const rest = text.slice(match[0].length)
  const pathAt = firstOf(rest, ['/', '?', '#'])
  let authority = rest.slice(0, pathAt)
  authority = authority.slice(authority.lastIndexOf('@') + 1)
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0]
  return { scheme: match[1].toLowerCase(), host: host.startsWith('$') ? '' : host.toLowerCase(), path: rest.slice(pathAt) }
}

function firstOf(text: string, chars: string[]): number {
  let best = text.length
  for (const c of chars) {
    const at = text.indexOf(c)
    if (at >= 0 && at < best) best = at
  }
  return best
}

/** Loopback: the request never leaves the build container. */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  )
}

/** The file name a download saves to when not told (`curl -O`, `wget`): the last path segment, query dropped. */
export function remoteFileName(url: string): string | undefined {
  const parts = parseUrl(url)
  if (!parts) return undefined
  const path = parts.path.split(/[?#]/)[0]
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name === '' ? undefined : decodeURIComponentSafe(name)
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
