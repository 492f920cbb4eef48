import type { Severity } from '../../core/finding.js'
import type { NamespaceKey } from '../model.js'
import { ownDefinitions, quote, type ComposeRule } from '../rule.js'

const SEVERITY: Record<NamespaceKey, Severity> = {
  network_mode: 'high',
  pid: 'high',
  ipc: 'high',
  uts: 'medium',
  userns_mode: 'medium',
  cgroup: 'medium'
}

const WHAT: Record<NamespaceKey, string> = {
  network_mode: "the host's network stack (every interface, localhost services, the firewall)",
  pid: "the host's processes (signals, /proc/<pid>/root of every process)",
  ipc: "the host's shared memory and semaphores",
  uts: "the host's hostname (it can change it)",
  userns_mode: 'no user namespace remapping: root in the container is root on the host',
  cgroup: "the host's cgroup tree"
}

export const DC006: ComposeRule = {
  id: 'DC006',
  slug: 'host-namespace',
  title: 'Host namespace shared',
  severity: 'high',
  principles: ['P7'],
  rationale: "Namespaces are the container's walls: sharing the host's network, PID or IPC namespace removes one.",
  fix: 'Remove the setting; publish ports instead of host networking, and talk to other processes through the network.',
  equivalents: {
    kics: [
      '071a71ff-f868-47a4-ac0b-3c59e4ab5443',
      '4f31dd9f-2cc3-4751-9b53-67e4af83dac0',
      'baa3890f-bed7-46f5-ab8f-1da8fc91c729',
      '8af7162d-6c98-482f-868e-0d33fb675ca8'
    ],
    cis: ['5.10', '5.16', '5.17', '5.21', '5.31']
  },
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const [key, text] of Object.entries(service.namespaces) as Array<[NamespaceKey, NonNullable<(typeof service.namespaces)[NamespaceKey]>]>) {
        if (text.value?.trim().toLowerCase() !== 'host') continue
        report(
          text.span,
          `Service "${service.name}" sets ${quote(`${text.key ?? key}: ${text.raw}`)}: it shares ${WHAT[key]}. Remove the setting and keep the container in its own namespace.`,
          { severity: SEVERITY[key] }
        )
      }
    }
  }
}
