import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF005: DockerfileRule = {
  id: 'DF005',
  slug: 'signature-verification-disabled',
  title: 'Package signature verification disabled',
  severity: 'high',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
