import type { Severity } from '../../core/finding.js'
import { rangeOffsets, type FixDraft } from '../../core/fix.js'
import { insertIntoScalar, replaceRange } from '../fixes.js'
import type { ComposeFile, Port } from '../model.js'
import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { portNumbers } from '../syntax.js'

/** The Docker daemon's API: published on all interfaces it is root on the host for the whole network. */
const DOCKER_API = new Set([2375, 2376])
/** Databases, caches, search engines, brokers and admin interfaces that should never face the network. */
export const DATA_AND_ADMIN_PORTS = new Set([
  5432, 3306, 33060, 1433, 1521, 6379, 27017, 27018, 9200, 9300, 11211, 5984, 8086, 2379, 2380, 9000, 9001, 5672, 15672,
  9042, 7474, 7687, 8529, 28015, 2181, 9092, 8500, 6443, 10250, 4243
])
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '*'])

export const DC012: ComposeRule = {
  id: 'DC012',
  slug: 'port-on-all-interfaces',
  title: 'Port published on all interfaces',
  severity: 'low',
  principles: ['P1', 'P7'],
  rationale:
    'A published port without a host IP listens on every interface of the host, and Docker opens it past host firewalls such as UFW.',
  fix: 'Bind to loopback ("127.0.0.1:5432:5432") unless the port must face the network; put databases and admin interfaces behind a proxy or VPN.',
  equivalents: { kics: ['451d79dc-0588-476a-ad03-3c7f0320abb3'], dclint: ['no-unbound-port-interfaces'], cis: ['5.14'] },
  autofix: [{ safety: 'safe', what: 'binds a database, admin or Docker API port written in short syntax to `127.0.0.1`' }],
  check(project, report, context) {
    const sensitive = new Set([...DATA_AND_ADMIN_PORTS, ...context.config.sensitivePorts])
    for (const { view, service } of ownDefinitions(project)) {
      // With host networking, ports are not published at all (DC006 reports the host network).
      if (view.effective.namespaces.network_mode?.value?.trim().toLowerCase() === 'host') continue
      for (const port of service.ports) {
        if (port.hostIp === undefined || !ALL_INTERFACES.has(port.hostIp)) continue
        const severity = severityOf(port, sensitive)
        const why =
          severity === 'critical'
            ? "it is the Docker API, and whoever reaches it is root on the host"
            : severity === 'high'
              ? 'a database or admin interface reachable from the network is one weak password away from a breach'
              : 'Docker opens it on every interface of the host, past firewalls such as UFW'
        report(
          port.span,
          `Service "${service.name}" publishes port ${quote(port.text)} on all interfaces: ${why}. Bind it to 127.0.0.1 ("127.0.0.1:${port.published || port.target || 'port'}:${port.target ?? 'port'}") unless it must face the network.`,
          { severity, fix: severity === 'low' ? undefined : () => loopbackFix(project.file, port) }
        )
      }
    }
  }
}

/** A port range says nothing about what listens in it: only single ports are recognised as data or admin ports. */
function severityOf(port: Port, sensitive: Set<number>): Severity {
  const single = (spec: string | undefined) => {
    const numbers = portNumbers(spec)
    return numbers?.length === 1 ? numbers : []
  }
  const numbers = [...single(port.target), ...single(port.published)]
  if (numbers.some((n) => DOCKER_API.has(n))) return 'critical'
  if (numbers.some((n) => sensitive.has(n))) return 'high'
  return 'low'
}

/**
 * Binds a short-syntax port to 127.0.0.1: a database or admin interface then answers only on the host
 * itself, and nothing the author asked for changes (published port and target stay). Long syntax and
 * ports written across lines get no fix.
 */
function loopbackFix(file: ComposeFile, port: Port): FixDraft | undefined {
  const { start, end } = rangeOffsets(file.index, port.span.range)
  const written = file.index.text.slice(start, end)
  // A long-syntax mapping (`target: 5432`) is not a port string.
  if (/[\n{}[\]]|:\s/.test(written)) return undefined
  const description = 'Bind the port to 127.0.0.1'
  // `"5432"` alone names the container port: the host IP then needs the empty host port, `127.0.0.1::5432`.
  const prefix = port.published === '' && !written.includes(':') ? '127.0.0.1::' : '127.0.0.1:'
  if (port.hostIp === '') return insertIntoScalar(file, start, end, prefix, description, 'safe')
  const at = written.indexOf(`${port.hostIp}:`)
  if (port.hostIp !== '0.0.0.0' || at < 0) return undefined
  return replaceRange(start + at, start + at + port.hostIp.length, '127.0.0.1', description, 'safe')
}
