import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { capabilityName } from '../syntax.js'

/** Capabilities that amount to root on the host (critical) or open a way there (high). */
const CRITICAL = new Set(['ALL', 'SYS_ADMIN'])
const HIGH = new Set([
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'SYS_BOOT',
  'DAC_READ_SEARCH',
  'NET_ADMIN',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'BPF',
  'PERFMON',
  'SYSLOG',
  'SYS_TIME'
])

export const DC004: ComposeRule = {
  id: 'DC004',
  slug: 'dangerous-capability',
  title: 'Dangerous capability added',
  severity: 'high',
  principles: ['P5'],
  rationale:
    'SYS_ADMIN is nearly root; SYS_MODULE loads kernel code, SYS_RAWIO and SYS_PTRACE reach host memory and processes, DAC_READ_SEARCH opened the "shocker" escape, NET_ADMIN and BPF reconfigure the kernel.',
  fix: 'Remove the capability; if one narrow operation needs it, do that operation outside the container or with a dedicated tool.',
  equivalents: { kics: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'], cis: ['5.4'] },
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const cap of service.capAdd) {
        const name = capabilityName(cap.value)
        if (name === undefined) continue
        const severity = CRITICAL.has(name) ? 'critical' : HIGH.has(name) ? 'high' : undefined
        if (!severity) continue
        const why = name === 'ALL' ? 'every capability is root on the host in all but name' : `${name} is a known way from the container to the host`
        report(
          cap.span,
          `Service "${service.name}" adds capability ${quote(cap.raw)}: ${why}. Remove it from cap_add and grant only narrow capabilities such as NET_BIND_SERVICE.`,
          { severity }
        )
      }
    }
  }
}
