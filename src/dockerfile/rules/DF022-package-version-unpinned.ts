import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF022: DockerfileRule = {
  id: 'DF022',
  slug: 'package-version-unpinned',
  title: 'Package versions not pinned',
  severity: 'info',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
