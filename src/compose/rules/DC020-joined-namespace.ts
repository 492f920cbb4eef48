import { ownDefinitions, quote, type ComposeRule } from '../rule.js'

export const DC020: ComposeRule = {
  id: 'DC020',
  slug: 'joined-namespace',
  title: "Another container's namespace joined",
  severity: 'info',
  principles: ['P7'],
  rationale: "Joining another container's network, PID or IPC namespace removes the wall between the two: a compromise of one reaches the other.",
  fix: 'Let the services talk over a Compose network unless they must share the namespace (a sidecar); keep such pairs small.',
  equivalents: {},
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const key of ['network_mode', 'pid', 'ipc'] as const) {
        const text = service.namespaces[key]
        const value = text?.value?.trim().toLowerCase()
        if (!text || !value || !(value.startsWith('service:') || value.startsWith('container:'))) continue
        report(
          text.span,
          `Service "${service.name}" sets ${quote(`${text.key ?? key}: ${text.raw}`)}: it shares that container's namespace, so a compromise of one reaches the other. Use a Compose network unless they must share it.`
        )
      }
    }
  }
}
