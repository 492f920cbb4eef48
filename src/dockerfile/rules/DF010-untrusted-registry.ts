import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF010: DockerfileRule = {
  id: 'DF010',
  slug: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  severity: 'high',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
