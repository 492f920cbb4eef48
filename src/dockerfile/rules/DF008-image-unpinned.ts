import type { DockerfileRule } from '../rule.js'

// TODO: not implemented yet.
export const DF008: DockerfileRule = {
  id: 'DF008',
  slug: 'image-unpinned',
  title: 'Image not pinned to a version',
  severity: 'medium',
  principles: ['P3'],
  rationale: 'TODO',
  fix: 'TODO',
  equivalents: {},
  check() {}
}
