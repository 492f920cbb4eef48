import { FLOATING_TAGS } from '../image.js'
import { describeReference, imageUses } from '../image-uses.js'
import type { DockerfileRule } from '../rule.js'

export const DF008: DockerfileRule = {
  id: 'DF008',
  slug: 'image-unpinned',
  title: 'Image without a fixed tag',
  severity: 'medium',
  principles: ['P3'],
  rationale:
    'An image with no tag or a floating tag (latest, stable, edge…) is whatever the registry serves at build time: builds are not reproducible and a pushed image is pulled unreviewed.',
  fix: 'Name a version tag (node:20.11-bookworm-slim), better with its digest (node:20.11-bookworm-slim@sha256:…), and update it on purpose.',
  equivalents: {
    hadolint: ['DL3006', 'DL3007'],
    trivy: ['DS-0001'],
    checkov: ['CKV_DOCKER_7'],
    kics: ['9efb0b2d-89c9-41a3-91ca-dcc0aec911fd', 'f45ea400-6bbe-4501-9fc7-1c3d75c32067'],
    cis: ['4.2']
  },
  check(model, report) {
    for (const { reference, via } of imageUses(model)) {
      const name = reference.name
      if (reference.kind !== 'image' || !name || name.digest) continue
      const tag = name.tag
      if (tag !== undefined && tag !== '' && !FLOATING_TAGS.has(tag.toLowerCase())) continue
      const problem = tag ? `uses the floating tag "${tag}"` : 'has no tag (it means "latest")'
      report(
        reference.range,
        `${via} ${describeReference(reference)} ${problem}: the build takes whatever image the registry serves that day, unreviewed. Pin a version tag, and its @sha256 digest.`
      )
    }
  }
}
