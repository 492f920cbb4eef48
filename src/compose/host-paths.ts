import type { Severity } from '../core/finding.js'
import { UNKNOWN } from './interpolate.js'
import type { Mount } from './model.js'
import { normalizeHostPath } from './syntax.js'

/**
 * What a host path given to a container reaches: a container runtime's API socket (DC002), or kernel,
 * engine or system state (DC003). Paths are compared by whole components after lexical normalisation
 * (`//var/run/./docker.sock` is `/var/run/docker.sock`; `/etcd-data` is not under `/etc`).
 */

const SOCKET_NAMES = new Set(['docker.sock', 'docker.sock.raw', 'containerd.sock', 'podman.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock'])
const SOCKET_DIRS = new Set(['/run', '/var/run', '/run/containerd', '/var/run/containerd', '/run/podman', '/var/run/podman', '/run/crio', '/var/run/crio'])
/** The Docker Engine's named pipe on Windows (`\\.\pipe\docker_engine`). */
const DOCKER_PIPE = 'docker_engine'

/** The runtime socket (or directory of sockets, or Windows pipe) a bind mount hands over, if any. */
export function runtimeSocket(mount: Mount): string | undefined {
  if (mount.type !== 'bind' && mount.type !== 'npipe') return undefined
  const components = mount.sourceShape.replace(/\\/g, '/').split('/').filter((c) => c !== '' && c !== '.')
  const last = components[components.length - 1]
  if (last !== undefined && !last.includes(UNKNOWN)) {
    if (SOCKET_NAMES.has(last)) return last
    if (last.toLowerCase() === DOCKER_PIPE && mount.sourceShape.replace(/\\/g, '/').includes('pipe/')) return 'the docker_engine pipe'
  }
  if (mount.source === undefined || mount.type !== 'bind') return undefined
  const path = normalizeHostPath(mount.source)
  return SOCKET_DIRS.has(path) ? `${path} (the directory of the runtime sockets)` : undefined
}

const CRITICAL_TREES = ['/proc', '/sys', '/dev', '/boot', '/lib/modules', '/usr/lib/modules', '/var/lib/docker', '/var/lib/containerd']
/**
 * System trees: everything in them belongs to the host (configuration, binaries, root's and users' files,
 * service state). The catalog includes /var and /home as whole trees: a directory made for one service
 * there (`/var/lib/app`) is still host state shared with the container; a project that chose it says so
 * with a suppression.
 */
const HIGH_TREES = ['/etc', '/root', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/var', '/home']
/** Read-only mounts of these are routine and reveal nothing sensitive (time zone, CA certificates). */
const READ_ONLY_BENIGN = [
  '/etc/localtime',
  '/etc/timezone',
  '/usr/share/zoneinfo',
  '/etc/ssl/certs',
  '/etc/ca-certificates',
  '/etc/pki/ca-trust',
  '/usr/share/ca-certificates',
  '/usr/local/share/ca-certificates'
]

export interface SensitivePath {
  /** The tree the path is in (`/etc`), or `/` for the host root. */
  tree: string
  severity: Severity
  /** Written from `~`: the home of whoever runs Compose (under /home, or /root for root), not a fixed tree. */
  home?: boolean
}

/** The sensitive host tree a bind mount source lies in, with its severity (read-only lowers one level). */
export function sensitiveHostPath(source: string, readOnly: boolean): SensitivePath | undefined {
  if (source.includes(UNKNOWN)) return undefined
  const path = hostPath(source)
  if (path === undefined) return undefined
  if (readOnly && READ_ONLY_BENIGN.some((p) => within(path, p))) return undefined
  let found: SensitivePath | undefined
  if (path === '/') found = { tree: '/', severity: 'critical' }
  else {
    const critical = CRITICAL_TREES.find((t) => within(path, t))
    const high = HIGH_TREES.find((t) => within(path, t))
    if (critical) found = { tree: critical, severity: 'critical' }
    else if (high) found = { tree: high, severity: 'high' }
  }
  if (found && source.startsWith('~')) found.home = true
  if (!found || !readOnly) return found
  return { ...found, severity: found.severity === 'critical' ? 'high' : 'medium' }
}

/** An absolute host path; `~` (the home of whoever runs Compose) is a directory under /home. */
function hostPath(source: string): string | undefined {
  if (source.startsWith('~')) return '/home/' + normalizeHostPath(source)
  if (!source.startsWith('/') && !source.startsWith('\\')) return undefined
  return normalizeHostPath(source)
}

function within(path: string, tree: string): boolean {
  return path === tree || path.startsWith(tree + '/')
}
