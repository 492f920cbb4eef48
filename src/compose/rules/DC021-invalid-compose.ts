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
  check(project, report) {
    for (const problem of project.file.problems) {
      report(problem.span, `${problem.message}. ${consequence(problem.composeRejects)}`)
    }
  }
}

/** What follows from the problem; that Compose refuses the file is said only when it does. */
function consequence(composeRejects: boolean): string {
  if (composeRejects) return 'The file cannot be fully understood, so what it would run is not all checked; fix it (docker compose config refuses it too).'
  return 'Compose may still read this file (go-yaml, its YAML library, accepts it), but Containment stops here, at a bound of its own or YAML its parser cannot follow, so what it would run is not all checked.'
}
