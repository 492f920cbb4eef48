import { removeEntry, replaceValue } from '../fixes.js'
import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { toBoolean } from '../syntax.js'

export const DC001: ComposeRule = {
  id: 'DC001',
  slug: 'privileged',
  title: 'Privileged container',
  severity: 'critical',
  principles: ['P1', 'P5'],
  rationale:
    'A privileged container has every capability, every host device and no seccomp or AppArmor confinement: root in it is root on the host.',
  fix: 'Remove `privileged: true`; grant the one capability or device the service needs (cap_add, devices) instead.',
  equivalents: { kics: ['ae5b6871-7f45-42e0-bb4c-ab300c4d2026'], cis: ['5.5'] },
  autofix: [{ safety: 'safe', what: 'removes `privileged: true` (or sets it to `false` in a flow mapping)' }],
  check(project, report) {
    const description = 'Remove `privileged: true`'
    for (const { service } of ownDefinitions(project)) {
      const privileged = service.privileged
      if (!privileged || toBoolean(privileged.value) !== true) continue
      report(
        privileged.span,
        `Service "${service.name}" sets ${quote(`privileged: ${privileged.raw}`)}: a privileged container has all capabilities and host devices, so root in it is root on the host. Remove it and add only the capability or device the service needs.`,
        {
          fix: () =>
            removeEntry(project.file, service, 'privileged', description, 'safe') ??
            replaceValue(project.file, service, 'privileged', 'false', 'Set `privileged: false`', 'safe')
        }
      )
    }
  }
}
