import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF015: DockerfileRule = {
  id: 'DF015',
  slug: 'ssh-server',
  title: 'SSH server in the image',
  severity: 'medium',
  principles: ['P1'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
