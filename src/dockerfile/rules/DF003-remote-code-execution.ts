import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF003: DockerfileRule = {
  id: 'DF003',
  slug: 'remote-code-execution',
  title: 'Downloaded code executed without verification',
  severity: 'high',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
