import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF009: DockerfileRule = {
  id: 'DF009',
  slug: 'image-not-digest-pinned',
  title: 'Image not pinned by digest',
  severity: 'info',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
