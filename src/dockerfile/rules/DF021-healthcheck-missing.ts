import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF021: DockerfileRule = {
  id: 'DF021',
  slug: 'healthcheck-missing',
  title: 'No HEALTHCHECK',
  severity: 'info',
  principles: ['P8'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
