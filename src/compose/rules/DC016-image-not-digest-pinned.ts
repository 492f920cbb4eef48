import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { pinningOf, pulledImage } from '../images.js'

export const DC016: ComposeRule = {
  id: 'DC016',
  slug: 'image-not-digest-pinned',
  title: 'Image not pinned by digest',
  severity: 'info',
  principles: ['P3'],
  rationale: 'A tag can be moved to other content by whoever controls the repository; only a digest names exactly what was reviewed.',
  fix: 'Add the digest: `image: name:tag@sha256:…` (tools such as Renovate keep it current).',
  equivalents: { cis: ['4.2'] },
  check(project, report) {
    for (const { view, service } of ownDefinitions(project)) {
      const image = pulledImage(view, service.image)
      if (!image || pinningOf(image.name) !== 'tag') continue
      report(
        image.text.span,
        `Service "${service.name}" image ${quote(image.text.raw)} is pinned by tag only: the tag can be moved to other content. Add its @sha256 digest.`
      )
    }
  }
}
