import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF006: DockerfileRule = {
  id: 'DF006',
  slug: 'secret-in-build-config',
  title: 'Secret in build configuration',
  severity: 'high',
  principles: ['S'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
