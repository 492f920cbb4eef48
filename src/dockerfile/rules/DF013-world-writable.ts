import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF013: DockerfileRule = {
  id: 'DF013',
  slug: 'world-writable',
  title: 'World-writable permissions',
  severity: 'medium',
  principles: ['P2'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
