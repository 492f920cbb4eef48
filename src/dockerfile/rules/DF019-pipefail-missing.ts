import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF019: DockerfileRule = {
  id: 'DF019',
  slug: 'pipefail-missing',
  title: 'Pipeline failure masked (no pipefail)',
  severity: 'low',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
