import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF001: DockerfileRule = {
  id: 'DF001',
  slug: 'root-user',
  title: 'Image runs as root',
  severity: 'high',
  principles: ['P1', 'P2'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
