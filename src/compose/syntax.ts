import { UNKNOWN } from './interpolate.js'

/**
 * Compose's short syntaxes, read as compose-go reads them, on interpolated text whose unknown parts are
 * marked with UNKNOWN. A part that holds UNKNOWN is returned as undefined: unknown, never assumed.
 */

/** Compose's booleans: `true`, `"true"`, `yes`, `on`, `1` (any case) after interpolation. */
export function toBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined
  switch (value.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case 'y':
    case 'on':
    case '1':
      return true
    case 'false':
    case 'no':
    case 'n':
    case 'off':
    case '0':
      return false
    default:
      return undefined
  }
}

/** `cap_add`/`cap_drop` names compare case-insensitively, with or without `CAP_`. */
export function capabilityName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const upper = value.trim().toUpperCase()
  return upper.startsWith('CAP_') ? upper.slice(4) : upper
}

/** `security_opt` entries: `key:value` (deprecated) or `key=value`, split at the first separator. */
export function securityOption(value: string | undefined): { key: string; value: string | undefined } | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  const at = text.search(/[:=]/)
  if (at < 0) return { key: text.toLowerCase(), value: undefined }
  return { key: text.slice(0, at).trim().toLowerCase(), value: text.slice(at + 1).trim() }
}

export interface PortSpec {
  /** undefined when unknown; '' when none is given (all interfaces). */
  hostIp: string | undefined
  /** The host port or range; '' when Compose picks one; undefined when unknown. */
  published: string | undefined
  /** The container port or range; undefined when unknown. */
  target: string | undefined
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, IPv6 host IPs bracketed or not (nat.ParsePortSpec). */
export function parsePortShort(shape: string): PortSpec {
  let spec = shape.trim()
  const slash = spec.lastIndexOf('/')
  if (slash >= 0) spec = spec.slice(0, slash)
  let hostIp = ''
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']')
    if (close > 0) {
      hostIp = spec.slice(1, close)
      spec = spec.slice(close + 1).replace(/^:/, '')
      const parts = spec.split(':')
      return {
        hostIp: known(hostIp),
        published: known(parts.length > 1 ? parts[0] : ''),
        target: known(parts[parts.length - 1])
      }
    }
  }
  const parts = spec.split(':')
  const target = parts[parts.length - 1]
  const published = parts.length >= 2 ? parts[parts.length - 2] : ''
  hostIp = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : ''
  // An unknown value where the host port goes may itself hold "127.0.0.1:8080": the host IP is unknown too.
  const hidden = parts.length < 3 && parts.slice(0, 2).some((p) => p.includes(UNKNOWN))
  return { hostIp: hidden ? undefined : known(stripBrackets(hostIp)), published: known(published), target: known(target) }
}

/** Long syntax `published` sometimes carries a host IP (`127.0.0.1:8080`, or only an IP): read it leniently. */
export function splitPublished(published: string): { hostIp?: string; port: string } {
  if (isIpAddress(published)) return { hostIp: published, port: '' }
  const colon = published.lastIndexOf(':')
  if (colon < 0) return { port: published }
  return { hostIp: stripBrackets(published.slice(0, colon)), port: published.slice(colon + 1) }
}

function isIpAddress(text: string): boolean {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(text)) return true
  const bare = stripBrackets(text)
  return bare.split(':').length >= 3 && /^[0-9a-fA-F:.]+$/.test(bare)
}

/** Ports of a `8000-8010` range or a single `8080`; undefined when not numeric. Ranges are capped. */
export function portNumbers(spec: string | undefined): number[] | undefined {
  if (spec === undefined || spec === '') return undefined
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(spec.trim())
  if (!match) return undefined
  const from = Number(match[1])
  const to = match[2] === undefined ? from : Number(match[2])
  if (to < from || to - from > 65535) return undefined
  const out: number[] = []
  for (let p = from; p <= to; p++) out.push(p)
  return out
}

export interface VolumeSpec {
  /** Host path, volume name, or '' for an anonymous volume; undefined when unknown. */
  source: string | undefined
  /** The source with unknown parts marked, for checks that only need a known suffix (`…/docker.sock`). */
  sourceShape: string
  target: string | undefined
  options: string[]
  kind: 'bind' | 'volume'
}

/** `[SOURCE:]TARGET[:MODE]` (compose-go ParseVolume), Windows drive letters kept in the source. */
export function parseVolumeShort(shape: string): VolumeSpec {
  const parts: string[] = []
  let buffer = ''
  for (let i = 0; i < shape.length; i++) {
    const c = shape[i]
    if (c === ':' && !isWindowsDriveColon(shape, i, buffer)) {
      parts.push(buffer)
      buffer = ''
    } else buffer += c
  }
  parts.push(buffer)
  const [first, second, ...rest] = parts
  if (parts.length === 1) {
    return { source: '', sourceShape: '', target: known(first), options: [], kind: 'volume' }
  }
  const options = rest.join(':').split(',').map((o) => o.trim().toLowerCase()).filter(Boolean)
  return { source: known(first), sourceShape: first, target: known(second), options, kind: isFilePath(first) ? 'bind' : 'volume' }
}

function isWindowsDriveColon(text: string, i: number, buffer: string): boolean {
  return i === 1 && /^[A-Za-z]$/.test(buffer) && (text[2] === '\\' || text[2] === '/')
}

/** compose-go isFilePath: `.`, `/`, `~`, or a Windows absolute path. */
export function isFilePath(source: string): boolean {
  return /^[./~\\]/.test(source) || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith(UNKNOWN + '/')
}

export interface DeviceSpec {
  host: string | undefined
  hostShape: string
  container: string | undefined
  permissions: string | undefined
}

/** `HOST[:CONTAINER[:PERMISSIONS]]`; CDI names (`vendor.com/class=name`) have no host path. */
export function parseDeviceShort(shape: string): DeviceSpec | undefined {
  if (!shape.startsWith('/') && !shape.startsWith(UNKNOWN)) return undefined
  const [host, container, permissions] = shape.split(':')
  return { host: known(host), hostShape: host, container: known(container ?? host), permissions: known(permissions ?? 'rwm') }
}

/** `NAME=value` (environment, args, sysctls in list form); no `=`: the name alone. */
export function splitAssignment(text: string): { name: string; value: string | undefined; valueOffset: number } {
  const eq = text.indexOf('=')
  if (eq < 0) return { name: text.trim(), value: undefined, valueOffset: text.length }
  return { name: text.slice(0, eq).trim(), value: text.slice(eq + 1), valueOffset: eq + 1 }
}

/** Lexically normalised absolute path: `//var/run/` → `/var/run`, `/a/./b/../c` → `/a/c`; `~` kept first. */
export function normalizeHostPath(path: string): string {
  const home = path.startsWith('~')
  const parts: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  if (home) return parts.join('/')
  return '/' + parts.join('/')
}

function known(part: string | undefined): string | undefined {
  if (part === undefined) return undefined
  return part.includes(UNKNOWN) ? undefined : part
}

function stripBrackets(ip: string): string {
  return ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip
}
