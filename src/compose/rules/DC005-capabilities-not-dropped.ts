import { addListItem } from '../fixes.js'
import { missingAnchor, type ComposeRule } from '../rule.js'
import { capabilityName } from '../syntax.js'

export const DC005: ComposeRule = {
  id: 'DC005',
  slug: 'capabilities-not-dropped',
  title: 'Capabilities not dropped',
  severity: 'low',
  principles: ['P5'],
  rationale:
    'Docker gives every container a default set of capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …) that most services never use and an attacker can.',
  fix: 'Add `cap_drop: [ALL]` and add back with cap_add only what the service needs (often nothing, or NET_BIND_SERVICE).',
  equivalents: { kics: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'], cis: ['5.4'] },
  autofix: [{ safety: 'review', what: 'adds `cap_drop: [ALL]` to the service' }],
  check(project, report) {
    for (const view of project.views) {
      const drops = view.effective.capDrop
      // A value that cannot be known is not assumed to miss ALL.
      if (drops.some((d) => d.value === undefined || capabilityName(d.value) === 'ALL')) continue
      const at = missingAnchor(view, project, view.home?.sections.capDrop)
      if (!at) continue
      report(
        at,
        `Service "${view.name}" keeps Docker's default capabilities: no \`cap_drop: [ALL]\`. Drop them all and add back only what the service needs, so a compromise gets no CHOWN, SETUID or NET_RAW for free.`,
        { fix: () => view.home && addListItem(project.file, view.home, 'cap_drop', 'ALL', 'Add `cap_drop: [ALL]` (then add back with cap_add what the service needs)', 'review') }
      )
    }
  }
}
