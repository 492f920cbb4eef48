import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF012: DockerfileRule = {
  id: 'DF012',
  slug: 'insecure-transport',
  title: 'Download over an insecure transport',
  severity: 'medium',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
