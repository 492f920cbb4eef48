import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF016: DockerfileRule = {
  id: 'DF016',
  slug: 'insecure-build-sandbox',
  title: 'Insecure build sandbox',
  severity: 'high',
  principles: ['P1', 'P7'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
