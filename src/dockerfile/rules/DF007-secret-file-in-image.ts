import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF007: DockerfileRule = {
  id: 'DF007',
  slug: 'secret-file-in-image',
  title: 'Credential file copied into the image',
  severity: 'high',
  principles: ['S'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
