import { describeRefusal } from '../../core/workspace.js'
import { fileReferences } from '../project.js'
import type { ComposeRule } from '../rule.js'

export const DC021: ComposeRule = {
  id: 'DC021',
  slug: 'invalid-compose',
  title: 'Invalid Compose file',
  severity: 'medium',
  principles: ['-'],
  rationale: 'A file that cannot be understood cannot be reviewed: what it would run stays unchecked, and Compose refuses it anyway.',
  fix: 'Fix the YAML or the key named in the message (`docker compose config` refuses the same file, except where the message says Compose would read it).',
  equivalents: {},
  check(project, report, context) {
    for (const problem of project.file.problems) {
      report(problem.span, `${problem.message}. ${consequence(problem.composeRejects)}`)
    }
    // A path that leads outside the repository is never read: said at low, on the line that names it.
    for (const { key, text, reference } of fileReferences(project.file)) {
      const refusal = reference.ok ? context.workspace.refusal?.(reference.path) : reference.refusal
      if (!refusal) continue
      const unread = refusal.kind === 'too-large' ? 'it was not read' : 'Containment never reads outside the repository'
      report(
        text.span,
        `${key} "${text.raw.slice(0, 200)}" ${describeRefusal(refusal)}: ${unread}, so what it brings in is not checked. Keep the files a Compose project reads inside the repository, or review that file on its own.`,
        { severity: 'low' }
      )
    }
  }
}

/** What follows from the problem; that Compose refuses the file is said only when it does. */
function consequence(composeRejects: boolean): string {
  if (composeRejects) return 'The file cannot be fully understood, so what it would run is not all checked; fix it (docker compose config refuses it too).'
  return 'Compose may still read this file (go-yaml, its YAML library, accepts it), but Containment stops here, at a bound of its own or YAML its parser cannot follow, so what it would run is not all checked.'
}
