import type { DockerfileRule } from '../rule.js'

export const DF023: DockerfileRule = {
  id: 'DF023',
  slug: 'invalid-dockerfile',
  title: 'Dockerfile cannot be understood',
  severity: 'medium',
  principles: ['-'],
  rationale: 'A file that cannot be parsed cannot be reviewed: whatever it hides is not checked.',
  fix: 'Fix the syntax at the reported line (the build would fail or behave differently there).',
  equivalents: { hadolint: ['DL1000'] },
  check(model, report) {
    for (const problem of model.problems) {
      report(problem.range, `${problem.message}. The rest of the file is analysed as far as possible; fix this line so that it can be reviewed.`, {
        snippet: problem.snippet
      })
    }
  }
}
