import type { ComposeRule } from '../rule.js'

export const DC021: ComposeRule = {
  id: 'DC021',
  slug: 'invalid-compose',
  title: 'Invalid Compose file',
  severity: 'medium',
  principles: ['-'],
  rationale: 'A file that cannot be understood cannot be reviewed: what it would run stays unchecked, and Compose refuses it anyway.',
  fix: 'Fix the YAML or the key named in the message (`docker compose config` shows the same error).',
  equivalents: {},
  check(project, report) {
    for (const problem of project.file.problems) {
      report(problem.span, `${problem.message}. The file cannot be fully understood, so what it would run is not all checked; fix it (docker compose config reports the same).`)
    }
  }
}
