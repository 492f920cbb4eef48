import { addEntry, replaceValue } from '../fixes.js'
import { missingAnchor, type ComposeRule } from '../rule.js'
import { toBoolean } from '../syntax.js'

export const DC013: ComposeRule = {
  id: 'DC013',
  slug: 'writable-root-filesystem',
  title: 'Root file system writable',
  severity: 'info',
  principles: ['P4'],
  rationale: 'A writable root file system lets an intruder replace binaries and plant tools that survive until the container is recreated.',
  fix: 'Set `read_only: true` and give the paths the service writes a volume or a tmpfs.',
  equivalents: { cis: ['5.13'] },
  autofix: [{ safety: 'review', what: 'sets `read_only: true`' }],
  check(project, report) {
    for (const view of project.views) {
      const readOnly = view.effective.readOnly
      const value = readOnly ? (readOnly.value === undefined ? undefined : toBoolean(readOnly.value)) : false
      if (value !== false) continue
      const at = missingAnchor(view, project, readOnly?.span)
      if (!at) continue
      report(
        at,
        `Service "${view.name}" has a writable root file system${readOnly ? ` ("read_only: ${readOnly.raw}")` : ''}: an intruder can change its binaries. Set read_only: true and mount a volume or tmpfs where it writes.`,
        {
          fix: () =>
            view.home &&
            (replaceValue(project.file, view.home, 'read_only', 'true', 'Set `read_only: true`', 'review') ??
              addEntry(project.file, view.home, 'read_only', 'true', 'Add `read_only: true` (mount a volume or tmpfs where the service writes)', 'review'))
        }
      )
    }
  }
}
