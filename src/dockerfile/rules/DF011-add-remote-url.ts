import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF011: DockerfileRule = {
  id: 'DF011',
  slug: 'add-remote-url',
  title: 'ADD from a remote URL without a checksum',
  severity: 'medium',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
