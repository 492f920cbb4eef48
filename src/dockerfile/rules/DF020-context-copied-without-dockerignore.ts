import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF020: DockerfileRule = {
  id: 'DF020',
  slug: 'context-copied-without-dockerignore',
  title: 'Build context copied without .dockerignore',
  severity: 'low',
  principles: ['S'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
