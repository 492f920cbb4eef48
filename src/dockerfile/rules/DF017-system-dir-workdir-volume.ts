import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF017: DockerfileRule = {
  id: 'DF017',
  slug: 'system-dir-workdir-volume',
  title: 'WORKDIR or VOLUME in a kernel directory',
  severity: 'high',
  principles: ['P4'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
