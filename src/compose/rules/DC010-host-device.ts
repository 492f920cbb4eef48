import type { Severity } from '../../core/finding.js'
import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { normalizeHostPath } from '../syntax.js'

/** Raw memory, I/O ports and disks: a container with these reads or writes the host outright. */
const RAW = [/^\/dev\/(?:mem|kmem|port)$/, /^\/dev\/(?:sd|hd|vd|xvd|nvme|loop|dm-|md|mmcblk)[^/]*$/, /^\/dev\/(?:mapper|disk)(?:\/|$)/]

function deviceSeverity(path: string): Severity {
  return RAW.some((r) => r.test(path)) ? 'high' : 'medium'
}

/** `TYPE MAJOR:MINOR ACCESS`: all devices, all block devices, or /dev/mem, /dev/kmem, /dev/port (char 1:1, 1:2, 1:4). */
function cgroupRuleSeverity(rule: string): Severity {
  const [type, numbers = ''] = rule.trim().split(/\s+/)
  if (type === 'a') return 'high'
  const [major] = numbers.split(':')
  if (type === 'b' && major === '*') return 'high'
  if (type === 'c' && ['1:1', '1:2', '1:4', '*:*'].includes(numbers)) return 'high'
  return 'medium'
}

export const DC010: ComposeRule = {
  id: 'DC010',
  slug: 'host-device',
  title: 'Host device exposed',
  severity: 'high',
  principles: ['P4'],
  rationale: 'Devices are not namespaced: a container given /dev/mem or a disk reads and writes the host directly.',
  fix: 'Remove the device; if hardware access is the service\'s purpose, give the narrowest device node and document why.',
  equivalents: { cis: ['5.18'] },
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const device of service.devices) {
        if (device.host === undefined) continue
        const path = normalizeHostPath(device.host)
        const severity = deviceSeverity(path)
        const why = severity === 'high' ? 'raw memory, ports or disks of the host are read and written directly' : 'device nodes are not namespaced, the container talks to the host driver'
        report(device.span, `Service "${service.name}" is given host device ${quote(device.text)}: ${why}. Remove it unless the service exists to drive that hardware.`, { severity })
      }
      for (const rule of service.deviceCgroupRules) {
        if (rule.value === undefined) continue
        const severity = cgroupRuleSeverity(rule.value)
        report(
          rule.span,
          `Service "${service.name}" allows devices with device_cgroup_rules ${quote(rule.raw)}: a process that can create the device node reaches the host's hardware. Remove the rule or narrow it to the one device needed.`,
          { severity }
        )
      }
    }
  }
}
