import { ownDefinitions, quote, type ComposeRule } from '../rule.js'

/** Sysctls the kernel keeps per IPC or UTS namespace; `net.*` is per network namespace. */
function namespaced(name: string, hostNetwork: boolean): boolean {
  if (name.startsWith('net.')) return !hostNetwork
  if (name.startsWith('fs.mqueue.')) return true
  if (name.startsWith('kernel.shm') || name.startsWith('kernel.msg')) return true
  return name === 'kernel.sem' || name === 'kernel.domainname' || name === 'kernel.hostname'
}

export const DC019: ComposeRule = {
  id: 'DC019',
  slug: 'host-sysctl',
  title: 'Host kernel parameter set',
  severity: 'medium',
  principles: ['P4'],
  rationale:
    'A sysctl outside the namespaced sets (vm.*, kernel.*, fs.* …, or net.* with host networking) changes the kernel of the host, for every process on it.',
  fix: 'Set host kernel parameters on the host (its provisioning), not from a service; keep only namespaced sysctls here.',
  equivalents: {},
  check(project, report) {
    for (const { view, service } of ownDefinitions(project)) {
      const hostNetwork = view.effective.namespaces.network_mode?.value?.trim().toLowerCase() === 'host'
      for (const sysctl of service.sysctls) {
        const name = sysctl.name.trim().replace(/\//g, '.').toLowerCase()
        if (namespaced(name, hostNetwork)) continue
        const why = name.startsWith('net.') ? 'with network_mode: host it sets the host\'s network stack' : 'it is not namespaced, so it changes the host kernel'
        report(sysctl.span, `Service "${service.name}" sets sysctl ${quote(sysctl.name)}: ${why}. Set it on the host instead.`)
      }
    }
  }
}
