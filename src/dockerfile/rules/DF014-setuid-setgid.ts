import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF014: DockerfileRule = {
  id: 'DF014',
  slug: 'setuid-setgid',
  title: 'setuid/setgid bit or file capabilities',
  severity: 'medium',
  principles: ['P2', 'P5'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
