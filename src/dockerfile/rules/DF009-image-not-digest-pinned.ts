import { FLOATING_TAGS } from '../image.js'
import { describeReference, imageUses } from '../image-uses.js'
import type { DockerfileRule } from '../rule.js'

export const DF009: DockerfileRule = {
  id: 'DF009',
  slug: 'image-not-digest-pinned',
  title: 'Image not pinned by digest',
  severity: 'info',
  principles: ['P3'],
  rationale: 'A tag can be moved to another image at any time; only a digest names one image for good.',
  fix: 'Add the digest after the tag (python:3.12-slim@sha256:…) and let a bot such as Dependabot or Renovate update both.',
  equivalents: { cis: ['4.2', '4.11'] },
  check(model, report) {
    for (const { reference, via } of imageUses(model)) {
      const name = reference.name
      if (reference.kind !== 'image' || !name || name.digest || !name.tag) continue
      // A floating tag is DF008's finding already; one finding per reference.
      if (FLOATING_TAGS.has(name.tag.toLowerCase())) continue
      report(
        reference.range,
        `${via} ${describeReference(reference)} is pinned by tag only: the tag can be moved to another image. Add its @sha256 digest and let Dependabot or Renovate keep it current.`
      )
    }
  }
}
