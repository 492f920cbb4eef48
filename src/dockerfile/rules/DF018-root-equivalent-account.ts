import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF018: DockerfileRule = {
  id: 'DF018',
  slug: 'root-equivalent-account',
  title: 'Root-equivalent account',
  severity: 'high',
  principles: ['P1', 'P2'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
