import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF004: DockerfileRule = {
  id: 'DF004',
  slug: 'tls-verification-disabled',
  title: 'TLS verification disabled',
  severity: 'high',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
